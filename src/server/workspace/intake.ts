// The public partner intake Form: made once per spreadsheet (and reopened after), answering into this
// spreadsheet through the one form-submit trigger the surveys use. Each answer is kept on the Intake
// Answers tab and, unless the organization may already be in the sheet or the day's cap is reached,
// becomes a prospect with its main contact and a started vetting checklist, marked "intake Form".
// The Form is recorded with the spreadsheet (its document properties), so every coordinator who shares
// it finds the one Form; a trigger (which has no document properties) knows it by its questions and tab.
import type { IntakeAnswerView, IntakeForm, IntakeView } from '../../shared/contract';
import type { IntakeDecision } from '../../shared/choices';
import type { Contact, IntakeAnswer, Partner } from '../../shared/records';
import type { IntakeStatus } from '../../shared/schema';
import { TABLES } from '../../shared/schema';
import {
  addedToday,
  DAILY_CAP,
  INTAKE_FORM_TITLE,
  intakeCursor,
  INTAKE_INTRO,
  INTAKE_QUESTIONS,
  intakeRecords,
  intakeText,
  knownPartners,
  looksLikeIntake,
  parseIntakeText,
  possibleDuplicate,
  sameAsAnswer,
  type IntakeText,
  type OtherAnswer,
} from '../domain/intake';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import type { Rec, RowChange } from '../domain/table';
import { withSheetLock, type Database, type TableData } from './database';
import { findRow } from './records';
import { entryOrder, linkEntries } from '../domain/form-link';
import { digestAddress } from './intake-digest';
import { ensureSubmitTrigger, formIdOf, hasSubmitTrigger, placeResponseTab, publishOrStop } from './surveys';

interface Recorded extends IntakeForm {
  readonly formId: string;
  readonly tabId: number | null;
  /** Each question's entry id in the Form's links, to its title: null for a Form made before they were kept. */
  readonly entries: Entries | null;
}

/** A Form's entry ids (in its prefilled links and a response's) to the questions' titles. */
type Entries = Readonly<Record<string, string>>;

function parseEntries(value: unknown): Entries | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : null;
}

/**
 * The entries kept in this person's user properties for their form-submit trigger, which cannot read
 * the spreadsheet's document properties.
 */
const entriesKey = (formId: string) => `ph.intake.${formId}.entries`;

function triggerEntries(formId: string): Entries | null {
  try {
    return parseEntries(
      JSON.parse(PropertiesService.getUserProperties().getProperty(entriesKey(formId)) ?? 'null'),
    );
  } catch {
    return null;
  }
}

/** Where the intake Form is recorded: with the spreadsheet, shared by everyone who uses Partner Hub in it. */
const DOC_KEY = 'partnerHub.intakeForm';
/** Where it was recorded before, in the user properties of the coordinator who made it. */
const userKey = (spreadsheetId: string) => `ph.${spreadsheetId}.intake`;

function parseRecorded(raw: string | null): Recorded | null {
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
    return {
      formId,
      url,
      editUrl,
      tabId: typeof tabId === 'number' ? tabId : null,
      entries: parseEntries(get('entries')),
    };
  } catch {
    return null;
  }
}

/**
 * This spreadsheet's intake Form, from its document properties. A Form made before they kept it is found
 * in the user properties of the coordinator who made it, and moved to the spreadsheet's when they open
 * Partner Hub. Only in the spreadsheet's own menu or sidebar (a trigger has no document properties).
 */
function recorded(db: Database): Recorded | null {
  const doc = db.inContainer ? PropertiesService.getDocumentProperties() : null;
  if (!doc) return null;
  const kept = parseRecorded(doc.getProperty(DOC_KEY));
  if (kept) return kept;
  const before = parseRecorded(
    PropertiesService.getUserProperties().getProperty(userKey(db.spreadsheet.getId())),
  );
  if (before) doc.setProperty(DOC_KEY, JSON.stringify(before));
  return before;
}

/** The sheet id of the intake Form's response tab, if Partner Hub made one for this spreadsheet. */
export function intakeTabId(db: Database): number | null {
  return recorded(db)?.tabId ?? null;
}

/** The intake Form: the one made before if Partner Hub can still open it, else a new one. */
export function makeIntakeForm(db: Database): IntakeForm {
  const intake = db.read('intake');
  if (!intake.sheet)
    throw new UserError('Run "Set up partner database" first: there is no Intake Answers tab.');
  const spreadsheetId = db.spreadsheet.getId();
  const before = recorded(db);
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
  // Each question answered with a stand-in, in order: the stand-in response's prefilled link names each
  // question's entry id, by which an answer is read as typed later (one call, not three a question).
  const standIns: GoogleAppsScript.Forms.ItemResponse[] = [];
  for (const q of INTAKE_QUESTIONS) {
    const first = q.choices?.[0] ?? '';
    let item:
      | GoogleAppsScript.Forms.CheckboxItem
      | GoogleAppsScript.Forms.MultipleChoiceItem
      | GoogleAppsScript.Forms.ParagraphTextItem
      | GoogleAppsScript.Forms.TextItem;
    if (q.kind === 'checkbox') {
      const box = form.addCheckboxItem().setChoiceValues([...(q.choices ?? [])]);
      standIns.push(box.createResponse([first]));
      item = box;
    } else if (q.kind === 'choice') {
      const choice = form.addMultipleChoiceItem().setChoiceValues([...(q.choices ?? [])]);
      standIns.push(choice.createResponse(first));
      item = choice;
    } else {
      const text = q.kind === 'paragraph' ? form.addParagraphTextItem() : form.addTextItem();
      standIns.push(text.createResponse('x'));
      item = text;
    }
    item.setTitle(q.title).setRequired(q.required ?? false);
    if (q.help) item.setHelpText(q.help);
  }
  let standIn = form.createResponse();
  for (const answer of standIns) standIn = standIn.withItemResponse(answer);
  const order = entryOrder(standIn.toPrefilledUrl());
  const entries: Entries | null =
    order.length === INTAKE_QUESTIONS.length
      ? Object.fromEntries(order.map((entry, i) => [entry, INTAKE_QUESTIONS[i].title]))
      : null;
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  db.forgetSheets();
  const tab = placeResponseTab(db, form.getId());
  ensureSubmitTrigger(db.spreadsheet);
  const made: Recorded = {
    formId: form.getId(),
    url: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    tabId: tab ? tab.id : null,
    entries,
  };
  PropertiesService.getDocumentProperties()?.setProperty(DOC_KEY, JSON.stringify(made));
  if (entries)
    PropertiesService.getUserProperties().setProperty(entriesKey(made.formId), JSON.stringify(entries));
  return { url: made.url, editUrl: made.editUrl };
}

/**
 * The intake Form of a form-submit trigger's answer, or null when it is not an intake answer: it has the
 * intake questions (no call), and the Form its tab answers (one call). A trigger has no document
 * properties, so the Form is known by its tab, whoever's trigger runs.
 */
export function intakeFormOf(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  named: Record<string, string[]> | undefined,
): { readonly formId: string; readonly entries: Entries | null } | null {
  if (!looksLikeIntake(named)) return null;
  const formId = formIdOf(sheet.getFormUrl());
  return formId ? { formId, entries: triggerEntries(formId) } : null;
}

interface NewProspect {
  readonly answerId: string;
  readonly answer: IntakeText;
}

type Tables = { partners: TableData<Partner>; contacts: TableData<Contact> };

/**
 * Writes prospects (partner, main contact, vetting checklist) in one block per tab, to the Partners and
 * Contacts tabs as read; returns their ids.
 */
function addProspects(db: Database, read: Tables, list: readonly NewProspect[]): Map<string, string> {
  const ids = new Map<string, string>();
  if (!list.length) return ids;
  const { partners, contacts } = read;
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
 * A response's answers as typed, by question: from the Form's own response, not the trigger's named
 * values, which are the response tab's display text after Sheets parsed it as if typed ("3-5" a date,
 * "007" the number 7, "3:30" a time). With the Form's entry ids, from the response's prefilled link (one
 * call); else item by item (three calls an answer). A checkbox's choices are joined with commas.
 */
function typedAnswers(
  response: GoogleAppsScript.Forms.FormResponse,
  entries: Entries | null,
): Record<string, string[]> {
  const named: Record<string, string[]> = {};
  if (entries) {
    for (const [entry, values] of linkEntries(response.toPrefilledUrl())) {
      const title = entries[entry];
      if (title) named[title] = [values.join(', ')];
    }
    return named;
  }
  for (const item of response.getItemResponses()) {
    const value: unknown = item.getResponse();
    named[item.getItem().getTitle()] = [
      Array.isArray(value) ? value.map(String).join(', ') : String(value ?? ''),
    ];
  }
  return named;
}

interface Arrived {
  readonly responseId: string;
  readonly at: Date;
  readonly answer: IntakeText;
}

/**
 * The intake answers not yet on the Intake Answers tab: the Form's responses since `since` whose
 * response id the tab does not have. None when this person cannot open the Form (made by a coordinator
 * who did not share it): that coordinator's trigger, or the intake view, takes them.
 */
function arrivedSince(
  formId: string,
  entries: Entries | null,
  since: Date | null,
  seen: ReadonlySet<string>,
): Arrived[] {
  let responses: GoogleAppsScript.Forms.FormResponse[];
  try {
    const form = FormApp.openById(formId);
    responses = since ? form.getResponses(since) : form.getResponses();
  } catch {
    return [];
  }
  const out: Arrived[] = [];
  const taken = new Set(seen);
  for (const response of responses) {
    const responseId = response.getId();
    if (taken.has(responseId)) continue;
    taken.add(responseId);
    out.push({
      responseId,
      at: new Date(response.getTimestamp().getTime()),
      answer: intakeText(typedAnswers(response, entries)),
    });
  }
  return out;
}

/**
 * Intake answers, from the form-submit trigger or when the intake view opens: each response of the
 * intake Form that the Intake Answers tab does not have yet (one the trigger missed, because the lock was
 * busy or it failed, is taken by the next run) is kept there and, unless the organization may already be
 * in the sheet (kept as a possible duplicate) or the day's cap of new prospects is reached (kept
 * waiting), becomes a prospect. Reads each tab once and writes one block per tab; the Form's responses
 * are asked once, from where the tab says none can be missing (intakeCursor).
 */
export function intakeAnswered(db: Database, formId: string, entries: Entries | null): void {
  withSheetLock(db, () => {
    const intake = db.read('intake');
    if (!intake.sheet) return;
    const rows = intake.rows.map((r) => r.record);
    const seen = new Set(rows.map((r) => r.responseId).filter(Boolean));
    const keepsIds = intake.map.index.responseId !== undefined;
    const arrived = arrivedSince(formId, entries, intakeCursor(rows, keepsIds), seen);
    if (!arrived.length) return;
    const partners = db.read('partners');
    const contacts = db.read('contacts');
    const known = knownPartners(
      partners.rows.map((r) => r.record),
      contacts.rows.map((r) => r.record),
    );
    const now = new Date();
    let today = addedToday(
      rows.filter((r) => r.status === 'added' && !r.decidedAt).map((r) => r.receivedAt),
      now.getTime(),
    );
    const ids = new Set(rows.map((r) => r.id));
    // Answers still waiting for review, then each answer of this run as it is decided: a second answer
    // from the same new organization is a possible duplicate of the first, not added beside it.
    const others: OtherAnswer[] = intake.rows
      .filter((r) => r.record.status === 'possible duplicate' || r.record.status === 'waiting')
      .flatMap((r) => {
        const answer = parseIntakeText(r.record.answer);
        return answer ? [{ id: r.record.id, answer }] : [];
      });
    const waitingRow = new Map(
      intake.rows.filter((r) => r.record.status === 'waiting').map((r) => [r.record.id, r.row]),
    );
    const flagged = new Map<string, string>();
    const decided = arrived.map((a) => {
      const answerId = newId(TABLES.intake.idPrefix, () => Utilities.getUuid(), ids);
      ids.add(answerId);
      const duplicate = possibleDuplicate(a.answer, known);
      const twin = duplicate ? null : sameAsAnswer(a.answer, others);
      const status: IntakeStatus =
        duplicate || twin ? 'possible duplicate' : today >= DAILY_CAP ? 'waiting' : 'added';
      if (status === 'added') today++;
      others.push({ id: answerId, answer: a.answer });
      // The earlier answer, if it waits only for the cap, waits as this one's possible duplicate too.
      const name = a.answer.name || 'Organization not named';
      if (twin && !flagged.has(twin.id))
        flagged.set(twin.id, `Same organization as another answer, from ${name}?`);
      return { ...a, answerId, duplicate, twin, status };
    });
    const added = addProspects(
      db,
      { partners, contacts },
      decided.filter((d) => d.status === 'added'),
    );
    const at = now.toISOString();
    const changes: RowChange[] = decided.map((d, i) => {
      const waits = flagged.get(d.answerId);
      const status = d.status === 'waiting' && waits ? 'possible duplicate' : d.status;
      const values: Rec = {
        id: d.answerId,
        name: d.answer.name ?? '',
        email: d.answer['contact.email'] ?? '',
        status,
        partnerId: added.get(d.answerId) ?? '',
        // A twin added in this run is a partner now: this answer may be it.
        duplicateOf: d.duplicate?.id ?? (d.twin ? (added.get(d.twin.id) ?? '') : ''),
        reason:
          d.duplicate?.reason ??
          d.twin?.reason ??
          (status === 'waiting'
            ? `More than ${DAILY_CAP} new applicants in a day: this one waits for you.`
            : (waits ?? '')),
        receivedAt: d.at.toISOString(),
        decidedAt: '',
        answer: JSON.stringify(d.answer),
        responseId: d.responseId,
        created: at,
        updated: at,
      };
      return { row: intake.values.length + 1 + i, values };
    });
    for (const [id, reason] of flagged) {
      const row = waitingRow.get(id);
      if (row) changes.push({ row, values: { status: 'possible duplicate', reason, updated: at } });
    }
    db.write(intake, changes);
  });
}

/**
 * The Form (if made), the prospects it added this week, and the answers waiting for the coordinator.
 * Opened from the sidebar (`collect`), it first takes any answer no trigger took.
 */
export function intakeView(db: Database, collect = false): IntakeView {
  const mine = recorded(db);
  if (mine && collect) {
    // This coordinator's form-submit trigger (if they have one) reads the answers by entry id too.
    if (mine.entries && !triggerEntries(mine.formId))
      PropertiesService.getUserProperties().setProperty(
        entriesKey(mine.formId),
        JSON.stringify(mine.entries),
      );
    try {
      intakeAnswered(db, mine.formId, mine.entries);
    } catch (error) {
      // Busy (a trigger taking the same answers) or refused: they are taken next time; the view shows.
      if (!(error instanceof UserError)) throw error;
    }
  }
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
    ownTrigger: mine ? hasSubmitTrigger(db.spreadsheet.getId()) : false,
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
      const read = { partners: db.read('partners'), contacts: db.read('contacts') };
      const added = addProspects(db, read, [{ answerId, answer: text }]);
      db.write(intake, [
        { row: row.row, values: { ...decided, status: 'added', partnerId: added.get(answerId) ?? '' } },
      ]);
    }
  });
  return intakeView(db);
}
