// The public partner intake Form: made once per spreadsheet (and reopened after), answering into this
// spreadsheet through the one form-submit trigger the surveys use. Each answer is kept on the Intake
// Answers tab and, unless the organization may already be in the sheet or the day's cap is reached,
// becomes a prospect with its main contact and a started vetting checklist, marked "intake Form".
// The Form is known in a trigger by what the user's properties record of it (a trigger has no document
// properties): its id and its response tab's sheet id.
import type { IntakeAnswerView, IntakeForm, IntakeView } from '../../shared/contract';
import type { IntakeDecision } from '../../shared/choices';
import type { IntakeAnswer } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import {
  addedToday,
  DAILY_CAP,
  INTAKE_FORM_TITLE,
  INTAKE_INTRO,
  INTAKE_QUESTIONS,
  intakeRecords,
  intakeText,
  knownPartners,
  looksLikeIntake,
  parseIntakeText,
  possibleDuplicate,
  type IntakeText,
} from '../domain/intake';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import type { Rec, RowChange } from '../domain/table';
import { withSheetLock, type Database } from './database';
import { findRow } from './records';
import { digestAddress } from './intake-digest';
import { ensureSubmitTrigger, formIdOf, placeResponseTab, publishOrStop } from './surveys';

interface Recorded extends IntakeForm {
  readonly formId: string;
  readonly tabId: number | null;
}

const key = (spreadsheetId: string) => `ph.${spreadsheetId}.intake`;

function recorded(spreadsheetId: string): Recorded | null {
  const raw = PropertiesService.getUserProperties().getProperty(key(spreadsheetId));
  if (!raw) return null;
  try {
    const r: unknown = JSON.parse(raw);
    if (!r || typeof r !== 'object') return null;
    const get = (k: string): unknown => (r as Record<string, unknown>)[k];
    const formId = get('formId');
    const url = get('url');
    const editUrl = get('editUrl');
    const tabId = get('tabId');
    if (typeof formId !== 'string' || typeof url !== 'string' || typeof editUrl !== 'string') return null;
    return { formId, url, editUrl, tabId: typeof tabId === 'number' ? tabId : null };
  } catch {
    return null;
  }
}

/** The sheet id of the intake Form's response tab, if Partner Hub made one for this spreadsheet. */
export function intakeTabId(spreadsheetId: string): number | null {
  return recorded(spreadsheetId)?.tabId ?? null;
}

/** The intake Form: the one made before if Partner Hub can still open it, else a new one. */
export function makeIntakeForm(db: Database): IntakeForm {
  const intake = db.read('intake');
  if (!intake.sheet)
    throw new UserError('Run "Set up partner database" first: there is no Intake Answers tab.');
  const spreadsheetId = db.spreadsheet.getId();
  const before = recorded(spreadsheetId);
  if (before) {
    try {
      FormApp.openById(before.formId);
      return { url: before.url, editUrl: before.editUrl };
    } catch {
      // Deleted, or no longer shared with this person: a new Form takes its place.
    }
  }
  const form = FormApp.create(INTAKE_FORM_TITLE);
  publishOrStop(form, INTAKE_FORM_TITLE);
  form.setDescription(INTAKE_INTRO);
  form.setCollectEmail(false);
  for (const q of INTAKE_QUESTIONS) {
    const item =
      q.kind === 'checkbox'
        ? form.addCheckboxItem().setChoiceValues([...(q.choices ?? [])])
        : q.kind === 'choice'
          ? form.addMultipleChoiceItem().setChoiceValues([...(q.choices ?? [])])
          : q.kind === 'paragraph'
            ? form.addParagraphTextItem()
            : form.addTextItem();
    item.setTitle(q.title).setRequired(q.required ?? false);
    if (q.help) item.setHelpText(q.help);
  }
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  db.forgetSheets();
  const tab = placeResponseTab(db, form.getId());
  ensureSubmitTrigger(db.spreadsheet);
  const made: Recorded = {
    formId: form.getId(),
    url: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    tabId: tab ? tab.id : null,
  };
  PropertiesService.getUserProperties().setProperty(key(spreadsheetId), JSON.stringify(made));
  return { url: made.url, editUrl: made.editUrl };
}

/**
 * Whether a form-submit trigger's answer is an intake answer: it has the intake questions (no call) and
 * its tab is the intake Form's (by the sheet id recorded, else by the Form it answers).
 */
export function isIntakeAnswer(
  db: Database,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  named: Record<string, string[]> | undefined,
): boolean {
  if (!looksLikeIntake(named)) return false;
  const mine = recorded(db.spreadsheet.getId());
  if (!mine) return false;
  if (mine.tabId !== null && sheet.getSheetId() === mine.tabId) return true;
  return formIdOf(sheet.getFormUrl()) === mine.formId;
}

interface NewProspect {
  readonly answerId: string;
  readonly answer: IntakeText;
}

/** Writes prospects (partner, main contact, vetting checklist) in one block per tab; returns their ids. */
function addProspects(db: Database, list: readonly NewProspect[]): Map<string, string> {
  const ids = new Map<string, string>();
  if (!list.length) return ids;
  const partners = db.read('partners');
  const contacts = db.read('contacts');
  const vetting = db.read('vetting');
  if (!partners.sheet || !contacts.sheet || !vetting.sheet)
    throw new UserError('Run "Set up partner database" first: a tab Partner Hub needs is missing.');
  const now = new Date().toISOString();
  const today = db.today();
  const taken = {
    partners: new Set(partners.rows.map((r) => String(r.record.id))),
    contacts: new Set(contacts.rows.map((r) => String(r.record.id))),
    vetting: new Set(vetting.rows.map((r) => String(r.record.id))),
  };
  const id = (k: 'partners' | 'contacts' | 'vetting') => {
    const made = newId(TABLES[k].idPrefix, () => Utilities.getUuid(), taken[k]);
    taken[k].add(made);
    return made;
  };
  const partnerRows: RowChange[] = [];
  const contactRows: RowChange[] = [];
  const vettingRows: RowChange[] = [];
  for (const p of list) {
    const made = intakeRecords(p.answer, today);
    const partnerId = id('partners');
    ids.set(p.answerId, partnerId);
    const stamps = { created: now, updated: now };
    partnerRows.push({
      row: partners.values.length + 1 + partnerRows.length,
      values: { ...made.partner, id: partnerId, ...stamps },
    });
    if (made.contact)
      contactRows.push({
        row: contacts.values.length + 1 + contactRows.length,
        values: { ...made.contact, id: id('contacts'), partnerId, ...stamps },
      });
    vettingRows.push({
      row: vetting.values.length + 1 + vettingRows.length,
      values: { ...made.vetting, id: id('vetting'), partnerId, ...stamps },
    });
  }
  db.write(partners, partnerRows);
  db.write(contacts, contactRows);
  db.write(vetting, vettingRows);
  return ids;
}

/**
 * An intake answer, from the form-submit trigger. Kept on the Intake Answers tab; a prospect is added
 * unless the organization may already be in the sheet (kept as a possible duplicate) or the day's cap
 * of new prospects is reached (kept waiting). Reads each tab once and writes one block per tab.
 */
export function intakeAnswered(db: Database, named: Record<string, string[]>): void {
  const answer = intakeText(named);
  withSheetLock(db, () => {
    const intake = db.read('intake');
    if (!intake.sheet) return;
    const partners = db.read('partners').rows.map((r) => r.record);
    const contacts = db.read('contacts').rows.map((r) => r.record);
    const rows = intake.rows.map((r) => r.record);
    const now = new Date();
    const duplicate = possibleDuplicate(answer, knownPartners(partners, contacts));
    const today = addedToday(
      rows.filter((r) => r.status === 'added' && !r.decidedAt).map((r) => r.receivedAt),
      now.getTime(),
    );
    const answerId = newId(TABLES.intake.idPrefix, () => Utilities.getUuid(), new Set(rows.map((r) => r.id)));
    const status = duplicate ? 'possible duplicate' : today >= DAILY_CAP ? 'waiting' : 'added';
    const added = status === 'added' ? addProspects(db, [{ answerId, answer }]) : new Map<string, string>();
    const at = now.toISOString();
    const values: Rec = {
      id: answerId,
      name: answer.name ?? '',
      email: answer['contact.email'] ?? '',
      status,
      partnerId: added.get(answerId) ?? '',
      duplicateOf: duplicate?.id ?? '',
      reason:
        duplicate?.reason ??
        (status === 'waiting'
          ? `More than ${DAILY_CAP} new applicants in a day: this one waits for you.`
          : ''),
      receivedAt: at,
      decidedAt: '',
      answer: JSON.stringify(answer),
      created: at,
      updated: at,
    };
    db.write(intake, [{ row: intake.values.length + 1, values }]);
  });
}

/** The Form (if made), the prospects it added this week, and the answers waiting for the coordinator. */
export function intakeView(db: Database): IntakeView {
  const mine = recorded(db.spreadsheet.getId());
  const rows = db.read('intake').rows.map((r) => r.record);
  const partners = db.read('partners');
  const nameOf = (id: string) => {
    const found = id ? findRow(partners, id) : undefined;
    return found ? String(found.record.name) : '';
  };
  const week = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString();
  const recent = rows
    .filter((r) => r.status === 'added' && r.partnerId && r.receivedAt >= week)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .map((r) => ({ partnerId: r.partnerId, name: nameOf(r.partnerId) || r.name, receivedAt: r.receivedAt }));
  const review: IntakeAnswerView[] = rows
    .filter(
      (r): r is IntakeAnswer & { status: 'possible duplicate' | 'waiting' } =>
        r.status === 'possible duplicate' || r.status === 'waiting',
    )
    .map((r) => {
      const text = parseIntakeText(r.answer);
      const dupName = nameOf(r.duplicateOf);
      return {
        id: r.id,
        name: r.name,
        email: r.email,
        status: r.status,
        duplicateOf: r.duplicateOf && dupName ? { id: r.duplicateOf, name: dupName } : null,
        reason: r.reason,
        receivedAt: r.receivedAt,
        answers: text
          ? INTAKE_QUESTIONS.filter((q) => text[q.key]).map((q) => ({
              question: q.title,
              answer: text[q.key] ?? '',
            }))
          : [],
      };
    });
  return {
    form: mine ? { url: mine.url, editUrl: mine.editUrl } : null,
    recent,
    review,
    dailyCap: DAILY_CAP,
    digestTo: digestAddress(db.spreadsheet.getId()),
  };
}

/**
 * The coordinator's decision on an answer kept for review: "add" makes the prospect (as the trigger
 * would have), "same" records which partner it is and adds nothing, "dismiss" sets it aside.
 */
export function decideIntake(
  db: Database,
  answerId: string,
  decision: IntakeDecision,
  partnerId: string,
): IntakeView {
  withSheetLock(db, () => {
    const intake = db.read('intake');
    const row = findRow(intake, answerId);
    if (!row) throw new UserError(`No intake answer with id ${answerId}; reload and try again.`);
    const answer = row.record;
    if (answer.status !== 'possible duplicate' && answer.status !== 'waiting')
      throw new UserError(`This answer was already decided (${answer.status}); reload to see those waiting.`);
    const now = new Date().toISOString();
    const decided: Rec = { decidedAt: now, updated: now };
    if (decision === 'dismiss') {
      db.write(intake, [{ row: row.row, values: { ...decided, status: 'dismissed' } }]);
    } else if (decision === 'same') {
      const partner = partnerId ? findRow(db.read('partners'), partnerId) : undefined;
      if (!partner) throw new UserError('Choose the partner this answer is from. Nothing was changed.');
      db.write(intake, [{ row: row.row, values: { ...decided, status: 'same as existing', partnerId } }]);
    } else {
      const text = parseIntakeText(answer.answer);
      if (!text)
        throw new UserError(
          'The answer kept on the Intake Answers tab was changed by hand, so Partner Hub cannot add it. Nothing was changed.',
        );
      const added = addProspects(db, [{ answerId, answer: text }]);
      db.write(intake, [
        { row: row.row, values: { ...decided, status: 'added', partnerId: added.get(answerId) ?? '' } },
      ]);
    }
  });
  return intakeView(db);
}
