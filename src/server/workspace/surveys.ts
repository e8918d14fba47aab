// Partner surveys with Google Forms: the Form is built from the question bank and published, its
// response tab placed after Partner Hub's own, and the survey kept as a row of the Surveys tab. Sending
// is in survey-send.ts, answers in survey-answers.ts, the figures in survey-results.ts.
import type { CreateSurveyRequest, Listed } from '../../shared/contract';
import type { Survey } from '../../shared/records';
import { isIsoDate } from '../../shared/fields';
import { TABLES, type SurveyKind } from '../../shared/schema';
import { checkQuestions, SCALE, TOKEN_QUESTION_TITLE, type Question } from '../domain/survey-bank';
import { newId } from '../domain/ids';
import { oneLine } from '../domain/text';
import { UserError } from '../domain/errors';
import { withSheetLock, type Database } from './database';
import { trashIfOurs } from './drive-files';
import { findRow, listed, updateRow } from './records';
import { setQueued } from './jobs';

/** Where a recipient's code goes in the Form's prefilled link. */
export const TOKEN_STAND_IN = 'PHCODE';
const DAY = 24 * 60 * 60 * 1000;
export const ON_SURVEY_SUBMIT = 'onSurveySubmit';

const INTRO: Record<SurveyKind, string> = {
  'end-of-year partnership survey':
    'Tell us how our partnership went this year. Please answer about the partnership as a whole: no names or details of individual students or families.',
  'annual partnership review':
    'Before our annual review conversation, tell us what worked, what did not, and how to move forward. No names or details of individual students or families, please.',
  'convening feedback': 'Thank you for joining the convening. A few questions help us plan the next one.',
};

export interface Stored {
  readonly id: string;
  readonly type: Question['type'];
  readonly title: string;
}

export function surveyOf(db: Database, id: string): { row: Listed<Survey>; questions: Stored[] } {
  const found = findRow(db.read('surveys'), id);
  if (!found) throw new UserError(`No survey with id ${id}; it may have been deleted.`);
  const survey = found.record;
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
    const values: Survey = {
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
    return listed(findRow(db.read('surveys'), id) ?? { record: values, row, version: '', warnings: [] });
  });
}

/**
 * Forms made through Apps Script after June 30, 2026 start unpublished and take no answers: publish the
 * new Form before anything else is made, or stop and say so. The add-on cannot delete the Form (FormApp
 * has no delete; DriveApp needs a Drive scope it does not ask for), so the person is told where it is.
 */
export function publishOrStop(form: GoogleAppsScript.Forms.Form, title: string): void {
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
export function formIdOf(url: string | null): string {
  const id = url ? /\/forms\/d\/([\w-]+)/.exec(url)?.[1] : undefined;
  return id && id !== 'e' ? id : '';
}

/**
 * The tab a new Form answers into, found by its Form (Forms names it, and puts it first in the
 * workbook), then moved last, after Partner Hub's own tabs. Null if the spreadsheet does not show it.
 */
export function placeResponseTab(db: Database, formId: string): { id: number; name: string } | null {
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
export function responseTabOf(db: Database, survey: Survey): GoogleAppsScript.Spreadsheet.Sheet | null {
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

/** Whether this user has the form-submit trigger on this spreadsheet (triggers are per user). */
export function hasSubmitTrigger(spreadsheetId: string): boolean {
  return ScriptApp.getProjectTriggers().some(
    (t) => t.getHandlerFunction() === ON_SURVEY_SUBMIT && t.getTriggerSourceId() === spreadsheetId,
  );
}

/** One spreadsheet trigger serves every survey Form that answers into this spreadsheet. */
export function ensureSubmitTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (!hasSubmitTrigger(spreadsheet.getId()))
    ScriptApp.newTrigger(ON_SURVEY_SUBMIT).forSpreadsheet(spreadsheet).onFormSubmit().create();
}

/** The surveys that have a Form, the newest first. */
export function surveysNewestFirst(db: Database): Survey[] {
  return db
    .read('surveys')
    .rows.map((r) => r.record)
    .filter((s) => s.formId)
    .sort((a, b) => b.created.localeCompare(a.created));
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
