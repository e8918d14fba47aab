// Two sidebars on two partners, and on a row typed by hand without an id (known to the sidebar only
// by its position until set-up gives it one), every interleaving with the people around them; and
// two set-ups at once. See concurrency-model.ts for the model and the checks.
import { cpuMs } from './arbitraries';
import { OTHERS, runAll, SCENARIOS, summary, type Step } from './concurrency-model';
import { tally } from '../report';

let cpu = 0;
afterAll(() => tally(summary(cpu)));

describe('two sidebars on two rows and the people around them, every interleaving', () => {
  for (const scenario of SCENARIOS.slice(2)) {
    it(`${scenario.name}: with a sort, an insert, a hand edit, a delete, set-up or another save`, () => {
      const t = cpuMs();
      runAll(scenario, [[], ...OTHERS]);
      cpu += cpuMs() - t;
    }, 120_000);
  }

  it('two set-ups and two sidebars at once, around a row typed by hand', () => {
    const t = cpuMs();
    const setUp: Step = { kind: 'setUp' };
    // Two one-step set-up actors interleave exactly as one actor of two set-up steps (the steps are alike).
    runAll(SCENARIOS[3], [[setUp, setUp]]);
    cpu += cpuMs() - t;
  }, 120_000);
});
