// The functions the sidebars call. Each checks its arguments before anything runs.
import type {
  ConveningRequest,
  CalendarSyncRequest,
  CreateSurveyRequest,
  SendRequest,
  Directory,
  PartnerQuery,
  ProfilePart,
  ViewTable,
  GatheringDraft,
  ImportRequest,
  PartnerSaveRequest,
  SaveRequest,
  SaveResult,
  ServerApi,
  ServerFunction,
  SettingsRequest,
  YearRequest,
} from '../shared/contract';
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
import type { Question } from '../shared/survey';
import { questionBank } from './domain/survey-bank';
import { DEFAULT_MESSAGE, DEFAULT_SUBJECT } from './domain/survey-mail';
import {
  closeSurvey,
  createSurvey,
  previewSurveyMail,
  refreshResponses,
  answerSubmitted,
  remindSurvey,
  sendSurvey,
  surveyView,
  writeSummaryTab,
} from './workspace/surveys';
import { ID, isIsoDate, normalTime } from '../shared/fields';
import { conveningPlan, yearPlan } from './domain/schedule';
import { GATHERING_KINDS, SURVEY_KINDS, TABLES, TABLE_KEYS } from '../shared/schema';
import { attention, nextCheckIn } from './domain/partners';
import { UserError } from './domain/errors';
import {
  ArgumentError,
  checkArgs,
  dict,
  fieldValue,
  list,
  oneOf,
  optional,
  shape,
  text,
  type Check,
} from './args';
import { addGatherings, getSettings, saveSettings } from './workspace/gatherings';
import { makeAgenda } from './workspace/agenda-docs';
import { cancelGathering, putOnCalendar, syncGatherings } from './workspace/events';
import { sendFollowUp } from './workspace/followup';
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

const saveRequest: Check<SaveRequest> = shape<SaveRequest>({
  id: optional(text(60)),
  version: optional(text(60)),
  values: dict(fieldValue, 60),
});

const partnerSaveRequest: Check<PartnerSaveRequest> = shape<PartnerSaveRequest>({
  id: optional(text(60)),
  version: optional(text(60)),
  values: dict(fieldValue, 60),
  contact: optional(saveRequest),
});

const importRequest: Check<ImportRequest> = shape<ImportRequest>({
  tab: text(200),
  mapping: dict(text(60), 200),
  decisions: optional(dict(oneOf(['merge', 'add', 'skip'] as const), 20000)),
});

const integer =
  (min: number, max: number): Check<number> =>
  (value, where) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ArgumentError(`${where} must be a whole number from ${min} to ${max}.`);
    }
    return value;
  };

const pattern =
  (test: (text: string) => boolean, what: string, max = 40): Check<string> =>
  (value, where) => {
    const t = text(max)(value, where);
    if (!test(t)) throw new ArgumentError(`${where} must be ${what}.`);
    return t;
  };

const time = pattern((t) => normalTime(t) === t, 'a time like 15:30');
const isoDate = pattern(isIsoDate, 'a date like 2026-09-15');
const id = pattern((t) => ID.test(t), 'an id');
const bool: Check<boolean> = (value, where) => {
  if (typeof value !== 'boolean') throw new ArgumentError(`${where} must be true or false.`);
  return value;
};

const partnerQuery: Check<PartnerQuery> = shape<PartnerQuery>({
  query: text(200),
  status: text(60),
  focus: text(60),
  school: text(200),
  liaison: text(200),
  attention: bool,
  offset: integer(0, 1_000_000),
  limit: integer(1, 500),
});

const profileParts: Check<ProfilePart[]> = list(
  oneOf(['contacts', 'agreements', 'checkIns', 'vetting', 'onboarding', 'reviews'] as const),
  6,
);

const viewTableList: Check<ViewTable[]> = list(
  oneOf(['partners', 'gatherings', 'actionItems', 'surveys', 'needs', 'schools'] as const),
  6,
);

const yearRequest = shape<YearRequest>({
  model: oneOf(['five', 'three', 'custom'] as const),
  startYear: integer(2000, 2100),
  weekday: integer(1, 5),
  week: integer(1, 5),
  start: time,
  minutes: integer(15, 600),
  location: text(500),
  months: optional(list(integer(1, 12), 12)),
});

const conveningRequest = shape<ConveningRequest>({
  goals: list(text(200), 10),
  date: isoDate,
  days: (value, where) => {
    if (value !== 1 && value !== 2) throw new ArgumentError(`${where} must be 1 or 2.`);
    return value;
  },
  start: time,
  location: text(500),
  coConveners: text(500),
});

const draft = shape<GatheringDraft>({
  kind: oneOf(GATHERING_KINDS),
  title: text(200),
  date: isoDate,
  start: time,
  end: time,
  location: text(500),
  objectives: text(5000),
  topic: text(5000),
});

/** The kinds of Doc a school may give its own template for. */
const TEMPLATE_KINDS = [
  ...GATHERING_KINDS,
  'vetting checklist',
  'partnership agreement',
  'staff directory',
  'partnership overview',
] as const;

const settingsRequest = shape<SettingsRequest>({
  templates: optional((value, where) => {
    const templates = dict(text(500), TEMPLATE_KINDS.length)(value, where);
    for (const kind of Object.keys(templates)) {
      if (!(TEMPLATE_KINDS as readonly string[]).includes(kind)) {
        throw new ArgumentError(`${where}: "${kind.slice(0, 40)}" is not a kind of document.`);
      }
    }
    return templates;
  }),
  calendarId: optional(text(300)),
});

const questionList: Check<Question[]> = (value, where) => {
  // The full check (fields, lengths, no student-level data) is checkQuestions, in createSurvey.
  if (!Array.isArray(value) || value.length > 40)
    throw new ArgumentError(`${where} must be a list of at most 40 questions.`);
  return value as Question[];
};

const threshold: Check<number | null> = (value, where) => {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 5) {
    throw new ArgumentError(`${where} must be a number from 1 to 5, or none.`);
  }
  return value;
};

const optionalDate: Check<string> = (value, where) => (value === '' ? '' : isoDate(value, where));

const sendRequest = shape<SendRequest>({
  surveyId: id,
  subject: text(500),
  message: text(5000),
  audience: oneOf(['primary', 'all'] as const),
  partnerIds: list(id, 5000),
  batch: integer(1, 500),
});

const createSurveyRequest = shape<CreateSurveyRequest>({
  kind: oneOf(SURVEY_KINDS),
  title: text(200),
  questions: questionList,
  opens: optionalDate,
  closes: optionalDate,
  threshold,
});

const calendarSyncRequest = shape<CalendarSyncRequest>({
  ids: list(id, 5000),
  sendInvites: bool,
  agendas: bool,
});

/** The argument checks of every server function. */
const ARGS: Record<ServerFunction, readonly Check<unknown>[]> = {
  getDirectory: [],
  getHome: [partnerQuery],
  findPartners: [partnerQuery],
  getPartner: [id, profileParts],
  getTables: [viewTableList],
  setUpDatabase: [],
  savePartner: [partnerSaveRequest],
  saveContact: [saveRequest],
  saveAgreement: [saveRequest],
  saveSchool: [saveRequest],
  logCheckIn: [saveRequest],
  getImportSources: [],
  previewImport: [importRequest],
  runImport: [importRequest],
  planYear: [yearRequest],
  planConvening: [conveningRequest],
  addGatherings: [list(draft, 60), list(id, 1000)],
  saveGathering: [saveRequest],
  saveActionItem: [saveRequest],
  makeAgenda: [id, bool],
  putOnCalendar: [id, bool],
  syncGatherings: [calendarSyncRequest],
  cancelGathering: [id],
  sendFollowUp: [id],
  getSettings: [],
  saveSettings: [settingsRequest],
  getAgendaInfo: [],
  insertIntoAgenda: [oneOf(['partners', 'actionItems', 'upcoming', 'actionSteps'] as const)],
  captureActionItems: [],
  surveyQuestions: [oneOf(SURVEY_KINDS)],
  createSurvey: [createSurveyRequest],
  previewSurveyMail: [sendRequest],
  sendSurvey: [sendRequest],
  remindSurvey: [id, integer(0, 365), integer(1, 500)],
  refreshResponses: [id],
  getSurvey: [id],
  writeSurveySummary: [id],
  closeSurvey: [id],
  saveNeed: [saveRequest],
  getGaps: [],
  getNeedFigures: [],
  writeGapsTab: [],
  rollupNetwork: [list(text(500), 100)],
  writeDashboard: [],
  startVetting: [id],
  saveVetting: [saveRequest],
  saveOnboarding: [saveRequest],
  reviewContext: [id],
  saveReview: [saveRequest],
  makePartnerDoc: [oneOf(['vetting', 'agreement'] as const), id],
  makeSchoolDoc: [oneOf(['directory', 'overview'] as const)],
  fillDemoData: [],
  removeDemoData: [],
};

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

/** The server functions; the spreadsheet is opened only by those that need it. */
export function createApi(db: () => Database): ServerApi {
  return {
    getDirectory: () => directory(db()),
    getHome: (query) => sidebarHome(db(), query),
    findPartners: (query) => findPartners(db(), query),
    getPartner: (partnerId, parts) => partnerProfile(db(), partnerId, parts),
    getTables: (tables) => viewTables(db(), tables),
    setUpDatabase: () => withSheetLock(db(), () => setUp(db())),
    savePartner: (request) => savePartner(db(), request),
    saveContact: (request) => saveRecord<Contact>(db(), 'contacts', request),
    saveAgreement: (request) => saveRecord<Agreement>(db(), 'agreements', request),
    saveSchool: (request) => saveRecord<School>(db(), 'schools', request),
    logCheckIn: (request) =>
      saveRecord<CheckIn>(db(), 'checkIns', request, {
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
    getImportSources: () => importSources(db()),
    previewImport: (request) => previewImport(db(), request),
    runImport: (request) => runImport(db(), request),
    planYear: (request) => yearPlan(request.model, request),
    planConvening: (request) => {
      try {
        return conveningPlan(request);
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
    },
    addGatherings: (drafts, invited) => addGatherings(db(), drafts, invited),
    saveGathering: (request) => saveRecord<Gathering>(db(), 'gatherings', request),
    saveActionItem: (request) => saveRecord<ActionItem>(db(), 'actionItems', request),
    makeAgenda: (gatheringId, replace) => makeAgenda(db(), gatheringId, replace),
    putOnCalendar: (gatheringId, sendInvites) => putOnCalendar(db(), gatheringId, sendInvites),
    syncGatherings: (request) => syncGatherings(db(), request),
    cancelGathering: (gatheringId) => listed<Gathering>(cancelGathering(db(), gatheringId)),
    sendFollowUp: (gatheringId) => sendFollowUp(db(), gatheringId),
    getSettings: () => getSettings(db()),
    saveSettings: (request) => saveSettings(request),
    getAgendaInfo: () => agendaInfo(),
    insertIntoAgenda: (what) => insertIntoAgenda(what),
    captureActionItems: () => captureActionItems(),
    surveyQuestions: (kind) => ({
      questions: questionBank(kind),
      subject: DEFAULT_SUBJECT[kind],
      message: DEFAULT_MESSAGE[kind],
    }),
    createSurvey: (request) => createSurvey(db(), request),
    previewSurveyMail: (request) => previewSurveyMail(db(), request),
    sendSurvey: (request) => sendSurvey(db(), request),
    remindSurvey: (surveyId, minDays, batch) => remindSurvey(db(), surveyId, minDays, batch),
    refreshResponses: (surveyId) => refreshResponses(db(), surveyId),
    getSurvey: (surveyId) => surveyView(db(), surveyId),
    writeSurveySummary: (surveyId) => writeSummaryTab(db(), surveyId),
    closeSurvey: (surveyId) => closeSurvey(db(), surveyId),
    saveNeed: (request) => saveRecord<Need>(db(), 'needs', request),
    getGaps: () => gapsView(db()),
    getNeedFigures: () => needFiguresOf(db()),
    writeGapsTab: () => writeGapsTab(db()),
    rollupNetwork: (urls) => rollupNetwork(db(), urls),
    writeDashboard: () => writeDashboard(db()),
    startVetting: (partnerId) => startVetting(db(), partnerId),
    saveVetting: (request) => saveVetting(db(), request),
    saveOnboarding: (request) => saveOnboarding(db(), request) as SaveResult<Onboarding>,
    reviewContext: (partnerId) => reviewContext(db(), partnerId),
    saveReview: (request) => saveReview(db(), request),
    makePartnerDoc: (kind, partnerId) => makePartnerDoc(db(), kind, partnerId),
    makeSchoolDoc: (kind) => makeSchoolDoc(db(), kind),
    fillDemoData: () => withSheetLock(db(), () => fillDemo(db())),
    removeDemoData: () => withSheetLock(db(), () => removeDemo(db())),
  };
}

/** Runs one server function for a sidebar: arguments checked, errors turned into messages a person can read. */
export function serve(name: ServerFunction, given: readonly unknown[]): unknown {
  const args = checkArgs(name, given, ARGS[name]);
  try {
    let opened: Database | undefined;
    const api = createApi(() => (opened ??= openDatabase()));
    const fn = api[name] as (...a: unknown[]) => unknown;
    return fn(...args);
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
      if (job.kind === 'followUp') sendFollowUp(db, job.id);
      else if (job.kind === 'surveySend')
        sendSurvey(
          db,
          { surveyId: job.id, subject: '', message: '', audience: 'primary', partnerIds: [], batch: 500 },
          true,
        );
      else remindSurvey(db, job.id, 0, 500, true);
    } catch (error) {
      console.error(`${job.kind} ${job.id}: ${error instanceof Error ? error.message : String(error)}`);
      setQueued(job, true, 60 * 60 * 1000);
    }
  }
}

/** A survey Form answered into one of this user's spreadsheets: refresh the survey whose tab it is. */
export function surveySubmitted(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const sheet = e.range.getSheet();
  answerSubmitted(openDatabaseOutside(sheet.getParent()), sheet, e.range, e.namedValues);
}
