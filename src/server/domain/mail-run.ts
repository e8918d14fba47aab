// When a run of emails stops: the decision behind the one mail loop (workspace/mail-loop.ts), which
// sends survey invitations, reminders and gathering follow-ups. Pure: the loop asks before each batch
// and after each error, and does what this says.

/** Stop a run well inside Apps Script's six minutes, to record what went. */
export const TIME_BUDGET_MS = 4.5 * 60 * 1000;
/** Emails recorded as going in one write, then as gone in one: at most this many are uncertain after a crash. */
export const PROGRESS_BATCH = 25;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Why a run stopped with emails still waiting. */
export type StopReason = 'batch' | 'quota' | 'time';

/**
 * What an error from MailApp.sendEmail means: a bad address fails that email alone ('permanent');
 * the day's quota spent stops the run until the quota renews ('quota'); anything else (a passing
 * service error, the clock) stops the run, to go on later ('passing').
 */
export type MailErrorClass = 'permanent' | 'quota' | 'passing';

export function classifyMailError(message: string): MailErrorClass {
  // "Service invoked too many times for one day: email." (apps-script/guides/services/quotas)
  if (/too many times/i.test(message)) return 'quota';
  if (/invalid (email|argument)|recipient/i.test(message)) return 'permanent';
  return 'passing';
}

/** Where a run is, as the loop sees it before its next batch. */
export interface MailProgress {
  /** Emails still waiting in this run. */
  readonly waiting: number;
  /** Emails sent by this run. */
  readonly sent: number;
  /** At most this many in this run (the sidebar's batch); Infinity for no limit. */
  readonly batch: number;
  /** Recipients the day's quota still allows. */
  readonly quota: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** An error already stopped the run: its class. */
  readonly halted: 'quota' | 'passing' | null;
}

/** Send the next `go` emails, or stop (`stop` null: nothing is left). */
export type MailStep = { readonly go: number } | { readonly stop: StopReason | null };

/**
 * The next step of a run: nothing left, an error that stopped it, the batch, the quota and the clock,
 * in that order; else a batch as large as all of them allow and PROGRESS_BATCH at most.
 */
export function nextStep(p: MailProgress): MailStep {
  if (p.waiting <= 0) return { stop: null };
  if (p.halted) return { stop: p.halted === 'quota' ? 'quota' : 'time' };
  if (p.sent >= p.batch) return { stop: 'batch' };
  if (p.quota < 1) return { stop: 'quota' };
  if (p.elapsedMs > TIME_BUDGET_MS) return { stop: 'time' };
  return { go: Math.floor(Math.min(PROGRESS_BATCH, p.batch - p.sent, p.quota, p.waiting)) };
}

/**
 * How long until the trigger that finishes a stopped run: what waits for the quota goes a day later
 * (the quota is a rolling day); what the batch, the clock or a passing error left, an hour later (an
 * add-on's time-driven trigger runs at most hourly), unless the sidebar goes on first.
 */
export function resumeAfter(stop: StopReason | null): number {
  return stop === 'quota' ? DAY : HOUR;
}

/**
 * For a confirmation: how many of `emails` go now within the day's `quota`, and, when the quota is
 * short, when the trigger for the rest is due (ISO instant) counted from `now`.
 */
export function mailPlan(
  emails: number,
  quota: number,
  now: number,
): { readonly today: number; readonly later: number; readonly laterAt: string } {
  const today = Math.max(0, Math.min(emails, Math.floor(quota)));
  const later = Math.max(0, emails - today);
  return { today, later, laterAt: later ? new Date(now + resumeAfter('quota')).toISOString() : '' };
}
