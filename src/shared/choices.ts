// The choices a request to the server may make, listed once: the contract's types come from these lists,
// the server's argument checks accept exactly them, and the sidebars offer them.

/** The parts of a partner's profile a sidebar may ask for. */
export const PROFILE_PARTS = [
  'contacts',
  'agreements',
  'checkIns',
  'vetting',
  'onboarding',
  'reviews',
] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** The tables a view may fetch when it is opened. */
export const VIEW_TABLES = ['partners', 'gatherings', 'actionItems', 'surveys', 'needs', 'schools'] as const;
export type ViewTable = (typeof VIEW_TABLES)[number];

/** What to do with an imported row that looks like a partner already there. */
export const IMPORT_DECISIONS = ['merge', 'add', 'skip'] as const;
export type ImportDecision = (typeof IMPORT_DECISIONS)[number];

/** Who gets a survey: the primary contact of each partner, or all its contacts. */
export const AUDIENCES = ['primary', 'all'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The tables the Docs sidebar inserts into an agenda (and a template's `{{table:…}}` placeholders). */
export const AGENDA_TABLES = ['partners', 'actionItems', 'upcoming', 'actionSteps'] as const;
export type AgendaTable = (typeof AGENDA_TABLES)[number];
export const isAgendaTable = (name: string): name is AgendaTable =>
  (AGENDA_TABLES as readonly string[]).includes(name);

/** The Docs made about one partner, and about the school. */
export const PARTNER_DOCS = ['vetting', 'agreement'] as const;
export type PartnerDoc = (typeof PARTNER_DOCS)[number];
export const SCHOOL_DOCS = ['directory', 'overview', 'yearStaff', 'yearPartners'] as const;
export type SchoolDoc = (typeof SCHOOL_DOCS)[number];

/** The kinds of Doc beyond agendas (one per GATHERING_KINDS) a school may give its own template for. */
export const DOC_TEMPLATE_KINDS = [
  'vetting checklist',
  'partnership agreement',
  'staff directory',
  'partnership overview',
] as const;

// "Plan the year": the sidebar offers each of these, and the server accepts exactly them.

export const YEAR_MODELS = [
  { value: 'five', label: 'Five 90-minute gatherings (Sept, Nov, Jan, Mar, May)' },
  { value: 'three', label: 'Three: meet and greet, mid-year, celebration' },
  { value: 'custom', label: 'Custom months' },
] as const;
export type YearModel = (typeof YEAR_MODELS)[number]['value'];

/** The days a gathering may fall on: 1 Monday … 5 Friday. */
export const PLAN_WEEKDAYS = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
] as const;
export type PlanWeekday = (typeof PLAN_WEEKDAYS)[number]['value'];

/** Which such weekday of the month: every month has at least four of each. */
export const WEEKS_OF_MONTH = [
  { value: 1, label: 'first' },
  { value: 2, label: 'second' },
  { value: 3, label: 'third' },
  { value: 4, label: 'fourth' },
] as const;
export type WeekOfMonth = (typeof WEEKS_OF_MONTH)[number]['value'];

/** The school year's first calendar year, and a gathering's length in minutes. */
export const PLAN_LIMITS = {
  startYear: { min: 2000, max: 2100 },
  minutes: { min: 15, max: 600 },
} as const;

/** The months a custom plan may use, in school-year order. */
export const PLAN_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6] as const;

/** What the coordinator does with a change a partner proposed to its own details. */
export const CHANGE_DECISIONS = ['accept', 'reject'] as const;
export type ChangeDecision = (typeof CHANGE_DECISIONS)[number];

/** What the coordinator does with an intake answer kept for review: add it, say which partner it is, or set it aside. */
export const INTAKE_DECISIONS = ['add', 'same', 'dismiss'] as const;
export type IntakeDecision = (typeof INTAKE_DECISIONS)[number];
