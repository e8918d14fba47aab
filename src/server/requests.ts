// The check of each request type of the contract: one per type, typed by it (a field missing from a check,
// or checked as another type, does not compile), accepting the choices of src/shared/choices.ts.
import type {
  CalendarSyncRequest,
  ConveningRequest,
  CreateSurveyRequest,
  GatheringDraft,
  ImportRequest,
  PartnerQuery,
  PartnerSaveRequest,
  SaveRequest,
  SendRequest,
  Sender,
  SettingsRequest,
  YearRequest,
} from '../shared/contract';
import {
  AGENDA_TABLES,
  AUDIENCES,
  DOC_TEMPLATE_KINDS,
  IMPORT_DECISIONS,
  PARTNER_DOCS,
  PLAN_LIMITS,
  PLAN_MONTHS,
  PLAN_WEEKDAYS,
  PROFILE_PARTS,
  SCHOOL_DOCS,
  VIEW_TABLES,
  WEEKS_OF_MONTH,
  YEAR_MODELS,
} from '../shared/choices';
import { ID, isIsoDate, normalTime } from '../shared/fields';
import { GATHERING_KINDS, SURVEY_KINDS } from '../shared/schema';
import type { Question } from '../shared/survey';
import {
  ArgumentError,
  bool,
  dict,
  fieldValue,
  integer,
  list,
  numberIn,
  oneOf,
  optional,
  pattern,
  shape,
  text,
  type Check,
} from './args';

export const time = pattern((t) => normalTime(t) === t, 'a time like 15:30');
export const isoDate = pattern(isIsoDate, 'a date like 2026-09-15');
export const id = pattern((t) => ID.test(t), 'an id');
/** An id, or '' for none. */
export const optionalId = pattern((t) => t === '' || ID.test(t), 'an id or empty');

export const saveRequest = shape<SaveRequest>({
  id: optional(text(60)),
  version: optional(text(60)),
  values: dict(fieldValue, 60),
});

/** A partner, and with a new one its main contact: saved together or not at all. */
export const partnerSaveRequest = shape<PartnerSaveRequest>({
  id: optional(text(60)),
  version: optional(text(60)),
  values: dict(fieldValue, 60),
  contact: optional(saveRequest),
});

export const importRequest = shape<ImportRequest>({
  tab: text(200),
  mapping: dict(text(60), 200),
  decisions: optional(dict(oneOf(IMPORT_DECISIONS), 20000)),
});

export const partnerQuery = shape<PartnerQuery>({
  query: text(200),
  status: text(60),
  focus: text(60),
  school: text(200),
  liaison: text(200),
  attention: bool,
  offset: integer(0, 1_000_000),
  limit: integer(1, 500),
});

export const profileParts = list(oneOf(PROFILE_PARTS), PROFILE_PARTS.length);
export const viewTableList = list(oneOf(VIEW_TABLES), VIEW_TABLES.length);
export const agendaTable = oneOf(AGENDA_TABLES);
export const partnerDoc = oneOf(PARTNER_DOCS);
export const schoolDoc = oneOf(SCHOOL_DOCS);

const within = ({ min, max }: { readonly min: number; readonly max: number }) => integer(min, max);

export const yearRequest = shape<YearRequest>({
  model: oneOf(YEAR_MODELS.map((m) => m.value)),
  startYear: within(PLAN_LIMITS.startYear),
  weekday: numberIn(PLAN_WEEKDAYS.map((d) => d.value)),
  week: numberIn(WEEKS_OF_MONTH.map((w) => w.value)),
  start: time,
  minutes: within(PLAN_LIMITS.minutes),
  location: text(500),
  months: optional(list(numberIn(PLAN_MONTHS), PLAN_MONTHS.length)),
});

export const conveningRequest = shape<ConveningRequest>({
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

export const gatheringDraft = shape<GatheringDraft>({
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
const TEMPLATE_KINDS: readonly string[] = [...GATHERING_KINDS, ...DOC_TEMPLATE_KINDS];

export const settingsRequest = shape<SettingsRequest>({
  templates: optional((value, where) => {
    const templates = dict(text(500), TEMPLATE_KINDS.length)(value, where);
    for (const kind of Object.keys(templates)) {
      if (!TEMPLATE_KINDS.includes(kind)) {
        throw new ArgumentError(`${where}: "${kind.slice(0, 40)}" is not a kind of document.`);
      }
    }
    return templates;
  }),
  calendarId: optional(text(300)),
  // Each field's full check (given, one line, not too long) is checkSender, in saveSettings.
  sender: optional(shape<Sender>({ name: text(300), role: text(300), school: text(300) })),
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

export const sendRequest = shape<SendRequest>({
  surveyId: id,
  subject: text(500),
  message: text(5000),
  audience: oneOf(AUDIENCES),
  partnerIds: list(id, 5000),
  batch: integer(1, 500),
});

export const createSurveyRequest = shape<CreateSurveyRequest>({
  kind: oneOf(SURVEY_KINDS),
  title: text(200),
  questions: questionList,
  opens: optionalDate,
  closes: optionalDate,
  threshold,
});

export const calendarSyncRequest = shape<CalendarSyncRequest>({
  ids: list(id, 5000),
  sendInvites: bool,
  agendas: bool,
});
