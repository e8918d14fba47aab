// The daily digest of intake answers, by email to the coordinator who asks for it: one time-driven
// trigger per person (a trigger has no spreadsheet: the spreadsheets and addresses are kept in the
// user's properties), one email a day per spreadsheet at most, only on a day with answers, signed and
// sent through the mail loop within the quota.
import { isEmail } from '../../shared/fields';
import { intakeDigest } from '../domain/intake';
import { UserError } from '../domain/errors';
import { openDatabaseById, type Database } from './database';
import { JobLog } from './jobs';
import { runMail } from './mail-loop';
import { readSender, senderOrStop } from './sender';

export const DIGEST_HANDLER = 'sendIntakeDigest';
const KEY = 'ph.intakeDigest';
const DAY = 24 * 60 * 60 * 1000;

function digests(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(PropertiesService.getUserProperties().getProperty(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Where this spreadsheet's digest goes, or '' when it is off. */
export function digestAddress(spreadsheetId: string): string {
  return digests()[spreadsheetId] ?? '';
}

/** Turns the digest on (to the address given, else the person's own) or off; one trigger while any is on. */
export function setIntakeDigest(db: Database, on: boolean, to: string): void {
  const id = db.spreadsheet.getId();
  const all = digests();
  if (on) {
    senderOrStop(id);
    const address = to.trim() || Session.getActiveUser().getEmail();
    if (!isEmail(address))
      throw new UserError(
        'Give the email address the daily digest goes to, like name@example.org. Nothing was changed.',
      );
    all[id] = address;
  } else delete all[id];
  PropertiesService.getUserProperties().setProperty(KEY, JSON.stringify(all));
  const triggers = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === DIGEST_HANDLER);
  if (Object.keys(all).length && !triggers.length)
    ScriptApp.newTrigger(DIGEST_HANDLER).timeBased().everyDays(1).atHour(7).create();
  if (!Object.keys(all).length) for (const t of triggers) ScriptApp.deleteTrigger(t);
}

/** The trigger: each spreadsheet's answers of the last day, in one email, never twice the same day. */
export function sendIntakeDigests(): void {
  const now = Date.now();
  const round = new Date(now).toISOString().slice(0, 10);
  const store = PropertiesService.getUserProperties();
  for (const [spreadsheetId, to] of Object.entries(digests())) {
    try {
      const sender = readSender(spreadsheetId);
      if (!sender) continue;
      // The answers since the last digest (a daily trigger runs within an hour of its time, so not
      // exactly 24 hours apart), or of the last day for the first one.
      const lastKey = `ph.${spreadsheetId}.intakeDigestAt`;
      const since = store.getProperty(lastKey) ?? new Date(now - DAY).toISOString();
      const db = openDatabaseById(spreadsheetId);
      const rows = db
        .read('intake')
        .rows.map((r) => r.record)
        .filter((r) => r.receivedAt >= since);
      const mail = intakeDigest(rows, sender);
      const at = new Date(now).toISOString();
      if (!mail) {
        store.setProperty(lastKey, at);
        continue;
      }
      const outcome = runMail({
        log: new JobLog(spreadsheetId, `intake.digest.${round}`),
        due: [to],
        key: (address) => address,
        compose: (address) => ({ to: address, ...mail }),
      });
      // Went, or went before: the next digest starts from now. Stopped by the quota: it tries again tomorrow.
      if (outcome.sent.length || outcome.done.length) store.setProperty(lastKey, at);
    } catch (error) {
      console.error(
        `intake digest ${spreadsheetId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
