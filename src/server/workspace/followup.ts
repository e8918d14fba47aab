// Follow-up emails after a gathering, through the one mail loop (mail-loop.ts): an address that went is
// never sent to again, whether a retry, a resume or a second click; what the day's quota cannot cover
// waits for a trigger tomorrow. Each is signed with the sender's name, role and school (Settings). The
// gathering's row says who has it.
import type { FollowUpResult, MailPlan } from '../../shared/contract';
import type { Gathering } from '../../shared/records';
import { followUpMail } from '../domain/followup';
import { gatheringGuests, type Guest } from '../domain/guests';
import { UserError } from '../domain/errors';
import { followUpRefusal } from '../domain/gathering-answers';
import type { Database } from './database';
import { findRow, updateRow } from './records';
import { JobLog, setQueued } from './jobs';
import { planMail, queueTheRest, runMail, UNCERTAIN } from './mail-loop';
import { senderOrStop } from './sender';

interface Job {
  readonly spreadsheetId: string;
  readonly gathering: Gathering;
  readonly guests: readonly Guest[];
  readonly log: JobLog;
  /** What the row says went: gone, also when the log was lost. */
  readonly recorded: readonly string[];
}

function followUpJob(db: Database, gatheringId: string): Job {
  const row = findRow(db.read('gatherings'), gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const g = row.record;
  // Only after a gathering that was held.
  const refusal = followUpRefusal(g, db.today());
  if (refusal) throw new UserError(refusal);
  const guests = gatheringGuests(
    g,
    db.read('contacts').rows.map((r) => r.record),
  );
  if (!guests.length) throw new UserError(`"${g.title}" has no invited partner with a contact email.`);
  const spreadsheetId = db.spreadsheet.getId();
  return {
    spreadsheetId,
    gathering: g,
    guests,
    log: new JobLog(spreadsheetId, `followUp.${g.id}`),
    recorded: g.followedUp
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((email) => email.toLowerCase()),
  };
}

/** What the follow-up's confirmation names: the guests who do not have it yet, the quota, the signature. */
export function previewFollowUp(db: Database, gatheringId: string): MailPlan {
  const job = followUpJob(db, gatheringId);
  const done = job.log.read();
  for (const email of job.recorded) done.add(email);
  const uncertain = job.log.uncertain();
  return planMail(db, job.guests.filter((x) => !done.has(x.email) && !uncertain.has(x.email)).length);
}

/** `resumed`: the trigger finishing a send the quota stopped (a refusal then ends the job quietly). */
export function sendFollowUp(db: Database, gatheringId: string, resumed = false): FollowUpResult {
  let job: Job;
  try {
    job = followUpJob(db, gatheringId);
  } catch (error) {
    // A send still queued for a gathering cancelled (or deleted) since stops here, and waits no more.
    if (!(error instanceof UserError)) throw error;
    setQueued({ spreadsheetId: db.spreadsheet.getId(), kind: 'followUp', id: gatheringId }, false, 0);
    if (resumed) return { sent: [], queued: [], failed: [], alreadySent: [], stoppedBy: null };
    throw error;
  }
  const { spreadsheetId, gathering: g, guests, log, recorded } = job;
  const sender = senderOrStop(spreadsheetId);
  const items = db
    .read('actionItems')
    .rows.map((r) => r.record)
    .filter((a) => a.gatheringId === g.id);
  const outcome = runMail({
    log,
    due: guests,
    key: (guest) => guest.email,
    alsoDone: recorded,
    compose: (guest) => ({
      to: guest.email,
      ...followUpMail(g, guest, items, sender),
      name: sender.school,
    }),
  });
  // The row says who has it: also after a run that sent everything but stopped before saying so.
  const record = [...outcome.doneKeys].join(', ');
  if (record !== g.followedUp) updateRow(db, 'gatherings', g.id, { followedUp: record });
  queueTheRest({ spreadsheetId, kind: 'followUp', id: g.id }, outcome);
  const left = outcome.left.map((x) => x.email);
  return {
    sent: outcome.sent.map((x) => x.email),
    alreadySent: outcome.done.map((x) => x.email),
    queued: left,
    failed: [
      ...outcome.uncertain.map((x) => ({ email: x.email, error: UNCERTAIN })),
      ...outcome.failed.map((f) => ({ email: f.item.email, error: f.error })),
    ],
    stoppedBy: left.length ? (outcome.stoppedBy === 'quota' ? 'quota' : 'time') : null,
  };
}
