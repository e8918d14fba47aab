// Follow-up emails after a gathering, through the one mail loop (mail-loop.ts): an address that went is
// never sent to again, whether a retry, a resume or a second click; what the day's quota cannot cover
// waits for a trigger tomorrow. The gathering's row says who has it.
import type { FollowUpResult } from '../../shared/contract';
import type { ActionItem, Contact, Gathering, School } from '../../shared/records';
import { followUpMail } from '../domain/followup';
import { gatheringGuests } from '../domain/guests';
import { UserError } from '../domain/errors';
import { followUpRefusal } from '../domain/gathering-answers';
import type { Database } from './database';
import { findRow, updateRow } from './records';
import { JobLog, setQueued } from './jobs';
import { queueTheRest, runMail, UNCERTAIN } from './mail-loop';

/** `resumed`: the trigger finishing a send the quota stopped (a refusal then ends the job quietly). */
export function sendFollowUp(db: Database, gatheringId: string, resumed = false): FollowUpResult {
  const row = findRow(db.read('gatherings'), gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const g = row.record as Gathering;
  // Only after a gathering that was held. A send still queued for one cancelled since stops here too.
  const refusal = followUpRefusal(g, db.today());
  if (refusal) {
    // Nothing waits: the trigger drops the job (`after` only matters while waiting).
    setQueued({ spreadsheetId: db.spreadsheet.getId(), kind: 'followUp', id: g.id }, false, 0);
    if (resumed) return { sent: [], queued: [], failed: [], alreadySent: [] };
    throw new UserError(refusal);
  }
  const guests = gatheringGuests(
    g,
    db.read('contacts').rows.map((r) => r.record as Contact),
  );
  if (!guests.length) throw new UserError(`"${g.title}" has no invited partner with a contact email.`);
  const items = db
    .read('actionItems')
    .rows.map((r) => r.record as ActionItem)
    .filter((a) => a.gatheringId === g.id);
  const school = (db.read('schools').rows[0]?.record as School | undefined)?.name ?? '';
  const outcome = runMail({
    log: new JobLog(db.spreadsheet.getId(), `followUp.${g.id}`),
    due: guests,
    key: (guest) => guest.email,
    // What the row says went counts as gone, also when the log was lost.
    alsoDone: g.followedUp
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((email) => email.toLowerCase()),
    compose: (guest) => ({
      to: guest.email,
      ...followUpMail(g, guest, items, school),
      name: school || 'Partner Hub',
    }),
  });
  // The row says who has it: also after a run that sent everything but stopped before saying so.
  const record = [...outcome.doneKeys].join(', ');
  if (record !== g.followedUp) updateRow(db, 'gatherings', g.id, { followedUp: record });
  queueTheRest({ spreadsheetId: db.spreadsheet.getId(), kind: 'followUp', id: g.id }, outcome);
  return {
    sent: outcome.sent.map((x) => x.email),
    alreadySent: outcome.done.map((x) => x.email),
    queued: outcome.left.map((x) => x.email),
    failed: [
      ...outcome.uncertain.map((x) => ({ email: x.email, error: UNCERTAIN })),
      ...outcome.failed.map((f) => ({ email: f.item.email, error: f.error })),
    ],
  };
}
