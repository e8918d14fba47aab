// The bench's cases (dev/bench/cases) that the tests hold to their budgets: those at a few dozen rows in
// the integration lane (test/integration/budgets.test.ts), those at hundreds (400 answers, 500
// gatherings or partners) in the scale lane (test/scale/budgets.test.ts), which takes seconds a case.
// The 5,000-partner cases run in the bench, and in the scale lane only when BUDGETS_ALL is set.
import { measure, type Action, type Figures } from '../../dev/bench/action';
import { CASES } from '../../dev/bench/cases';

/** The largest count a case names ("put 500 gatherings on Calendar", "survey send to 400") or its partners. */
function size(c: Action): number {
  const named = [...c.name.matchAll(/\d[\d,]*/g)].map((m) => Number(m[0].replace(/,/g, '')));
  return Math.max(c.partners ?? 0, ...named);
}

/** At scale: a case of hundreds of rows. */
export const SCALE = 400;

/** Cases held to a budget (or a ceiling) of this lane. */
export function heldCases(lane: 'integration' | 'scale'): Action[] {
  return CASES.filter((c) => {
    if (c.pending || !(c.budget || c.ceiling)) return false;
    const n = size(c);
    if (lane === 'integration') return n < SCALE;
    return n >= SCALE && (n < 5000 || Boolean(process.env.BUDGETS_ALL));
  });
}

const figures = new Map<string, Figures>();

/** A case's figures, measured once per test file. */
export function figuresOf(c: Action): Figures {
  let f = figures.get(c.name);
  if (!f) figures.set(c.name, (f = measure(c)));
  return f;
}

/** Fails when a case is over its budget and has no ceiling, or over its ceiling. */
export function holdBudget(c: Action): void {
  const f = figuresOf(c);
  const over = c.budget?.check(f) ?? '';
  if (!over) return;
  // Over its target: only allowed for a case that says so, and never past its ceiling.
  if (!c.ceiling) throw new Error(`${c.name}: over budget (${c.budget?.text}): ${over}`);
  expect(f.own).toBeLessThanOrEqual(c.ceiling.calls);
  if (c.ceiling.executions !== undefined) expect(f.executions).toBeLessThanOrEqual(c.ceiling.executions);
}
