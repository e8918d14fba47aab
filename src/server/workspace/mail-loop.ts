// The one way Partner Hub emails partners: survey invitations and reminders, gathering follow-ups, and
// whatever comes next. What is due is sorted by the job's log into what went before (done), what an
// earlier run left uncertain (never sent again), and what waits. Then, a batch at a time: the batch is
// recorded as going (one property write), its emails are sent, and what went is recorded as gone (one
// write): an email that failed is not recorded, so it is tried again; one that went is never repeated.
// Each error is classified and the domain's nextStep decides when to stop (the quota, the clock, the
// batch). The caller writes the outcome to its sheet, then queueTheRest leaves a trigger for the rest.
import type { MailPlan } from '../../shared/contract';
import { classifyMailError, mailPlan, nextStep, resumeAfter, type StopReason } from '../domain/mail-run';
import type { Database } from './database';
import { setQueued, type JobLog, type QueuedJob } from './jobs';
import { readSender, schoolOf } from './sender';

/** Why an uncertain email is reported, and not sent again. */
export const UNCERTAIN =
  'Not known whether this email went: Partner Hub stopped while sending it. It is not sent again, so no one gets it twice; send it yourself if the contact did not get it.';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string;
  /** The sender's name as the recipient's mail shows it. */
  readonly name?: string;
}

export interface MailJob<T> {
  /** The job's record of what went (one per job: a survey's send or reminder round, a follow-up). */
  readonly log: JobLog;
  /** Everyone the job is for that has not been recorded in the sheet as done. */
  readonly due: readonly T[];
  /** The item's key in the log (a recipient id, an address). */
  readonly key: (item: T) => string;
  readonly compose: (item: T) => Email;
  /** At most this many emails in this run (the sidebar's batch). */
  readonly batch?: number;
  /** Keys known as done besides the log (what the sheet says went): recorded in the log with it. */
  readonly alsoDone?: Iterable<string>;
}

export interface MailOutcome<T> {
  /** Went in an earlier run (the sheet may not know yet). */
  readonly done: readonly T[];
  /** An earlier run stopped while sending them: not known whether they went, so never sent again. */
  readonly uncertain: readonly T[];
  readonly sent: readonly T[];
  /** Refused for good (a bad address), with MailApp's message. */
  readonly failed: readonly { readonly item: T; readonly error: string }[];
  /** Not tried in this run: for the next call or the trigger. */
  readonly left: readonly T[];
  readonly stoppedBy: StopReason | null;
  /** Every key known as done after this run (the log's and alsoDone). */
  readonly doneKeys: ReadonlySet<string>;
  /** The day's quota after this run, as far as this run knows (0 when it stopped on an error). */
  readonly quotaLeft: number;
}

export function runMail<T>(job: MailJob<T>): MailOutcome<T> {
  const started = Date.now();
  const { log, key } = job;
  const doneKeys = log.read();
  for (const k of job.alsoDone ?? []) doneKeys.add(k);
  const uncertainKeys = log.uncertain();
  const done: T[] = [];
  const uncertain: T[] = [];
  const waiting: T[] = [];
  for (const item of job.due) {
    const k = key(item);
    if (doneKeys.has(k)) done.push(item);
    else if (uncertainKeys.has(k)) uncertain.push(item);
    else waiting.push(item);
  }
  const batch = job.batch ?? Number.POSITIVE_INFINITY;
  const sent: T[] = [];
  const failed: { item: T; error: string }[] = [];
  let quota = waiting.length ? MailApp.getRemainingDailyQuota() : 0;
  let halted: 'quota' | 'passing' | null = null;
  let next = 0;
  for (;;) {
    const step = nextStep({
      waiting: waiting.length - next,
      sent: sent.length,
      batch,
      quota,
      elapsedMs: Date.now() - started,
      halted,
    });
    if (!('go' in step)) {
      return {
        done,
        uncertain,
        sent,
        failed,
        left: waiting.slice(next),
        stoppedBy: step.stop,
        doneKeys,
        quotaLeft: Math.max(quota, 0),
      };
    }
    const group = waiting.slice(next, next + step.go);
    log.begin(group.map(key));
    const went: string[] = [];
    for (const item of group) {
      const email = job.compose(item);
      try {
        MailApp.sendEmail({
          to: email.to,
          subject: email.subject,
          body: email.body,
          htmlBody: email.htmlBody,
          ...(email.name === undefined ? {} : { name: email.name }),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = classifyMailError(message);
        if (kind === 'permanent') {
          failed.push({ item, error: message });
          next += 1;
          continue;
        }
        // The quota, the clock or a passing service error: this one and the rest wait for the next run.
        halted = kind;
        quota = 0;
        break;
      }
      next += 1;
      quota -= 1;
      went.push(key(item));
      sent.push(item);
    }
    log.commit(doneKeys, went);
  }
}

/**
 * What a confirmation names before `emails` go: the day's quota, how many go now and when the trigger
 * for the rest is due, and the signature (with the school from the Schools tab to offer when it is
 * missing).
 */
export function planMail(db: Database, emails: number): MailPlan {
  const quota = MailApp.getRemainingDailyQuota();
  const sender = readSender(db.spreadsheet.getId());
  return {
    emails,
    quota,
    ...mailPlan(emails, quota, Date.now()),
    sender,
    school: sender ? sender.school : schoolOf(db),
  };
}

/** Keeps the job queued, with a trigger to finish it, while anything is left; else takes it off. */
export function queueTheRest(job: QueuedJob, outcome: MailOutcome<unknown>): void {
  setQueued(job, outcome.left.length > 0, resumeAfter(outcome.stoppedBy));
}
