// Partner surveys with Google Forms: the Form is built from the question bank, each recipient gets a
// link prefilled with a random code, sends resume without repeating anyone, responses are matched by
// code (never by a typed name), and the figures go to the sidebar and a Summary tab with a Sheets chart.
import type {
  CreateSurveyRequest,
  Listed,
  SendRequest,
  SendResult,
  SurveyMailPreview,
  SurveyView,
} from '../../shared/contract';
import type { Contact, Partner, Survey, SurveyRecipient } from '../../shared/records';
import { isEmail, isIsoDate } from '../../shared/fields';
import { REPORT_TABS, TABLES, type SurveyKind } from '../../shared/schema';
import { checkQuestions, SCALE, TOKEN_QUESTION_TITLE, type Question } from '../domain/survey-bank';
import { summarize, type Answer } from '../domain/survey-summary';
import { surveyFigures } from '../domain/figures';
import type { SurveyFigures } from '../../shared/figures';
import type { SurveySummary } from '../../shared/survey';
import { DEFAULT_MESSAGE, DEFAULT_SUBJECT, renderSurveyMail } from '../domain/survey-mail';
import { newId } from '../domain/ids';
import { randomHex } from '../domain/random';
import { asText, isDate } from '../domain/cells';
import { oneLine } from '../domain/text';
import { UserError } from '../domain/errors';
import type { Rec } from '../domain/table';
import { withSheetLock, withUserLock, type Database } from './database';
import { trashIfOurs } from './drive-files';
import { findRow, listed, updateRow } from './records';
import { isPermanentMailError, JobLog, setQueued } from './jobs';

const TOKEN_STAND_IN = 'PHCODE';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Stop a send well inside Apps Script's six minutes, to record what went. */
const TIME_BUDGET_MS = 4.5 * 60 * 1000;
/** Emails recorded as going in one write, then as gone in one: at most this many are uncertain after a crash. */
const PROGRESS_BATCH = 25;
const UNCERTAIN =
  'Not known whether this email went: Partner Hub stopped while sending it. It is not sent again, so no one gets it twice; send it yourself if the contact did not get it.';
export const ON_SURVEY_SUBMIT = 'onSurveySubmit';

const INTRO: Record<SurveyKind, string> = {
  'end-of-year partnership survey':
    'Tell us how our partnership went this year. Please answer about the partnership as a whole: no names or details of individual students or families.',
  'annual partnership review':
    'Before our annual review conversation, tell us what worked, what did not, and how to move forward. No names or details of individual students or families, please.',
  'convening feedback': 'Thank you for joining the convening. A few questions help us plan the next one.',
};

interface Stored {
  readonly id: string;
  readonly type: Question['type'];
  readonly title: string;
}

function surveyOf(db: Database, id: string): { row: Listed<Survey>; questions: Stored[] } {
  const found = findRow(db.read('surveys'), id);
  if (!found) throw new UserError(`No survey with id ${id}; it may have been deleted.`);
  const survey = found.record as Survey;
  let questions: Stored[] = [];
  try {
    const parsed: unknown = JSON.parse(survey.questions || '[]');
    if (Array.isArray(parsed)) questions = parsed as Stored[];
  } catch {
    throw new UserError(
      `The "Questions (Partner Hub)" cell of survey "${survey.title}" was changed by hand; Partner Hub cannot read its answers.`,
    );
  }
  return { row: listed<Survey>(found), questions };
}

/**
 * Codes nobody can guess, 192 bits each (48 hex digits): HMAC-SHA-256 under a key of two fresh UUIDs
 * (244 random bits) that is kept nowhere, so one pair of Utilities calls serves a whole send.
 */
function tokenSource(): () => string {
  const random = randomHex(Utilities.getUuid() + Utilities.getUuid());
  return () => random().slice(0, 48);
}

export function createSurvey(db: Database, request: CreateSurveyRequest): Listed<Survey> {
  const checked = checkQuestions(request.questions);
  if (!checked.ok) throw new UserError(checked.errors.join(' '));
  const title = oneLine(request.title);
  if (!title) throw new UserError('Give the survey a title.');
  for (const [label, date] of [
    ['Opens', request.opens],
    ['Closes', request.closes],
  ] as const) {
    if (date && !isIsoDate(date)) throw new UserError(`${label}: must be a date like 2026-06-01.`);
  }
  const form = FormApp.create(title);
  publishOrStop(form, title);
  form.setDescription(INTRO[request.kind]);
  form.setCollectEmail(false);
  for (const q of checked.questions) {
    if (q.type === 'scale') {
      form
        .addScaleItem()
        .setTitle(q.title)
        .setBounds(SCALE.low, SCALE.high)
        .setLabels(SCALE.lowLabel, SCALE.highLabel)
        .setRequired(q.required);
    } else if (q.type === 'paragraph') {
      form.addParagraphTextItem().setTitle(q.title).setRequired(q.required);
    } else if (q.type === 'choice') {
      form
        .addMultipleChoiceItem()
        .setTitle(q.title)
        .setChoiceValues(q.choices ?? [])
        .setRequired(q.required);
    } else {
      const item = form.addTextItem().setTitle(q.title).setRequired(q.required);
      if (q.type === 'number') item.setValidation(FormApp.createTextValidation().requireNumber().build());
    }
  }
  const token = form
    .addTextItem()
    .setTitle(TOKEN_QUESTION_TITLE)
    .setHelpText('This code tells us which partner answered. Please leave it as it is.');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, db.spreadsheet.getId());
  db.forgetSheets();
  const tab = placeResponseTab(db, form.getId());
  const prefill = form
    .createResponse()
    .withItemResponse(token.createResponse(TOKEN_STAND_IN))
    .toPrefilledUrl();
  ensureSubmitTrigger(db.spreadsheet);
  const stored: Stored[] = checked.questions.map((q) => ({ id: q.id, type: q.type, title: q.title }));
  return withSheetLock(db, () => {
    const data = db.read('surveys');
    if (!data.sheet) throw new UserError('Run "Set up partner database" first: there is no Surveys tab.');
    const now = new Date().toISOString();
    const id = newId(
      TABLES.surveys.idPrefix,
      () => Utilities.getUuid(),
      new Set(data.rows.map((r) => String(r.record.id))),
    );
    const values: Rec = {
      id,
      kind: request.kind,
      title,
      formId: form.getId(),
      formUrl: form.getPublishedUrl(),
      editUrl: form.getEditUrl(),
      responseTab: tab?.name ?? '',
      responseTabId: tab ? String(tab.id) : '',
      status: 'open',
      opens: request.opens,
      closes: request.closes,
      threshold: request.threshold === null ? '' : String(request.threshold),
      questions: JSON.stringify(stored),
      prefill,
      created: now,
      updated: now,
    };
    const row = data.values.length + 1;
    db.write(data, [{ row, values }]);
    return listed<Survey>(
      findRow(db.read('surveys'), id) ?? { record: values, row, version: '', warnings: [] },
    );
  });
}

/**
 * Forms made through Apps Script after June 30, 2026 start unpublished and take no answers: publish the
 * new Form before anything else is made, or stop and say so. The add-on cannot delete the Form (FormApp
 * has no delete; DriveApp needs a Drive scope it does not ask for), so the person is told where it is.
 */
function publishOrStop(form: GoogleAppsScript.Forms.Form, title: string): void {
  const reason = (error: unknown) => ` (${error instanceof Error ? error.message : String(error)})`;
  let why = '';
  try {
    form.setPublished(true);
  } catch (error) {
    why = reason(error);
  }
  // Checked even after an error: the call may have published it before failing.
  try {
    if (form.isPublished()) return;
  } catch (error) {
    why ||= reason(error);
  }
  // The add-on made the Form, so under drive.file it may put it in the trash.
  let trashed = false;
  try {
    trashed = trashIfOurs(form.getId());
  } catch {
    trashed = false;
  }
  throw new UserError(
    `Partner Hub could not publish the new Form "${title}"${why}. An unpublished Form takes no answers, ` +
      `so no survey was saved; ${trashed ? 'the Form is in the trash of your Google Drive' : 'the Form is in your Google Drive, where you can delete it'}. Try again; if it ` +
      'fails again, check in Google Forms that you can publish a form.',
  );
}

/** The id in a Form's URL (Sheet.getFormUrl gives https://docs.google.com/forms/d/<id>/viewform), or ''. */
function formIdOf(url: string | null): string {
  const id = url ? /\/forms\/d\/([\w-]+)/.exec(url)?.[1] : undefined;
  return id && id !== 'e' ? id : '';
}

/**
 * The tab a new Form answers into, found by its Form (Forms names it, and puts it first in the
 * workbook), then moved last, after Partner Hub's own tabs. Null if the spreadsheet does not show it.
 */
function placeResponseTab(db: Database, formId: string): { id: number; name: string } | null {
  const sheets = db.sheets();
  const tab = sheets.find((s) => formIdOf(s.getFormUrl()) === formId);
  if (!tab) return null;
  const found = { id: tab.getSheetId(), name: tab.getName() };
  if (sheets.indexOf(tab) < sheets.length - 1) {
    const active = db.spreadsheet.getActiveSheet();
    try {
      db.spreadsheet.setActiveSheet(tab);
      db.spreadsheet.moveActiveSheet(sheets.length);
      db.spreadsheet.setActiveSheet(active);
    } catch {
      // Where the tab sits does not matter to the survey: its answers are found by sheet id.
    }
    db.forgetSheets();
  }
  return found;
}

/**
 * A survey's response tab: by the sheet id kept on its row (a renamed tab is still found), else the
 * tab its Form answers into, else by the name kept for people.
 */
function responseTabOf(db: Database, survey: Survey): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (/^\d+$/.test(survey.responseTabId)) {
    const byId = db.spreadsheet.getSheetById(Number(survey.responseTabId));
    if (byId) return byId;
  }
  const linked = survey.formId
    ? db.sheets().find((s) => formIdOf(s.getFormUrl()) === survey.formId)
    : undefined;
  if (linked) return linked;
  return survey.responseTab ? db.spreadsheet.getSheetByName(survey.responseTab) : null;
}

/**
 * The id of the survey whose response tab this is (a form-submit trigger's tab): by sheet id, by the
 * Form answering into it, then by name. Null if it is no survey's.
 */
export function surveyOfResponseTab(db: Database, sheet: GoogleAppsScript.Spreadsheet.Sheet): string | null {
  const surveys = db.read('surveys').rows.map((r) => r.record as Survey);
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
    .rows.map((r) => r.record as Survey)
    .find((s) => s.responseTabId === sheetId);
  if (!survey) {
    const id = surveyOfResponseTab(db, sheet);
    if (id) refreshResponses(db, id);
    return;
  }
  const token = String(named?.[TOKEN_QUESTION_TITLE]?.[0] ?? '').trim();
  const data = db.read('surveyResponses');
  const match = token
    ? data.rows.find(
        (r) => r.record.surveyId === survey.id && r.record.status !== 'flagged' && r.record.token === token,
      )
    : undefined;
  if (!match || match.record.status === 'responded') {
    refreshResponses(db, survey.id);
    return;
  }
  // The Form's own timestamp, as the whole refresh records it: the first cell of the new row.
  const stamp = row.getValues()[0][0];
  const at = isDate(stamp) ? stamp.toISOString() : String(stamp);
  withSheetLock(db, () =>
    db.write(data, [
      { row: match.row, values: { status: 'responded', respondedAt: at, updated: new Date().toISOString() } },
    ]),
  );
}

/** One spreadsheet trigger serves every survey Form that answers into this spreadsheet. */
function ensureSubmitTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const id = spreadsheet.getId();
  const exists = ScriptApp.getProjectTriggers().some(
    (t) => t.getHandlerFunction() === ON_SURVEY_SUBMIT && t.getTriggerSourceId() === id,
  );
  if (!exists) ScriptApp.newTrigger(ON_SURVEY_SUBMIT).forSpreadsheet(spreadsheet).onFormSubmit().create();
}

interface Target {
  readonly partner: Partner;
  readonly contact: Contact;
}

function targets(db: Database, request: Pick<SendRequest, 'audience' | 'partnerIds'>): Target[] {
  const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r.record as Partner]));
  const contacts = db.read('contacts').rows.map((r) => r.record as Contact);
  const out: Target[] = [];
  for (const id of request.partnerIds) {
    const partner = partners.get(id);
    if (!partner) throw new UserError(`No partner with id ${id}; reload and try again.`);
    const people = contacts.filter((c) => c.partnerId === id && isEmail(c.email));
    const chosen =
      request.audience === 'all' ? people : [people.find((c) => c.primary) ?? people[0]].filter(Boolean);
    for (const contact of chosen) out.push({ partner, contact: contact as Contact });
  }
  return out;
}

export function previewSurveyMail(db: Database, request: SendRequest): SurveyMailPreview {
  const { row } = surveyOf(db, request.surveyId);
  const list = targets(db, request);
  const sample = list[0];
  const mail = renderSurveyMail({
    subject: request.subject,
    message: request.message,
    link: row.record.prefill.replace(TOKEN_STAND_IN, 'sample-code'),
    partnerName: sample?.partner.name ?? 'Sample partner',
    contactName: sample?.contact.name ?? 'Sample contact',
    surveyTitle: row.record.title,
    closes: row.record.closes,
  });
  const already = new Set(
    db
      .read('surveyResponses')
      .rows.map((r) => r.record as SurveyRecipient)
      .filter((r) => r.surveyId === row.record.id && r.status !== 'queued' && r.status !== 'flagged')
      .map((r) => r.contactId),
  );
  return {
    recipients: list.length,
    alreadySent: list.filter((t) => already.has(t.contact.id)).length,
    quota: MailApp.getRemainingDailyQuota(),
    subject: mail.subject,
    body: mail.body,
    unknownPlaceholders: mail.unknown,
    domainOnly: domainOnly(row.record.formId),
  };
}

/**
 * Whether the survey's Form takes answers only from people signed in to the school's own domain
 * (Form.requiresLogin). False when the Form cannot be read: then nothing is claimed.
 */
function domainOnly(formId: string): boolean {
  try {
    return FormApp.openById(formId).requiresLogin();
  } catch {
    return false;
  }
}

/** The email text and round of a send or a reminder, kept for the trigger that may finish it. */
function mailText(
  db: Database,
  surveyId: string,
  kind: 'send' | 'remind',
  given?: MailParams,
): MailParams | null {
  const store = PropertiesService.getUserProperties();
  const key = `ph.${db.spreadsheet.getId()}.surveyMail.${kind}.${surveyId}`;
  if (given) {
    store.setProperty(key, JSON.stringify(given));
    return given;
  }
  const saved = store.getProperty(key);
  return saved ? (JSON.parse(saved) as MailParams) : null;
}

/**
 * Sends the survey: recipients are added once (with their code), then emails go out up to the batch,
 * the day's quota and the time budget. Each sent email is recorded before the next one goes.
 */
export function sendSurvey(db: Database, request: SendRequest, resuming = false): SendResult {
  const { row } = surveyOf(db, request.surveyId);
  if (row.record.status === 'closed')
    throw new UserError(`"${row.record.title}" is closed; it cannot be sent.`);
  // Who it goes to is checked first: a refused call changes nothing, not even the text waiting to go.
  const list = request.partnerIds.length ? targets(db, request) : [];
  // A resume (the trigger) sends with the text the person wrote; a call from the sidebar brings its own.
  const text = mailText(
    db,
    row.record.id,
    'send',
    resuming ? undefined : { subject: request.subject, message: request.message },
  );
  if (list.length) addRecipients(db, row.record.id, list);
  return deliver(db, row.record, 'send', text, request.batch);
}

interface MailParams {
  readonly subject: string;
  readonly message: string;
  /** For reminders: skip anyone reminded (or sent to) within this many days; the round started on this date. */
  readonly minDays?: number;
  readonly round?: string;
}

export function remindSurvey(
  db: Database,
  surveyId: string,
  minDays: number,
  batch: number,
  resuming = false,
): SendResult {
  const { row } = surveyOf(db, surveyId);
  if (row.record.status === 'closed')
    throw new UserError(`"${row.record.title}" is closed; there is no one to remind.`);
  refreshResponses(db, surveyId);
  const kind = row.record.kind as SurveyKind;
  const params = mailText(
    db,
    surveyId,
    'remind',
    resuming
      ? undefined
      : {
          subject: `Reminder: ${DEFAULT_SUBJECT[kind] ?? row.record.title}`,
          message: DEFAULT_MESSAGE[kind] ?? '{{survey.link}}',
          minDays,
          round: new Date().toISOString().slice(0, 10),
        },
  );
  return deliver(db, row.record, 'remind', params, batch, params?.minDays ?? minDays, params?.round);
}

function addRecipients(db: Database, surveyId: string, list: readonly Target[]): void {
  withSheetLock(db, () => {
    const data = db.read('surveyResponses');
    if (!data.sheet)
      throw new UserError('Run "Set up partner database" first: there is no Survey Responses tab.');
    const known = new Set(
      data.rows
        .map((r) => r.record as SurveyRecipient)
        .filter((r) => r.surveyId === surveyId)
        .map((r) => r.contactId),
    );
    const taken = new Set(data.rows.map((r) => String(r.record.id)));
    const now = new Date().toISOString();
    const fresh = list.filter((t) => !known.has(t.contact.id) && (known.add(t.contact.id), true));
    if (!fresh.length) return;
    const random = tokenSource();
    db.write(
      data,
      fresh.map((t, i) => {
        const id = newId(TABLES.surveyResponses.idPrefix, random, taken);
        taken.add(id);
        const values: Rec = {
          id,
          surveyId,
          partnerId: t.partner.id,
          contactId: t.contact.id,
          email: t.contact.email,
          token: random(),
          status: 'queued',
          sentAt: '',
          remindedAt: '',
          respondedAt: '',
          error: '',
          created: now,
          updated: now,
        };
        return { row: data.values.length + 1 + i, values };
      }),
    );
  });
}

function deliver(
  db: Database,
  survey: Survey,
  kind: 'send' | 'remind',
  text: MailParams | null,
  batch: number,
  minDays = 0,
  remindRound = '',
): SendResult {
  if (!text)
    throw new UserError('The email text for this survey was not found; send it again from the sidebar.');
  return withUserLock('This survey is already being sent from another window. Wait for it to finish.', () => {
    const started = Date.now();
    const now = new Date().toISOString();
    const round = kind === 'send' ? 'send' : `remind.${remindRound || now.slice(0, 10)}`;
    const log = new JobLog(db.spreadsheet.getId(), `survey.${survey.id}.${round}`);
    const done = log.read();
    const data = db.read('surveyResponses');
    const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r.record as Partner]));
    const contacts = new Map(db.read('contacts').rows.map((r) => [String(r.record.id), r.record as Contact]));
    const mine = data.rows.filter((r) => r.record.surveyId === survey.id);
    const cutoff = Date.now() - minDays * DAY;
    const due = mine.filter((r) => {
      const rec = r.record as SurveyRecipient;
      if (kind === 'send') return rec.status === 'queued';
      const last = Date.parse(rec.remindedAt || rec.sentAt);
      return rec.status === 'sent' && !(last > cutoff);
    });
    const changes = new Map<string, Rec>();
    const sent: string[] = [];
    const failed: { email: string; error: string }[] = [];
    let quota = due.length ? MailApp.getRemainingDailyQuota() : 0;
    let halted: 'quota' | 'time' | null = null;
    let count = 0;
    // Sent before the sheet heard of it (the run stopped between the two): record it, don't resend. Recorded
    // as about to go but never as gone: it may have gone, so it is reported and never sent again.
    const waiting: SurveyRecipient[] = [];
    for (const r of due) {
      const rec = r.record as SurveyRecipient;
      if (done.has(rec.id)) {
        changes.set(
          rec.id,
          kind === 'send' ? { status: 'sent', sentAt: now, updated: now } : { remindedAt: now, updated: now },
        );
      } else if (log.uncertain().has(rec.id)) {
        failed.push({ email: rec.email, error: UNCERTAIN });
        if (kind === 'send') changes.set(rec.id, { status: 'failed', error: UNCERTAIN, updated: now });
      } else waiting.push(rec);
    }
    // A batch of addresses is recorded as going (one write), sent, then recorded as gone (one write).
    let next = 0;
    while (next < waiting.length && !halted && count < batch && quota >= 1) {
      if (Date.now() - started > TIME_BUDGET_MS) break;
      const group = waiting.slice(next, next + Math.min(PROGRESS_BATCH, batch - count, quota));
      next += group.length;
      log.begin(group.map((rec) => rec.id));
      const went: string[] = [];
      for (const rec of group) {
        const mail = renderSurveyMail({
          subject: text.subject,
          message: text.message,
          link: survey.prefill.replace(TOKEN_STAND_IN, encodeURIComponent(rec.token)),
          partnerName: partners.get(rec.partnerId)?.name ?? '',
          contactName: contacts.get(rec.contactId)?.name ?? '',
          surveyTitle: survey.title,
          closes: survey.closes,
        });
        try {
          MailApp.sendEmail({
            to: rec.email,
            subject: mail.subject,
            body: mail.body,
            htmlBody: mail.htmlBody,
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (isPermanentMailError(message)) {
            failed.push({ email: rec.email, error: message });
            if (kind === 'send')
              changes.set(rec.id, { status: 'failed', error: message.slice(0, 500), updated: now });
            continue;
          }
          // The quota, the clock or a passing service error: this one and the rest go on the next run.
          next -= group.length - group.indexOf(rec);
          quota = 0;
          halted = /too many times/i.test(message) ? 'quota' : 'time';
          break;
        }
        quota -= 1;
        count += 1;
        went.push(rec.id);
        sent.push(rec.email);
        changes.set(
          rec.id,
          kind === 'send'
            ? { status: 'sent', sentAt: now, error: '', updated: now }
            : { remindedAt: now, updated: now },
        );
      }
      log.commit(done, went);
    }
    const stoppedBy: SendResult['stoppedBy'] =
      next >= waiting.length ? null : (halted ?? (count >= batch ? 'batch' : quota < 1 ? 'quota' : 'time'));
    flush(db, changes);
    const left = due.length - changes.size;
    const job = {
      spreadsheetId: db.spreadsheet.getId(),
      kind: kind === 'send' ? ('surveySend' as const) : ('surveyRemind' as const),
      id: survey.id,
    };
    // What waits for the quota goes out tomorrow; what the batch or the clock left, from the trigger an
    // hour from now (an add-on's time-driven trigger runs at most hourly), unless the sidebar goes on first.
    setQueued(job, left > 0, stoppedBy === 'quota' ? DAY : HOUR);
    return {
      total: due.length + mine.filter((r) => kind === 'send' && r.record.status !== 'queued').length,
      sent,
      failed,
      queued: left,
      stoppedBy: left > 0 ? stoppedBy : null,
      quotaLeft: Math.max(quota, 0),
    };
  });
}

/** Writes the recipients' new states under the document lock, found again by id (a sort may have moved them). */
function flush(db: Database, changes: ReadonlyMap<string, Rec>): void {
  if (!changes.size) return;
  withSheetLock(db, () => {
    const fresh = db.read('surveyResponses');
    const rows = fresh.rows.filter((r) => changes.has(String(r.record.id)));
    db.write(
      fresh,
      rows.map((r) => ({ row: r.row, values: changes.get(String(r.record.id)) as Rec })),
    );
  });
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
function readAnswers(db: Database, survey: Survey) {
  const questions = surveyOf(db, survey.id).questions;
  const tab = responseTabOf(db, survey);
  const values = tab ? tab.getDataRange().getValues() : [];
  let tabName: string | undefined;
  const nameOfTab = () => (tabName ??= tab ? tab.getName() : survey.responseTab);
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const tokenAt = header.indexOf(TOKEN_QUESTION_TITLE);
  const recipients = db
    .read('surveyResponses')
    .rows.map((r) => r.record as SurveyRecipient)
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

/** The surveys that have a Form, the newest first. */
export function surveysNewestFirst(db: Database): Survey[] {
  return db
    .read('surveys')
    .rows.map((r) => r.record as Survey)
    .filter((s) => s.formId)
    .sort((a, b) => b.created.localeCompare(a.created));
}

/** The survey's figures from its answers: the Surveys view, its messages and the Dashboard read these. */
function summaryOf(survey: Survey, read: ReturnType<typeof readAnswers>): SurveySummary {
  const { answers, recipients, questions } = read;
  const threshold = survey.threshold === '' ? null : Number(survey.threshold);
  const asAnswers: Answer[] = answers.map((a) => ({
    partnerId: a.partnerId,
    contactId: a.contactId,
    answers: a.values,
  }));
  const invitations = recipients
    .filter((r) => r.status !== 'queued' && r.status !== 'failed')
    .map((r) => ({ partnerId: r.partnerId, contactId: r.contactId }));
  const full = questions.map((q) => ({ ...q, required: false }));
  return summarize(full, invitations, asAnswers, Number.isFinite(threshold) ? threshold : null);
}

export function surveyView(db: Database, surveyId: string): SurveyView {
  const { row } = surveyOf(db, surveyId);
  const read = readAnswers(db, row.record);
  const { flags, recipients } = read;
  const summary = summaryOf(row.record, read);
  const names = new Map(db.read('partners').rows.map((r) => [String(r.record.id), String(r.record.name)]));
  return {
    survey: row,
    summary: {
      ...summary,
      partners: summary.partners.map((p) => ({ ...p, name: names.get(p.partnerId) ?? p.partnerId })),
    },
    flags: flags.map((f) => f.message),
    recipients: recipients.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      email: r.email,
      status: r.status,
      sentAt: r.sentAt,
      remindedAt: r.remindedAt,
      respondedAt: r.respondedAt,
      error: r.error,
    })),
  };
}

const SUMMARY_TAB = REPORT_TABS.surveySummary;

/** Rebuilds the Survey Summary tab for one survey: a table of figures and a bar chart drawn by Sheets. */
export function writeSummaryTab(db: Database, surveyId: string): { tab: string; rows: number } {
  const view = surveyView(db, surveyId);
  const s = view.summary;
  const scaleIds = s.scales.map((x) => x.questionId);
  const round = (n: number | null) => (n === null ? '' : Math.round(n * 100) / 100);
  const header = [
    'Partner',
    'Invited',
    'Responded',
    'Response rate',
    'Overall',
    ...s.scales.map((x) => x.title),
    'Flag',
  ];
  const rows: (string | number)[][] = [
    header,
    ['All partners', s.invited, s.responded, round(s.rate), '', ...s.scales.map((x) => round(x.mean)), ''],
    ...s.partners.map((p) => [
      p.name,
      p.invited,
      p.responded,
      round(p.rate),
      round(p.overall),
      ...scaleIds.map((id) => round(p.scales.find((x) => x.questionId === id)?.mean ?? null)),
      p.flagged ? 'below threshold: review' : '',
    ]),
  ].map((r) => r.map((c) => (typeof c === 'string' ? asText(c) : c)));
  return withSheetLock(db, () => {
    const sheet = db.spreadsheet.getSheetByName(SUMMARY_TAB) ?? db.spreadsheet.insertSheet(SUMMARY_TAB);
    sheet.clearContents();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    const needed = rows.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
    const width = header.length;
    if (width > sheet.getMaxColumns())
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    sheet.getRange(1, 1, rows.length, width).setValues(rows);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setFrozenRows(1);
    if (s.scales.length) {
      // Mean of each scale across all partners: header row and the "All partners" row.
      const chart = sheet
        .newChart()
        .asBarChart()
        .setTitle(`${view.survey.record.title}: average of each scale (1–5)`)
        .addRange(sheet.getRange(1, 6, 2, s.scales.length))
        .setPosition(rows.length + 2, 1, 0, 0)
        .setOption('hAxis.viewWindow.min', 1)
        .setOption('hAxis.viewWindow.max', 5)
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .build();
      sheet.insertChart(chart);
    }
    return { tab: SUMMARY_TAB, rows: rows.length - 1 };
  });
}

export function closeSurvey(db: Database, surveyId: string): Listed<Survey> {
  const { row } = surveyOf(db, surveyId);
  try {
    FormApp.openById(row.record.formId).setAcceptingResponses(false);
  } catch {
    throw new UserError(
      'Partner Hub cannot open this survey’s Form to close it. Check that you can edit it.',
    );
  }
  setQueued({ spreadsheetId: db.spreadsheet.getId(), kind: 'surveySend', id: surveyId }, false, DAY);
  setQueued({ spreadsheetId: db.spreadsheet.getId(), kind: 'surveyRemind', id: surveyId }, false, DAY);
  return listed<Survey>(updateRow(db, 'surveys', surveyId, { status: 'closed' }));
}
