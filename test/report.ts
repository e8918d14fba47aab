// Tallies of the slow suites (fuzz cases, fault points, interleavings, payloads tried): printed only when
// HARDENING_REPORT=1 asks, so an ordinary run stays quiet. A failure never depends on it: a failing fuzz
// case puts its seed and path in the error itself.
export const REPORT = Boolean(process.env.HARDENING_REPORT) && process.env.HARDENING_REPORT !== '0';

/** Prints a suite's tally when asked (HARDENING_REPORT=1). */
export function tally(text: string): void {
  if (REPORT) console.log(text);
}
