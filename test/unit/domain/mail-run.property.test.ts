// The decision behind the one mail loop: when a run of emails stops, and what an error means. A model
// of the loop (as workspace/mail-loop.ts drives it) runs over random queues, quotas, batches, clocks
// and errors; whatever happens, no email goes past the quota or the batch, none is tried twice, and
// the reason given for stopping is the true one.
import fc from 'fast-check';
import {
  classifyMailError,
  mailPlan,
  nextStep,
  PROGRESS_BATCH,
  resumeAfter,
  TIME_BUDGET_MS,
  type MailErrorClass,
  type StopReason,
} from '../../../src/server/domain/mail-run';

// Fixed seed: a failure prints the seed and path to replay it.
const RUNS = { seed: 20261212, numRuns: 300 };
const HOUR = 60 * 60 * 1000;

type Outcome = 'ok' | MailErrorClass;

interface Run {
  readonly sent: number[];
  readonly failed: number[];
  readonly left: number[];
  readonly stoppedBy: StopReason | null;
  readonly batches: number[][];
  /** The clock when each batch started. */
  readonly startedAt: number[];
}

/** The loop of workspace/mail-loop.ts, with MailApp and the clock replaced by the arbitraries. */
function simulate(
  emails: number,
  quota: number,
  batch: number,
  outcomes: readonly Outcome[],
  msPerEmail: number,
): Run {
  const sent: number[] = [];
  const failed: number[] = [];
  const batches: number[][] = [];
  const startedAt: number[] = [];
  let left = quota;
  let halted: 'quota' | 'passing' | null = null;
  let next = 0;
  let clock = 0;
  for (;;) {
    const step = nextStep({
      waiting: emails - next,
      sent: sent.length,
      batch,
      quota: left,
      elapsedMs: clock,
      halted,
    });
    if (!('go' in step)) {
      return {
        sent,
        failed,
        left: Array.from({ length: emails - next }, (_, i) => next + i),
        stoppedBy: step.stop,
        batches,
        startedAt,
      };
    }
    const group = Array.from({ length: step.go }, (_, i) => next + i);
    batches.push(group);
    startedAt.push(clock);
    for (const email of group) {
      clock += msPerEmail;
      const outcome = outcomes[email % outcomes.length] ?? 'ok';
      if (outcome === 'permanent') {
        failed.push(email);
        next += 1;
        continue;
      }
      if (outcome !== 'ok') {
        halted = outcome;
        left = 0;
        break;
      }
      next += 1;
      left -= 1;
      sent.push(email);
    }
  }
}

const runs = fc.record({
  emails: fc.integer({ min: 0, max: 300 }),
  quota: fc.integer({ min: 0, max: 400 }),
  batch: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constant(Number.POSITIVE_INFINITY)),
  outcomes: fc.array(
    fc.oneof(
      { arbitrary: fc.constant<Outcome>('ok'), weight: 20 },
      { arbitrary: fc.constantFrom<Outcome>('permanent', 'quota', 'passing'), weight: 1 },
    ),
    { minLength: 1, maxLength: 60 },
  ),
  msPerEmail: fc.oneof(fc.constant(50), fc.integer({ min: 0, max: 20_000 })),
});

describe('nextStep (the mail loop’s stop decision)', () => {
  it('never sends past the quota or the batch, tries each email once, and names the true reason', () => {
    fc.assert(
      fc.property(runs, ({ emails, quota, batch, outcomes, msPerEmail }) => {
        const r = simulate(emails, quota, batch, outcomes, msPerEmail);
        expect(r.sent.length).toBeLessThanOrEqual(Math.min(quota, batch));
        // Each email is sent, failed or left, exactly once, and in order.
        expect([...r.sent, ...r.failed].sort((a, b) => a - b).concat(r.left)).toEqual(
          Array.from({ length: emails }, (_, i) => i),
        );
        const tried = r.batches.flat();
        expect(new Set(tried).size).toBe(tried.length);
        for (const group of r.batches) {
          expect(group.length).toBeGreaterThanOrEqual(1);
          expect(group.length).toBeLessThanOrEqual(PROGRESS_BATCH);
        }
        // No batch starts once the time is spent.
        for (const at of r.startedAt) expect(at).toBeLessThanOrEqual(TIME_BUDGET_MS);
        // Nothing left: no reason. Something left: the reason is true.
        if (!r.left.length) expect(r.stoppedBy).toBeNull();
        else {
          const firstLeft = r.left[0];
          const stoppedOn = outcomes[firstLeft % outcomes.length];
          if (r.stoppedBy === 'batch') expect(r.sent.length).toBe(batch);
          if (r.stoppedBy === 'quota') expect(r.sent.length === quota || stoppedOn === 'quota').toBe(true);
          if (r.stoppedBy === 'time') {
            const outOfTime = r.startedAt.length
              ? r.startedAt.at(-1)! + msPerEmail * r.batches.at(-1)!.length > TIME_BUDGET_MS
              : false;
            expect(outOfTime || stoppedOn === 'passing').toBe(true);
          }
          expect(r.stoppedBy).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('goes with a batch as large as every limit allows, and only then', () => {
    fc.assert(
      fc.property(
        fc.record({
          waiting: fc.integer({ min: -2, max: 200 }),
          sent: fc.integer({ min: 0, max: 200 }),
          batch: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constant(Number.POSITIVE_INFINITY)),
          quota: fc.integer({ min: -5, max: 2000 }),
          elapsedMs: fc.integer({ min: 0, max: 2 * TIME_BUDGET_MS }),
          halted: fc.constantFrom<'quota' | 'passing' | null>(null, null, null, 'quota', 'passing'),
        }),
        (p) => {
          const step = nextStep(p);
          const free =
            p.waiting > 0 && !p.halted && p.sent < p.batch && p.quota >= 1 && p.elapsedMs <= TIME_BUDGET_MS;
          expect('go' in step).toBe(free);
          if ('go' in step)
            expect(step.go).toBe(Math.min(PROGRESS_BATCH, p.batch - p.sent, p.quota, p.waiting));
          else if (p.waiting <= 0) expect(step.stop).toBeNull();
          else if (p.halted) expect(step.stop).toBe(p.halted === 'quota' ? 'quota' : 'time');
        },
      ),
      RUNS,
    );
  });
});

describe('classifyMailError', () => {
  const words = fc.string({ maxLength: 30 }).filter((s) => !/invalid|recipient|too many times/i.test(s));

  it('a spent quota stops the run, whatever else the message says', () => {
    fc.assert(
      fc.property(words, words, fc.constantFrom('too many times', 'Too Many Times'), (a, b, q) => {
        expect(classifyMailError(`${a}${q}${b}`)).toBe('quota');
        expect(classifyMailError(`Invalid email: ${a} ${q}`)).toBe('quota');
      }),
      RUNS,
    );
  });

  it('a bad address fails that email alone; anything else passes and is tried later', () => {
    fc.assert(
      fc.property(words, (a) => {
        expect(classifyMailError(`Invalid email: ${a}`)).toBe('permanent');
        expect(classifyMailError(`Invalid argument: ${a}`)).toBe('permanent');
        expect(classifyMailError(a)).toBe('passing');
      }),
      RUNS,
    );
    expect(classifyMailError('Service invoked too many times for one day: email.')).toBe('quota');
    expect(classifyMailError('Failed to send email: no recipient')).toBe('permanent');
    expect(classifyMailError('We are sorry, a server error occurred. Please wait a bit and try again.')).toBe(
      'passing',
    );
    expect(classifyMailError('Exceeded maximum execution time')).toBe('passing');
  });
});

describe('when the rest goes', () => {
  it('waits a day for the quota, an hour for anything else', () => {
    expect(resumeAfter('quota')).toBe(24 * HOUR);
    for (const stop of ['batch', 'time', null] as const) expect(resumeAfter(stop)).toBe(HOUR);
  });

  it('splits a send into what goes today and what goes when the trigger runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 4e12 }),
        (emails, quota, now) => {
          const plan = mailPlan(emails, quota, now);
          expect(plan.today + plan.later).toBe(emails);
          expect(plan.today).toBe(Math.min(emails, quota));
          expect(plan.laterAt).toBe(plan.later ? new Date(now + 24 * HOUR).toISOString() : '');
        },
      ),
      RUNS,
    );
  });
});
