// A survey's answers: read from the Form's response tab (found by sheet id, then by its Form, then by
// name) and matched to recipients by the code their link carried, never by a typed name. One new answer
// (the form-submit trigger) is looked up by its code; anything odd reads them all and flags it.
import type { Survey } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import { TOKEN_QUESTION_TITLE } from '../domain/survey-bank';
import { newId } from '../domain/ids';
import { isDate } from '../domain/cells';
import type { Rec } from '../domain/table';
import { withSheetLock, type Database } from './database';
import { surveyFigures } from '../domain/figures';
import type { SurveyFigures } from '../../shared/figures';
import { summaryOf } from './survey-results';
import { formIdOf, responseTabOf, surveyOf } from './surveys';

/**
 * The id of the survey whose response tab this is (a form-submit trigger's tab): by sheet id, by the
 * Form answering into it, then by name. Null if it is no survey's.
 */
export function surveyOfResponseTab(db: Database, sheet: GoogleAppsScript.Spreadsheet.Sheet): string | null {
  const surveys = db.read('surveys').rows.map((r) => r.record);
  const sheetId = String(sheet.getSheetId());
  const formId = formIdOf(sheet.getFormUrl());
  const name = sheet.getName();
  const found =
    surveys.find((s) => s.responseTabId === sheetId) ??
    (formId ? surveys.find((s) => s.formId === formId) : undefined) ??
    surveys.find((s) => s.responseTab !== '' && s.responseTab === name);
  return found ? found.id : null;
}

/**
 * One new answer, from its form-submit trigger: its code is in the answer itself and is looked up, so the
 * work does not grow with the answers already in. Anything out of the ordinary (no code, an unknown code,
 * a code that answered before, a tab no survey records by id) goes the whole way: refreshResponses
 * reads every answer and flags what needs flagging.
 */
export function answerSubmitted(
  db: Database,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  row: GoogleAppsScript.Spreadsheet.Range,
  named: Record<string, string[]> | undefined,
): void {
  const sheetId = String(sheet.getSheetId());
  const survey = db
    .read('surveys')
    .rows.map((r) => r.record)
    .find((s) => s.responseTabId === sheetId);
  if (!survey) {
    const id = surveyOfResponseTab(db, sheet);
    if (id) refreshResponses(db, id);
    return;
  }
  const token = String(named?.[TOKEN_QUESTION_TITLE]?.[0] ?? '').trim();
  // The Form's own timestamp, as the whole refresh records it: the first cell of the new row. Read
  // first, so that nothing comes between reading the recipients and writing the one answered.
  const stamp = row.getValues()[0][0];
  const at = isDate(stamp) ? stamp.toISOString() : String(stamp);
  // No lock: it would not make this safer. The row was read before any lock could be taken (as the
  // refresh reads it), and the cells written are what the whole refresh sets for this answer, whoever
  // writes them first. The recipients are read and written in one breath (Database.update).
  const written = db.update(
    'surveyResponses',
    (data) => {
      const match = token
        ? data.rows.find(
            (r) =>
              r.record.surveyId === survey.id && r.record.status !== 'flagged' && r.record.token === token,
          )
        : undefined;
      if (!match || match.record.status === 'responded') return null;
      return [
        {
          row: match.row,
          values: { status: 'responded', respondedAt: at, updated: new Date().toISOString() },
        },
      ];
    },
    true,
  );
  if (!written) refreshResponses(db, survey.id);
}

/**
 * Reads the Form's response tab (one getValues) and matches each response to its recipient by code.
 * A response whose code is unknown, or whose code answered more than once, is kept and flagged.
 */
export function refreshResponses(
  db: Database,
  surveyId: string,
): { responses: number; matched: number } & SurveyFigures {
  const { row } = surveyOf(db, surveyId);
  const read = readAnswers(db, row.record);
  const { answers, flags } = read;
  return withSheetLock(db, () => {
    const data = db.read('surveyResponses');
    const mine = data.rows.filter((r) => r.record.surveyId === surveyId);
    const byToken = new Map(
      mine.filter((r) => r.record.status !== 'flagged').map((r) => [String(r.record.token), r]),
    );
    const now = new Date().toISOString();
    const latest = new Map<string, string>();
    for (const a of answers) if (a.recipient) latest.set(a.recipient, a.at);
    const changes: { row: number; values: Rec }[] = [];
    for (const [token, r] of byToken) {
      const at = latest.get(token);
      if (at && (r.record.status !== 'responded' || r.record.respondedAt !== at)) {
        changes.push({ row: r.row, values: { status: 'responded', respondedAt: at, updated: now } });
      }
    }
    // One flag row per problem response, made once.
    const flagged = new Set(
      mine.filter((r) => r.record.status === 'flagged').map((r) => String(r.record.error)),
    );
    const taken = new Set(data.rows.map((r) => String(r.record.id)));
    let next = data.values.length + 1;
    for (const flag of flags) {
      if (flagged.has(flag.message)) continue;
      flagged.add(flag.message);
      const id = newId(TABLES.surveyResponses.idPrefix, () => Utilities.getUuid(), taken);
      taken.add(id);
      changes.push({
        row: next++,
        values: {
          id,
          surveyId,
          partnerId: flag.partnerId,
          contactId: '',
          email: '',
          token: flag.token.slice(0, 100),
          status: 'flagged',
          sentAt: '',
          remindedAt: '',
          respondedAt: flag.at,
          error: flag.message,
          created: now,
          updated: now,
        },
      });
    }
    db.write(data, changes);
    return {
      responses: answers.length,
      matched: answers.filter((a) => a.recipient).length,
      ...surveyFigures(summaryOf(row.record, read), flags.length),
    };
  });
}

interface ReadAnswer {
  readonly recipient: string | null;
  readonly at: string;
  readonly values: Record<string, string | number>;
}

/** The Form's answers, each with the code it came with; unknown and reused codes are flagged. */
export function readAnswers(db: Database, survey: Survey) {
  const questions = surveyOf(db, survey.id).questions;
  const tab = responseTabOf(db, survey);
  const values = tab ? tab.getDataRange().getValues() : [];
  let tabName: string | undefined;
  const nameOfTab = () => (tabName ??= tab ? tab.getName() : survey.responseTab);
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const tokenAt = header.indexOf(TOKEN_QUESTION_TITLE);
  const recipients = db
    .read('surveyResponses')
    .rows.map((r) => r.record)
    .filter((r) => r.surveyId === survey.id && r.status !== 'flagged');
  const known = new Map(recipients.map((r) => [r.token, r]));
  const uses = new Map<string, number>();
  const answers: (ReadAnswer & { partnerId: string | null; contactId: string | null })[] = [];
  const flags: { token: string; partnerId: string; at: string; message: string }[] = [];
  values.slice(1).forEach((line, i) => {
    if (line.every((c) => c === '')) return;
    const stamp = line[0];
    const at = isDate(stamp) ? stamp.toISOString() : String(stamp);
    const token = tokenAt >= 0 ? String(line[tokenAt]).trim() : '';
    const recipient = known.get(token);
    const record: Record<string, string | number> = {};
    for (const q of questions) {
      const at2 = header.indexOf(q.title);
      if (at2 >= 0 && line[at2] !== '')
        record[q.id] = typeof line[at2] === 'number' ? (line[at2] as number) : String(line[at2]);
    }
    const where = `row ${i + 2} of ${nameOfTab()}`;
    if (!recipient) {
      flags.push({
        token,
        partnerId: '',
        at,
        message: token
          ? `Response on ${where} has an unknown code; it is kept but counted for no partner.`
          : `Response on ${where} has no code; it is kept but counted for no partner.`,
      });
      answers.push({ recipient: null, at, values: record, partnerId: null, contactId: null });
      return;
    }
    const n = (uses.get(token) ?? 0) + 1;
    uses.set(token, n);
    if (n > 1)
      flags.push({
        token,
        partnerId: recipient.partnerId,
        at,
        message: `Response on ${where} reuses a code that already answered; the latest answer counts.`,
      });
    answers.push({
      recipient: token,
      at,
      values: record,
      partnerId: recipient.partnerId,
      contactId: recipient.contactId,
    });
  });
  return { answers, flags, recipients, questions };
}
