// The server functions the sidebars call: one table, each function's argument checks beside what it does.
// The table is typed by the contract (ServerApi in src/shared/contract.ts): a function missing from it, one
// the contract does not declare, an argument checked as another type or a wrong result does not compile.
import type { Directory, ServerApi, ServerFunction } from '../shared/contract';
import type {
  ActionItem,
  Agreement,
  CheckIn,
  Contact,
  Gathering,
  Need,
  Onboarding,
  Partner,
  Review,
  School,
  Survey,
  Vetting,
} from '../shared/records';
import { gapsView, needFiguresOf, rollupNetwork, writeDashboard, writeGapsTab } from './workspace/network';
import {
  makePartnerDoc,
  makeSchoolDoc,
  reviewContext,
  saveOnboarding,
  saveReview,
  saveVetting,
  startVetting,
} from './workspace/lifecycle';
import { questionBank } from './domain/survey-bank';
import { DEFAULT_MESSAGE, DEFAULT_SUBJECT } from './domain/survey-mail';
import { closeSurvey, createSurvey } from './workspace/surveys';
import {
  previewReminder,
  previewSurveyMail,
  remindSurvey,
  sendSurvey,
  sendSurveyTest,
} from './workspace/survey-send';
import { answerSubmitted, refreshResponses } from './workspace/survey-answers';
import { makeSurveyReport, surveyView, writeSummaryTab } from './workspace/survey-results';
import {
  askToCheckDetails,
  decideChange,
  detailsAnswered,
  isDetailsAnswer,
  previewDetailsReminder,
  proposedChanges,
  remindDetails,
} from './workspace/details-checks';
import { sendIntakeDigests, setIntakeDigest } from './workspace/intake-digest';
import { isDate } from './domain/cells';
import { decideIntake, intakeAnswered, intakeFormOf, intakeView, makeIntakeForm } from './workspace/intake';
import { CHANGE_DECISIONS, INTAKE_DECISIONS } from '../shared/choices';
import { conveningPlan, yearPlan } from './domain/schedule';
import { SURVEY_KINDS, TABLES, TABLE_KEYS } from '../shared/schema';
import { attention, nextCheckIn } from '../shared/partner-status';
import { UserError } from './domain/errors';
import { bool, checkArgs, integer, list, oneOf, text, type Checks } from './args';
import {
  agendaTable,
  calendarSyncRequest,
  conveningRequest,
  createSurveyRequest,
  gatheringDraft,
  id,
  importRequest,
  optionalId,
  partnerDoc,
  partnerQuery,
  profileParts,
  partnerSaveRequest,
  saveRequest,
  schoolDoc,
  sendRequest,
  settingsRequest,
  viewTableList,
  yearRequest,
} from './requests';
import { addGatherings, getSettings, markHeld, saveSettings } from './workspace/gatherings';
import { makeAgenda } from './workspace/agenda-docs';
import { cancelGathering, putOnCalendar, syncGatherings } from './workspace/events';
import { previewFollowUp, sendFollowUp } from './workspace/followup';
import { agendaInfo, captureActionItems, insertIntoAgenda } from './workspace/agenda-link';
import {
  openDatabase,
  openDatabaseById,
  openDatabaseOutside,
  withSheetLock,
  type Database,
} from './workspace/database';
import { queuedJobs, RESUME_JOBS, setQueued } from './workspace/jobs';
import { assignIds, setUp } from './workspace/setup';
import { fillDemo, removeDemo } from './workspace/demo';
import { listed, savePartner, saveRecord } from './workspace/records';
import { importSources, previewImport, runImport } from './workspace/import';
import { findPartners, partnerProfile, sidebarHome, viewTables } from './workspace/sidebar';

/** The arguments of a server function, as the contract declares them. */
type Args<K extends ServerFunction> = Parameters<ServerApi[K]>;

/** One server function: a check for each of its arguments, and what it does with them once checked. */
export interface ServerEntry<K extends ServerFunction> {
  readonly args: Checks<Args<K>>;
  /** `db()` opens the spreadsheet the first time it is called: a function that needs none never opens it. */
  readonly run: (db: () => Database, ...args: Args<K>) => ReturnType<ServerApi[K]>;
}

/** An entry for every function of the contract, and for nothing else. */
export type ServerTable = { readonly [K in ServerFunction]: ServerEntry<K> };

type Tables = Record<(typeof TABLE_KEYS)[number], ReturnType<Database['read']>>;

export function directory(db: Database): Directory {
  const today = db.today();
  const readAll = () => Object.fromEntries(TABLE_KEYS.map((k) => [k, db.read(k)])) as Tables;
  let read = readAll();
  // Rows people added by hand get their id now, so the sidebar can pick and save them like any other.
  if (TABLE_KEYS.some((k) => read[k].needsId.length && read[k].map.index.id !== undefined)) {
    try {
      withSheetLock(db, () => TABLE_KEYS.forEach((k) => assignIds(db, db.read(k))));
      read = readAll();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Someone else is saving: the rows keep their stand-in ids until the next load.
    }
  }
  const agreements = read.agreements.rows.map((r) => listed<Agreement>(r));
  const byPartner = new Map<string, Agreement[]>();
  for (const { record } of agreements) {
    const list = byPartner.get(record.partnerId);
    if (list) list.push(record);
    else byPartner.set(record.partnerId, [record]);
  }
  const missing = TABLE_KEYS.flatMap((k) => {
    const data = read[k];
    if (!data.sheet) return [`${TABLES[k].tab} tab`];
    return data.map.missing.map((c) => `${TABLES[k].tab}: ${c.header}`);
  });
  return {
    spreadsheetName: db.spreadsheet.getName(),
    today,
    missing,
    partners: read.partners.rows.map((r) => {
      const entry = listed<Partner>(r);
      return {
        ...entry,
        attention: attention(entry.record, byPartner.get(entry.record.id) ?? [], today),
        nextCheckIn: nextCheckIn(entry.record, today),
      };
    }),
    contacts: read.contacts.rows.map((r) => listed<Contact>(r)),
    agreements,
    checkIns: read.checkIns.rows.map((r) => listed<CheckIn>(r)),
    schools: read.schools.rows.map((r) => listed<School>(r)),
    gatherings: read.gatherings.rows.map((r) => listed<Gathering>(r)),
    actionItems: read.actionItems.rows.map((r) => listed<ActionItem>(r)),
    surveys: read.surveys.rows.map((r) => listed<Survey>(r)),
    needs: read.needs.rows.map((r) => listed<Need>(r)),
    vetting: read.vetting.rows.map((r) => listed<Vetting>(r)),
    onboarding: read.onboarding.rows.map((r) => listed<Onboarding>(r)),
    reviews: read.reviews.rows.map((r) => listed<Review>(r)),
  };
}

/**
 * The server functions. Each needs a stub in index.ts too (a top-level function is what google.script.run
 * can call); test/unit/server-functions.test.ts holds the two to the same names.
 */
export const SERVER_FUNCTIONS: ServerTable = {
  getDirectory: { args: [], run: (db) => directory(db()) },
  getHome: { args: [partnerQuery], run: (db, query) => sidebarHome(db(), query) },
  findPartners: { args: [partnerQuery], run: (db, query) => findPartners(db(), query) },
  getPartner: {
    args: [id, profileParts],
    run: (db, partnerId, parts) => partnerProfile(db(), partnerId, parts),
  },
  getTables: { args: [viewTableList], run: (db, tables) => viewTables(db(), tables) },
  setUpDatabase: { args: [], run: (db) => withSheetLock(db(), () => setUp(db())) },
  savePartner: { args: [partnerSaveRequest], run: (db, request) => savePartner(db(), request) },
  saveContact: { args: [saveRequest], run: (db, request) => saveRecord(db(), 'contacts', request) },
  saveAgreement: {
    args: [saveRequest],
    run: (db, request) => saveRecord(db(), 'agreements', request),
  },
  saveSchool: { args: [saveRequest], run: (db, request) => saveRecord(db(), 'schools', request) },
  logCheckIn: {
    args: [saveRequest],
    run: (db, request) =>
      saveRecord(db(), 'checkIns', request, {
        // The partner's last check-in moves forward, never back, whatever order check-ins are logged in.
        after: (checkIn) => {
          const partners = db().read('partners');
          const row = partners.rows.find((r) => r.record.id === checkIn.partnerId);
          const date = String(checkIn.date);
          if (row && String(row.record.lastCheckIn) < date) {
            db().write(partners, [
              { row: row.row, values: { lastCheckIn: date, updated: new Date().toISOString() } },
            ]);
          }
        },
      }),
  },
  getImportSources: { args: [], run: (db) => importSources(db()) },
  previewImport: { args: [importRequest], run: (db, request) => previewImport(db(), request) },
  runImport: { args: [importRequest], run: (db, request) => runImport(db(), request) },
  planYear: { args: [yearRequest], run: (_db, request) => yearPlan(request) },
  planConvening: {
    args: [conveningRequest],
    run: (_db, request) => {
      try {
        return conveningPlan(request);
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
    },
  },
  addGatherings: {
    args: [list(gatheringDraft, 60), list(id, 1000)],
    run: (db, drafts, invited) => addGatherings(db(), drafts, invited),
  },
  saveGathering: {
    args: [saveRequest],
    run: (db, request) => saveRecord(db(), 'gatherings', request),
  },
  saveActionItem: {
    args: [saveRequest],
    run: (db, request) => saveRecord(db(), 'actionItems', request),
  },
  makeAgenda: {
    args: [id, bool],
    run: (db, gatheringId, replace) => makeAgenda(db(), gatheringId, replace),
  },
  putOnCalendar: {
    args: [id, bool],
    run: (db, gatheringId, sendInvites) => putOnCalendar(db(), gatheringId, sendInvites),
  },
  syncGatherings: { args: [calendarSyncRequest], run: (db, request) => syncGatherings(db(), request) },
  cancelGathering: {
    args: [id],
    run: (db, gatheringId) => listed<Gathering>(cancelGathering(db(), gatheringId)),
  },
  markHeld: { args: [id], run: (db, gatheringId) => markHeld(db(), gatheringId) },
  previewFollowUp: { args: [id], run: (db, gatheringId) => previewFollowUp(db(), gatheringId) },
  sendFollowUp: { args: [id], run: (db, gatheringId) => sendFollowUp(db(), gatheringId) },
  getSettings: { args: [], run: (db) => getSettings(db()) },
  saveSettings: { args: [settingsRequest], run: (db, request) => saveSettings(request, db) },
  getAgendaInfo: { args: [], run: () => agendaInfo() },
  insertIntoAgenda: { args: [agendaTable], run: (_db, what) => insertIntoAgenda(what) },
  captureActionItems: { args: [], run: () => captureActionItems() },
  surveyQuestions: {
    args: [oneOf(SURVEY_KINDS)],
    run: (_db, kind) => ({
      questions: questionBank(kind),
      subject: DEFAULT_SUBJECT[kind],
      message: DEFAULT_MESSAGE[kind],
    }),
  },
  createSurvey: { args: [createSurveyRequest], run: (db, request) => createSurvey(db(), request) },
  previewSurveyMail: { args: [sendRequest], run: (db, request) => previewSurveyMail(db(), request) },
  sendSurveyTest: {
    args: [sendRequest, text(320)],
    run: (db, request, to) => sendSurveyTest(db(), request, to),
  },
  previewReminder: {
    args: [id, integer(0, 365)],
    run: (db, surveyId, minDays) => previewReminder(db(), surveyId, minDays),
  },
  sendSurvey: { args: [sendRequest], run: (db, request) => sendSurvey(db(), request) },
  remindSurvey: {
    args: [id, integer(0, 365), integer(1, 500)],
    run: (db, surveyId, minDays, batch) => remindSurvey(db(), surveyId, minDays, batch),
  },
  refreshResponses: { args: [id], run: (db, surveyId) => refreshResponses(db(), surveyId) },
  getSurvey: { args: [id], run: (db, surveyId) => surveyView(db(), surveyId) },
  writeSurveySummary: { args: [id], run: (db, surveyId) => writeSummaryTab(db(), surveyId) },
  makeSurveyReport: {
    args: [id, bool],
    run: (db, surveyId, names) => makeSurveyReport(db(), surveyId, names),
  },
  closeSurvey: { args: [id], run: (db, surveyId) => closeSurvey(db(), surveyId) },
  askToCheckDetails: {
    args: [list(id, 5000), integer(1, 500)],
    run: (db, partnerIds, batch) => askToCheckDetails(db(), partnerIds, batch),
  },
  getProposedChanges: { args: [], run: (db) => proposedChanges(db()) },
  decideChange: {
    args: [id, oneOf(CHANGE_DECISIONS)],
    run: (db, changeId, decision) => decideChange(db(), changeId, decision),
  },
  previewDetailsReminder: { args: [], run: (db) => previewDetailsReminder(db()) },
  remindDetails: { args: [integer(1, 500)], run: (db, batch) => remindDetails(db(), batch) },
  makeIntakeForm: { args: [], run: (db) => makeIntakeForm(db()) },
  getIntake: { args: [], run: (db) => intakeView(db(), true) },
  setIntakeDigest: {
    args: [bool, text(320)],
    run: (db, on, to) => {
      setIntakeDigest(db(), on, to);
      return intakeView(db());
    },
  },
  decideIntake: {
    args: [id, oneOf(INTAKE_DECISIONS), optionalId],
    run: (db, answerId, decision, partnerId) => decideIntake(db(), answerId, decision, partnerId),
  },
  saveNeed: { args: [saveRequest], run: (db, request) => saveRecord(db(), 'needs', request) },
  getGaps: { args: [], run: (db) => gapsView(db()) },
  getNeedFigures: { args: [], run: (db) => needFiguresOf(db()) },
  writeGapsTab: { args: [], run: (db) => writeGapsTab(db()) },
  rollupNetwork: { args: [list(text(500), 100)], run: (db, urls) => rollupNetwork(db(), urls) },
  writeDashboard: { args: [], run: (db) => writeDashboard(db()) },
  openDashboard: { args: [], run: (db) => writeDashboard(db(), true) },
  startVetting: { args: [id], run: (db, partnerId) => startVetting(db(), partnerId) },
  saveVetting: { args: [saveRequest], run: (db, request) => saveVetting(db(), request) },
  saveOnboarding: { args: [saveRequest], run: (db, request) => saveOnboarding(db(), request) },
  reviewContext: { args: [id], run: (db, partnerId) => reviewContext(db(), partnerId) },
  saveReview: { args: [saveRequest], run: (db, request) => saveReview(db(), request) },
  makePartnerDoc: {
    args: [partnerDoc, id],
    run: (db, kind, partnerId) => makePartnerDoc(db(), kind, partnerId),
  },
  makeSchoolDoc: { args: [schoolDoc], run: (db, kind) => makeSchoolDoc(db(), kind) },
  fillDemoData: { args: [], run: (db) => withSheetLock(db(), () => fillDemo(db())) },
  removeDemoData: { args: [], run: (db) => withSheetLock(db(), () => removeDemo(db())) },
};

/** The names of the server functions, in the table's order (the filter only types Object.keys). */
export const SERVER_FUNCTION_NAMES: readonly ServerFunction[] = Object.keys(SERVER_FUNCTIONS).filter(
  (name): name is ServerFunction => Object.prototype.hasOwnProperty.call(SERVER_FUNCTIONS, name),
);

/** Checks a call's arguments (throwing ArgumentError), then gives the call to run: typed by the one name. */
function checked<K extends ServerFunction>(
  name: K,
  given: readonly unknown[],
): (db: () => Database) => ReturnType<ServerApi[K]> {
  const entry: ServerEntry<K> = SERVER_FUNCTIONS[name];
  const args = checkArgs(name, given, entry.args);
  return (db) => entry.run(db, ...args);
}

/** Runs one server function for a sidebar: arguments checked, errors turned into messages a person can read. */
export function serve(name: ServerFunction, given: readonly unknown[]): unknown {
  const run = checked(name, given);
  try {
    let opened: Database | undefined;
    return run(() => (opened ??= openDatabase()));
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} failed: ${message}`);
    throw new Error(`Partner Hub could not finish (${name}): ${message}`);
  }
}

/** Runs every queued job of this user, each on its own spreadsheet; a job that fails stays queued. */
export function runQueuedJobs(): void {
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getHandlerFunction() === RESUME_JOBS) ScriptApp.deleteTrigger(t);
  for (const job of queuedJobs()) {
    try {
      const db = openDatabaseById(job.spreadsheetId);
      if (job.kind === 'followUp') sendFollowUp(db, job.id, true);
      else if (job.kind === 'surveySend')
        sendSurvey(
          db,
          { surveyId: job.id, subject: '', message: '', audience: 'primary', partnerIds: [], batch: 500 },
          true,
        );
      else if (job.kind === 'detailsSend') askToCheckDetails(db, [], 500);
      else if (job.kind === 'detailsRemind') remindDetails(db, 500, true);
      else remindSurvey(db, job.id, 0, 500, true);
    } catch (error) {
      console.error(`${job.kind} ${job.id}: ${error instanceof Error ? error.message : String(error)}`);
      setQueued(job, true, 60 * 60 * 1000);
    }
  }
}

/** A Form answered into one of this user's spreadsheets: a survey's answer, or a partner's details. */
export function surveySubmitted(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const sheet = e.range.getSheet();
  const db = openDatabaseOutside(sheet.getParent());
  // A "Check your details" answer is known by its code question, with no call to any service.
  if (isDetailsAnswer(e.namedValues)) detailsAnswered(db, e.namedValues, rowStamp(e.range));
  // An intake answer: the intake questions, on the intake Form's tab (recorded when it was made).
  else {
    const intakeForm = intakeFormOf(sheet, e.namedValues);
    if (intakeForm) intakeAnswered(db, intakeForm.formId, intakeForm.entries);
    else answerSubmitted(db, sheet, e.range, e.namedValues);
  }
}

/** The response tab's timestamp of the answer (one call): where its Form's own response is looked for. */
function rowStamp(range: GoogleAppsScript.Spreadsheet.Range): Date | null {
  const first: unknown = range.getValues()[0]?.[0];
  return isDate(first) ? first : null;
}

/** The daily time-driven trigger of the intake digest. */
export function intakeDigestDue(): void {
  sendIntakeDigests();
}
