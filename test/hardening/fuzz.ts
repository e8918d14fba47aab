// Runs one fuzz property for a test file: a fixed seed, a run count, the CPU it took, and a tally at the
// end (printed with HARDENING_REPORT=1). A failure's error names its seed and path for the replay.
import fc from 'fast-check';
import { cpuMs, runsFromEnv, seedFromEnv, type Families } from './arbitraries';
import { caseArb, newStats, runCase, type Case } from './fuzz-case';
import { tally } from '../report';

export function fuzzSuite(title: string, families: Families, seed: number, runs: number): void {
  const SEED = seedFromEnv(seed);
  const RUNS = runsFromEnv(runs);
  const stats = newStats();
  let cpu = 0;

  afterAll(() => {
    tally(
      [
        `fuzz cases run: ${stats.cases}, lost cells: ${stats.lostCells}`,
        `seed ${SEED} (HARDENING_SEED to change), ${RUNS} runs (HARDENING_RUNS), ${Math.round(cpu)} ms CPU, ${(cpu / Math.max(stats.cases, 1)).toFixed(1)} ms a case`,
        `edits: ${stats.edits.saved} saved, ${stats.edits.invalid} refused as invalid, ${stats.edits.refused} refused as too long; ` +
          `bad cells flagged on their row: ${stats.warningsChecked}; saves refused for a missing column: ${stats.missingColumnProbes}`,
        `failures seen, all clear and expected:\n  ${[...stats.failures].sort().join('\n  ') || 'none'}`,
      ].join('\n'),
    );
  });

  it(
    title,
    () => {
      tally(`fuzz seed: ${SEED}`);
      const t = cpuMs();
      const path = process.env.HARDENING_PATH;
      let details: fc.RunDetails<[Case]>;
      try {
        details = fc.check(
          fc.property(caseArb('heavy', families), (c) => runCase(c, stats)),
          { seed: SEED, numRuns: RUNS, verbose: 1, ...(path ? { path } : {}) },
        );
      } finally {
        cpu += cpuMs() - t;
      }
      if (details.failed) throw new Error(report(details));
    },
    300_000,
  );
}

/** fast-check's report, with the long texts of the counterexample clipped so that it can be read. */
function report(details: fc.RunDetails<[Case]>): string {
  const clip = (_key: string, value: unknown) =>
    typeof value === 'string' && value.length > 60 ? `${value.slice(0, 30)}…(${value.length} chars)` : value;
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `Property failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times.`,
    `Replay: HARDENING_SEED=${details.seed} HARDENING_PATH="${details.counterexamplePath ?? ''}" npx jest <this file>`,
    `Counterexample: ${JSON.stringify(details.counterexample, clip, 1)}`,
    `Error: ${error}`,
  ].join('\n');
}
