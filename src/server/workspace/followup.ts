// Follow-up emails after a gathering. Each address is recorded as sent right after its email goes, so
// a retry, a resume or a second click never sends it twice; what the day's quota cannot cover waits
// for a trigger tomorrow.
import type { FollowUpResult } from '../../shared/contract';
import type { ActionItem, Contact, Gathering, School } from '../../shared/records';
import { followUpMail } from '../domain/followup';
import { gatheringGuests } from '../domain/guests';
import { UserError } from '../domain/errors';
import { followUpRefusal } from '../domain/gathering-answers';
import type { Database } from './database';
import { findRow, updateRow } from './records';
import { isPermanentMailError, JobLog, setQueued } from './jobs';

const DAY = 24 * 60 * 60 * 1000;

/** `resumed`: the trigger finishing a send the quota stopped (a refusal then ends the job quietly). */
export function sendFollowUp(db: Database, gatheringId: string, resumed = false): FollowUpResult {
  const row = findRow(db.read('gatherings'), gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const g = row.record as Gathering;
  // Only after a gathering that was held. A send still queued for one cancelled since stops here too.
  const refusal = followUpRefusal(g, db.today());
  if (refusal) {
    setQueued({ spreadsheetId: db.spreadsheet.getId(), kind: 'followUp', id: g.id }, false, DAY);
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
  const log = new JobLog(db.spreadsheet.getId(), `followUp.${g.id}`);
  const sent = log.read();
  for (const email of g.followedUp.split(/[\s,;]+/)) if (email) sent.add(email.toLowerCase());
  const alreadySent = guests.filter((x) => sent.has(x.email)).map((x) => x.email);
  const pending = guests.filter((x) => !sent.has(x.email));
  let quota = pending.length ? MailApp.getRemainingDailyQuota() : 0;
  const result = {
    sent: [] as string[],
    queued: [] as string[],
    failed: [] as { email: string; error: string }[],
  };
  for (const guest of pending) {
    if (quota < 1) {
      result.queued.push(guest.email);
      continue;
    }
    const mail = followUpMail(g, guest, items, school);
    log.add(sent, guest.email);
    try {
      MailApp.sendEmail({
        to: guest.email,
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: school || 'Partner Hub',
      });
    } catch (error) {
      log.remove(sent, guest.email);
      const message = error instanceof Error ? error.message : String(error);
      if (isPermanentMailError(message)) {
        result.failed.push({ email: guest.email, error: message });
      } else {
        // The quota, the clock or a passing service error: it goes out on the next run.
        quota = 0;
        result.queued.push(guest.email);
      }
      continue;
    }
    quota -= 1;
    result.sent.push(guest.email);
  }
  // The row says who has it: also after a run that sent everything but stopped before saying so.
  const record = [...sent].join(', ');
  if (record !== g.followedUp) updateRow(db, 'gatherings', g.id, { followedUp: record });
  setQueued(
    { spreadsheetId: db.spreadsheet.getId(), kind: 'followUp', id: g.id },
    result.queued.length > 0,
    DAY,
  );
  return { ...result, alreadySent };
}
