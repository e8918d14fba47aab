// The server functions the sidebars may call: one description both sides compile against.
// Arguments and results are plain data (google.script.run turns a Date in a result into null).
import type {
  ActionItem,
  Agreement,
  CellWarning,
  CheckIn,
  Contact,
  FieldValue,
  Gathering,
  Partner,
  Need,
  Onboarding,
  Review,
  School,
  Survey,
  Vetting,
} from './records';
import type { GatheringKind, SurveyKind, TableKey } from './schema';
import type {
  AgendaTable,
  ChangeDecision,
  IntakeDecision,
  Audience,
  ImportDecision,
  PartnerDoc,
  PlanWeekday,
  ProfilePart,
  SchoolDoc,
  ViewTable,
  WeekOfMonth,
  YearModel,
} from './choices';
import type { PartnerSummary, Question, SurveySummary } from './survey';
import type { GapReport, Landscape } from './gaps';
import type { Filters } from './partner-filter';
import type { CheckInFigures, NeedFigures, SurveyFigures } from './figures';
import type { GatheringGlance } from './gathering-dates';

export interface Listed<T> {
  readonly record: T;
  readonly version: string;
  readonly warnings: readonly CellWarning[];
}

/** Why a partner needs attention; shown in the directory and used by its filter. */
export type AttentionReason =
  'check-in overdue' | 'agreement expiring' | 'no current agreement' | 'single funding source';

export interface PartnerEntry extends Listed<Partner> {
  readonly attention: readonly AttentionReason[];
  /** 'yyyy-mm-dd' the next check-in is due, from the cadence and the last check-in; '' if no cadence. */
  readonly nextCheckIn: string;
}

export interface Directory {
  readonly spreadsheetName: string;
  readonly today: string;
  /** Tabs and columns set-up would add; empty once the database is set up. */
  readonly missing: readonly string[];
  readonly partners: readonly PartnerEntry[];
  readonly contacts: readonly Listed<Contact>[];
  readonly agreements: readonly Listed<Agreement>[];
  readonly checkIns: readonly Listed<CheckIn>[];
  readonly schools: readonly Listed<School>[];
  readonly gatherings: readonly Listed<Gathering>[];
  readonly actionItems: readonly Listed<ActionItem>[];
  readonly surveys: readonly Listed<Survey>[];
  readonly needs: readonly Listed<Need>[];
  readonly vetting: readonly Listed<Vetting>[];
  readonly onboarding: readonly Listed<Onboarding>[];
  readonly reviews: readonly Listed<Review>[];
}

/** One partner as the directory list shows it: only the fields the list and its filters' counts need. */
export interface PartnerRow {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly focusAreas: readonly string[];
  readonly attention: readonly AttentionReason[];
  readonly nextCheckIn: string;
  /** How many cells of the partner's row have a problem. */
  readonly warnings: number;
  /** What the school and liaison filters look at. */
  readonly schools: string;
  readonly liaison: string;
}

/** A search of the directory: the filters, and which page of the matches. */
export interface PartnerQuery extends Filters {
  readonly offset: number;
  readonly limit: number;
}

export interface PartnerPage {
  readonly rows: readonly PartnerRow[];
  /** Partners matching the filters (rows is the page of them from `offset`). */
  readonly matched: number;
  readonly offset: number;
  /** All partners, matching or not. */
  readonly total: number;
  /**
   * Only when the page holds every partner (a small directory, no filters): what search looks at in
   * each row (folded name, services, focus areas, contacts), so the sidebar filters without a round trip.
   */
  readonly search?: readonly string[];
}

/** The home screen's headline figures about partners (src/server/domain/figures.ts counts them). */
export interface PartnerGlance extends CheckInFigures {
  readonly total: number;
  readonly active: number;
  /** Agreements about to end (the Gaps tab lists each). */
  readonly expiring: number;
  /** Partners whose check-in is overdue, then those due in the next 7 days, soonest first: the first few. */
  readonly due: readonly {
    readonly id: string;
    readonly name: string;
    readonly nextCheckIn: string;
    readonly overdue: boolean;
  }[];
}

/** The figures of the home screen a partner save can change: all but the agreements expiring. */
export type PartnerCounts = Omit<PartnerGlance, 'expiring'>;

/**
 * A partner save, with what the sidebar then shows: the partner as saved, and the figures counted from
 * the partners as the save left them (the day they were counted for: the sidebar works out the
 * partner's list row from it and the agreements its profile holds, which a partner save leaves alone).
 */
export type PartnerSaveResult =
  | Exclude<SaveResult<Partner>, { readonly status: 'saved' }>
  | {
      readonly status: 'saved';
      readonly entry: Listed<Partner>;
      /** The main contact, when the save wrote it. */
      readonly contact?: Listed<Contact>;
      readonly today: string;
      readonly counts: PartnerCounts;
    };

/** What the Sheets sidebar opens with: what its first screen shows, and nothing more. */
export interface SidebarHome {
  readonly today: string;
  /** Tabs (and columns of the tabs read here) set-up would add; empty once the database is set up. */
  readonly missing: readonly string[];
  readonly glance: PartnerGlance;
  readonly needs: NeedFigures;
  /** The gatherings of the coming week and those waiting for "held or cancelled?" (the Dashboard view). */
  readonly gatherings: GatheringGlance;
  readonly facets: { readonly schools: readonly string[]; readonly liaisons: readonly string[] };
  /** Demo rows (ids that say "demo") are in the partners, agreements or needs. */
  readonly demo: boolean;
  readonly page: PartnerPage;
}

/** Parts of a partner's profile (PROFILE_PARTS), fetched when it is opened and again only where a save changed them. */
export type { ProfilePart };

export interface PartnerProfile {
  readonly entry: PartnerEntry;
  readonly row: PartnerRow;
  /** With the contacts: what search looks at in the row (see PartnerPage.search). */
  readonly search?: string;
  readonly glance: PartnerGlance;
  readonly contacts?: readonly Listed<Contact>[];
  readonly agreements?: readonly Listed<Agreement>[];
  readonly checkIns?: readonly Listed<CheckIn>[];
  readonly vetting?: readonly Listed<Vetting>[];
  readonly onboarding?: readonly Listed<Onboarding>[];
  readonly reviews?: readonly Listed<Review>[];
}

/** A partner as views that pick partners (gatherings, surveys) need it. */
export interface PartnerBrief {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

/** Tables a view fetches when it is opened (VIEW_TABLES). */
export interface ViewTables extends Record<ViewTable, readonly unknown[]> {
  readonly partners: readonly { readonly record: PartnerBrief }[];
  readonly gatherings: readonly Listed<Gathering>[];
  readonly actionItems: readonly Listed<ActionItem>[];
  readonly surveys: readonly Listed<Survey>[];
  readonly needs: readonly Listed<Need>[];
  readonly schools: readonly Listed<School>[];
}

export type { ViewTable };

export interface SetUpReport {
  readonly created: readonly string[];
  readonly addedColumns: readonly string[];
  readonly idsAssigned: number;
  readonly unchanged: boolean;
}

export interface SaveRequest {
  /** Absent for a new record. */
  readonly id?: string;
  /** The version the sidebar loaded; required with an id. */
  readonly version?: string;
  /**
   * A new record's fields (those left out are empty), or the fields an edit changes: only those are
   * checked and written, so a cell the form cannot show exactly stays as it is.
   */
  readonly values: Readonly<Record<string, FieldValue>>;
}

/** A partner and, from the same form, its main contact (name, role, email, phone); the server links them. */
export interface PartnerSaveRequest extends SaveRequest {
  readonly contact?: SaveRequest;
}

export type SaveResult<T> =
  | { readonly status: 'saved'; readonly entry: Listed<T> }
  | { readonly status: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | {
      readonly status: 'conflict';
      readonly message: string;
      /** What the sheet holds now (absent when the row is gone) and what this sidebar tried to save. */
      readonly theirs?: Listed<T>;
      readonly mine: Readonly<Record<string, FieldValue>>;
    };

export interface ImportSource {
  readonly tab: string;
  readonly headers: readonly string[];
  readonly rows: number;
  /** Our partner field for each of its headers, where the header names one. */
  readonly suggested: Readonly<Record<string, string>>;
}

export interface ImportRequest {
  readonly tab: string;
  /** Header of the source column → our field key (partners or 'contact.name' / 'contact.email' / 'contact.phone' / 'contact.role'). */
  readonly mapping: Readonly<Record<string, string>>;
  /** Source row number → what to do with a suspected duplicate: 'merge' into the match, 'add' anyway, or 'skip'. */
  readonly decisions?: Readonly<Record<string, ImportDecision>>;
}

export interface ImportRow {
  readonly sourceRow: number;
  readonly name: string;
  readonly errors: readonly string[];
  /** The partner (existing id, or another source row as 'row:N') this one looks like, and why. */
  readonly duplicateOf?: { readonly id: string; readonly name: string; readonly reason: string };
  readonly action: 'add' | 'merge' | 'skip' | 'error';
}

export interface ImportPreview {
  readonly rows: readonly ImportRow[];
  readonly adds: number;
  readonly merges: number;
  readonly skips: number;
  readonly errors: number;
}

export interface ImportResult extends ImportPreview {
  readonly added: number;
  readonly merged: number;
  readonly contactsAdded: number;
}

/** Which templates and calendar to use; ids of Docs and calendars. */
export interface Settings {
  /** The school's own template Doc per gathering kind (Doc id); absent means the built-in one. */
  readonly templates?: Readonly<Record<string, string>>;
  readonly calendarId?: string;
  /** How this coordinator signs emails to partners (kept for this person, in this spreadsheet). */
  readonly sender?: Sender;
}

/** The signature on every email to partners: who sends it, in what role, for which school. */
export interface Sender {
  readonly name: string;
  readonly role: string;
  readonly school: string;
}

/**
 * Where the Docs Partner Hub makes go: a "Partner Hub agendas" folder it makes in the user's own Drive the
 * first time (none yet), that folder as it is now (the user may move or rename it), or gone (in the
 * trash, deleted, or out of reach: the next Doc goes into a new one).
 */
export type AgendaFolder =
  | { readonly status: 'none' }
  | { readonly status: 'ready'; readonly name: string; readonly url: string }
  | { readonly status: 'gone'; readonly reason: 'trashed' | 'unreachable' };

/** "Plan the year": the choices and limits are in src/shared/choices.ts. */
export interface YearRequest {
  readonly model: YearModel;
  /** The calendar year the school year starts in: 2026 for 2026–27. */
  readonly startYear: number;
  readonly weekday: PlanWeekday;
  /** Which such weekday of the month: 1st … 4th. */
  readonly week: WeekOfMonth;
  /** 'HH:mm'. */
  readonly start: string;
  readonly minutes: number;
  readonly location: string;
  /** For the custom model: the months (PLAN_MONTHS), in school-year order. */
  readonly months?: readonly number[];
}

export interface ConveningRequest {
  readonly goals: readonly string[];
  readonly date: string;
  readonly days: 1 | 2;
  readonly start: string;
  readonly location: string;
  readonly coConveners: string;
}

/** A gathering planned but not yet written: dates 'yyyy-mm-dd', times 'HH:mm'. */
export interface GatheringDraft {
  readonly kind: GatheringKind;
  readonly title: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly objectives: string;
  readonly topic: string;
}

/** A gathering of a plan, as the tab holds it, and whether this call added it (false: it was already there). */
export interface AddedGathering extends Listed<Gathering> {
  readonly added: boolean;
}

export type AgendaResult =
  | {
      readonly status: 'made';
      readonly url: string;
      readonly unknownPlaceholders: readonly string[];
      /** What the person should know beyond "made": a new agendas folder, an old agenda left in place. */
      readonly notes: readonly string[];
    }
  | { readonly status: 'exists'; readonly url: string };

export interface EventResult {
  readonly eventId: string;
  readonly created: boolean;
  /** The event was made or changed by this call (false: it already matched the gathering). */
  readonly changed: boolean;
  readonly guests: readonly string[];
  /** Guests Google Calendar was asked by this call to email an invitation. */
  readonly invited: readonly string[];
  /** Guests who already knew of the event and were emailed the changes by this call. */
  readonly updated: readonly string[];
  /** Guests taken off the event and emailed a cancellation by this call. */
  readonly cancelled: readonly string[];
  /** Invitations went out with this call: `invited` is not empty. */
  readonly invitationsSent: boolean;
}

/** Gatherings to put on the calendar (their agendas first, when asked), as many as one execution can. */
export interface CalendarSyncRequest {
  readonly ids: readonly string[];
  readonly sendInvites: boolean;
  /** Make the agenda Doc of each gathering that has none, before its event. */
  readonly agendas: boolean;
}

/** What one sync did for one gathering. */
export interface CalendarSyncItem {
  readonly id: string;
  readonly title: string;
  readonly eventId: string;
  /** unchanged: the event already held what the sheet says, and no Calendar call was made for it. */
  readonly event: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  readonly guests: readonly string[];
  /** Guests Google Calendar was asked to email an invitation, the changes, or a cancellation. */
  readonly invited: readonly string[];
  readonly updated: readonly string[];
  readonly cancelled: readonly string[];
  /** Why it failed or was skipped; '' otherwise. */
  readonly error: string;
  /** The agenda Doc this call made. */
  readonly agenda?: { readonly url: string; readonly notes: readonly string[] };
}

export interface CalendarSyncResult {
  readonly items: readonly CalendarSyncItem[];
  /** Still to do: call again with these. */
  readonly remaining: readonly string[];
  /** Why this call stopped before the end: its time, its share of Calendar writes, or Calendar's burst limit (wait a little). */
  readonly stoppedBy: 'time' | 'limit' | 'rate' | null;
  /** The rows this call changed, as the sheet holds them now. */
  readonly gatherings: readonly Listed<Gathering>[];
}

/** A Doc Partner Hub made; `notes` say what else the person should know (a new folder, say). */
export interface MadeDoc {
  readonly url: string;
  readonly unknownPlaceholders: readonly string[];
  readonly notes: readonly string[];
}

export interface FollowUpResult {
  readonly sent: readonly string[];
  readonly alreadySent: readonly string[];
  /** Left for later: the day's email quota ran out, or the run stopped on its time or a passing error. */
  readonly queued: readonly string[];
  readonly failed: readonly { readonly email: string; readonly error: string }[];
  /** Why the queued ones wait: the quota (a trigger a day later), else the time (an hour later). */
  readonly stoppedBy: 'quota' | 'time' | null;
}

/** What the Docs sidebar shows about the agenda's gathering. */
export interface AgendaInfo {
  readonly gathering: Gathering;
  /** Partner, focus areas, contact: the roster as it would be inserted. */
  readonly partners: readonly (readonly string[])[];
  readonly actionItems: readonly ActionItem[];
  readonly upcoming: readonly Gathering[];
  readonly spreadsheetUrl: string;
}

export interface CaptureResult {
  readonly added: number;
  readonly alreadyThere: number;
  readonly skipped: readonly string[];
}

export interface CreateSurveyRequest {
  readonly kind: SurveyKind;
  readonly title: string;
  /** The questions as the person left them: checked again on the server. */
  readonly questions: readonly Question[];
  readonly opens: string;
  readonly closes: string;
  /** A partner whose average score is below this is flagged for the annual review; null for none. */
  readonly threshold: number | null;
}

export interface SendRequest {
  readonly surveyId: string;
  readonly subject: string;
  readonly message: string;
  /** The primary contact of each partner, or all its contacts. */
  readonly audience: Audience;
  readonly partnerIds: readonly string[];
  /** At most this many emails in this call: the sidebar calls again to show progress. */
  readonly batch: number;
}

export interface SendResult {
  readonly total: number;
  readonly sent: readonly string[];
  readonly failed: readonly { readonly email: string; readonly error: string }[];
  /** Still to go: by the next call, or by the trigger after the quota renews. */
  readonly queued: number;
  readonly stoppedBy: 'batch' | 'quota' | 'time' | null;
  readonly quotaLeft: number;
}

/** "Ask partners to check their details": the send, and the partners that have no contact with an email. */
export interface DetailsAskResult extends SendResult {
  readonly skipped: readonly string[];
}

/** A change a partner proposed to its own record, as the coordinator reviews it. */
export interface ProposedChangeView {
  readonly id: string;
  /** What it is about: "Main contact: phone", "MOU: End". */
  readonly label: string;
  readonly oldValue: string;
  readonly newValue: string;
  /** What the sheet holds now: differs from oldValue when someone changed the cell since the request. */
  readonly current: string;
  readonly conflict: boolean;
  readonly receivedAt: string;
}

export interface ProposedChanges {
  readonly partners: readonly {
    readonly partnerId: string;
    readonly name: string;
    readonly changes: readonly ProposedChangeView[];
  }[];
  /** Partners asked and not yet answered, and those who answered. */
  readonly waiting: number;
  readonly answered: number;
}

/** The partner intake Form, once made: its public link (to put on a website) and its edit link. */
export interface IntakeForm {
  readonly url: string;
  readonly editUrl: string;
}

/** An intake answer kept for the coordinator: a possible duplicate, or one beyond the day's cap. */
export interface IntakeAnswerView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: 'possible duplicate' | 'waiting';
  readonly duplicateOf: { readonly id: string; readonly name: string } | null;
  readonly reason: string;
  readonly receivedAt: string;
  /** What the applicant wrote, question by question, as text. */
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
}

export interface IntakeView {
  /** Null until the Form is made. */
  readonly form: IntakeForm | null;
  /** Prospects added from the Form in the last 7 days, newest first. */
  readonly recent: readonly {
    readonly partnerId: string;
    readonly name: string;
    readonly receivedAt: string;
  }[];
  readonly review: readonly IntakeAnswerView[];
  readonly dailyCap: number;
  /** Where the daily digest email goes; '' when the coordinator has not asked for one. */
  readonly digestTo: string;
  /**
   * Whether this coordinator has Partner Hub's form-submit trigger on this spreadsheet. A trigger runs as
   * the person who made it: without one, answers are taken by another coordinator's (whoever made the
   * Form), and any it missed when this view opens.
   */
  readonly ownTrigger: boolean;
}

export type DecideResult =
  | { readonly status: 'accepted' | 'rejected' }
  | { readonly status: 'conflict' | 'invalid'; readonly message: string; readonly current: string };

/** What a confirmation of a send or a reminder names before any email goes. */
export interface MailPlan {
  /** Emails this send or reminder would go out to. */
  readonly emails: number;
  /** Recipients the day's email quota still allows. */
  readonly quota: number;
  /** Of `emails`: how many the quota lets go now, how many wait for it. */
  readonly today: number;
  readonly later: number;
  /** When the trigger that sends the rest is due (ISO instant); '' when nothing waits. */
  readonly laterAt: string;
  /** The signature on emails to partners; null until the coordinator gives it. */
  readonly sender: Sender | null;
  /** The school's name from the Schools tab, offered when the signature is asked for. */
  readonly school: string;
}

export interface SurveyMailPreview extends MailPlan {
  /** The partners' contacts chosen, of whom `alreadySent` already have it. */
  readonly recipients: number;
  readonly alreadySent: number;
  readonly subject: string;
  /** The email as a partner gets it: plain text, and the HTML most mail programs show. */
  readonly body: string;
  readonly htmlBody: string;
  readonly unknownPlaceholders: readonly string[];
  /** The Form takes answers only from people signed in to an account in the school's own domain. */
  readonly domainOnly: boolean;
}

export interface RecipientView {
  readonly id: string;
  readonly partnerId: string;
  readonly email: string;
  readonly status: string;
  readonly sentAt: string;
  readonly remindedAt: string;
  readonly respondedAt: string;
  readonly error: string;
}

export interface SurveyView {
  readonly survey: Listed<Survey>;
  readonly summary: Omit<SurveySummary, 'partners'> & {
    readonly partners: readonly (PartnerSummary & { readonly name: string })[];
  };
  readonly flags: readonly string[];
  readonly recipients: readonly RecipientView[];
}

/** "Send a test to me": sent to the coordinator alone, or what must be given first. */
export type TestMailResult =
  | { readonly status: 'sent'; readonly to: string }
  | {
      readonly status: 'needs';
      /** The coordinator's address is not known (blank for some accounts): type it. */
      readonly address: boolean;
      /** The signature is not given yet. */
      readonly sender: boolean;
      readonly school: string;
    };

export interface GapsView {
  readonly figures: NeedFigures;
  readonly report: GapReport;
  /** By focus area: the partners a need may be linked to (active, onboarding, vetting or paused), by name. */
  readonly linkable: Readonly<Record<string, readonly string[]>>;
  readonly landscape: Landscape;
  readonly singleSchool: boolean;
  readonly partnerNames: Readonly<Record<string, string>>;
  readonly needNames: Readonly<Record<string, string>>;
}

export interface RollupResult {
  readonly sources: readonly {
    readonly url: string;
    readonly name: string;
    readonly ok: boolean;
    readonly error: string;
    readonly partners: number;
    readonly needs: number;
  }[];
  readonly landscape: Landscape;
  readonly counts: GapReport['counts'];
  readonly partnerNames: Readonly<Record<string, string>>;
}

/** "Try with demo data": what set-up added, then the demo rows written per tab. */
export interface DemoFill {
  readonly setUp: SetUpReport;
  readonly tabs: readonly { readonly tab: string; readonly rows: number }[];
}

/** "Remove demo data": the demo rows deleted per tab, and rows a person added that still point at a demo row. */
export interface DemoRemoval {
  readonly tabs: readonly { readonly tab: string; readonly rows: number }[];
  readonly kept: number;
}

export interface ReviewContext {
  readonly year: string;
  readonly evidence: readonly string[];
  readonly questions: readonly string[];
}

/**
 * Every server function the sidebars may call. The server's table (SERVER_FUNCTIONS in src/server/api.ts)
 * has one entry for each, checked against this at compile time: see docs/DESIGN.md, "Adding a server function".
 */
export interface ServerApi {
  getDirectory(): Directory;
  getHome(query: PartnerQuery): SidebarHome;
  findPartners(query: PartnerQuery): PartnerPage;
  getPartner(partnerId: string, parts: ProfilePart[]): PartnerProfile;
  getTables(tables: ViewTable[]): Partial<ViewTables>;
  setUpDatabase(): SetUpReport;
  savePartner(request: PartnerSaveRequest): PartnerSaveResult;
  saveContact(request: SaveRequest): SaveResult<Contact>;
  saveAgreement(request: SaveRequest): SaveResult<Agreement>;
  saveSchool(request: SaveRequest): SaveResult<School>;
  logCheckIn(request: SaveRequest): SaveResult<CheckIn>;
  getImportSources(): ImportSource[];
  previewImport(request: ImportRequest): ImportPreview;
  runImport(request: ImportRequest): ImportResult;
  planYear(request: YearRequest): GatheringDraft[];
  planConvening(request: ConveningRequest): GatheringDraft[];
  addGatherings(drafts: GatheringDraft[], invited: string[]): AddedGathering[];
  saveGathering(request: SaveRequest): SaveResult<Gathering>;
  saveActionItem(request: SaveRequest): SaveResult<ActionItem>;
  makeAgenda(gatheringId: string, replace: boolean): AgendaResult;
  putOnCalendar(gatheringId: string, sendInvites: boolean): EventResult;
  syncGatherings(request: CalendarSyncRequest): CalendarSyncResult;
  cancelGathering(gatheringId: string): Listed<Gathering>;
  /** The answer "held" to a gathering whose day has come. */
  markHeld(gatheringId: string): Listed<Gathering>;
  previewFollowUp(gatheringId: string): MailPlan;
  sendFollowUp(gatheringId: string): FollowUpResult;
  getSettings(): Settings & {
    readonly calendars: readonly { readonly id: string; readonly name: string }[];
    readonly agendaFolder: AgendaFolder;
  };
  saveSettings(settings: SettingsRequest): Settings;
  getAgendaInfo(): AgendaInfo;
  insertIntoAgenda(what: AgendaTable): { readonly rows: number };
  captureActionItems(): CaptureResult;
  surveyQuestions(kind: SurveyKind): { questions: Question[]; subject: string; message: string };
  createSurvey(request: CreateSurveyRequest): Listed<Survey>;
  previewSurveyMail(request: SendRequest): SurveyMailPreview;
  sendSurveyTest(request: SendRequest, to: string): TestMailResult;
  sendSurvey(request: SendRequest): SendResult;
  previewReminder(surveyId: string, minDays: number): MailPlan;
  remindSurvey(surveyId: string, minDays: number, batch: number): SendResult;
  /** Answers read and matched, and the survey's flags (src/server/domain/figures.ts). */
  refreshResponses(surveyId: string): { responses: number; matched: number } & SurveyFigures;
  getSurvey(surveyId: string): SurveyView;
  writeSurveySummary(surveyId: string): { tab: string; rows: number };
  /** A Doc for the principal: the figures in words and the open answers, with names only if asked. */
  makeSurveyReport(surveyId: string, names: boolean): MadeDoc;
  closeSurvey(surveyId: string): Listed<Survey>;
  askToCheckDetails(partnerIds: string[], batch: number): DetailsAskResult;
  getProposedChanges(): ProposedChanges;
  decideChange(changeId: string, decision: ChangeDecision): DecideResult;
  /** Who is due a reminder to check their details: asked, and not answered. */
  previewDetailsReminder(): MailPlan;
  remindDetails(batch: number): SendResult;
  /** Makes the partner intake Form (once; later calls give the same Form). */
  makeIntakeForm(): IntakeForm;
  getIntake(): IntakeView;
  /** A daily email of the intake answers, to `to` (or the coordinator's own address when ''), or none. */
  setIntakeDigest(on: boolean, to: string): IntakeView;
  /** An answer kept for review: add it as a new prospect, say it is an existing partner, or set it aside. */
  decideIntake(answerId: string, decision: IntakeDecision, partnerId: string): IntakeView;
  saveNeed(request: SaveRequest): SaveResult<Need>;
  getGaps(): GapsView;
  /** The open needs by coverage, counted again after a partner save (the header shows them). */
  getNeedFigures(): NeedFigures;
  writeGapsTab(): { tab: string; rows: number };
  rollupNetwork(urls: string[]): RollupResult;
  writeDashboard(): { tab: string };
  /** The Dashboard tab written again, then made the spreadsheet's active tab. */
  openDashboard(): { tab: string };
  startVetting(partnerId: string): Listed<Vetting>;
  saveVetting(request: SaveRequest): SaveResult<Vetting>;
  saveOnboarding(request: SaveRequest): SaveResult<Onboarding>;
  reviewContext(partnerId: string): ReviewContext;
  saveReview(request: SaveRequest): SaveResult<Review>;
  makePartnerDoc(kind: PartnerDoc, partnerId: string): MadeDoc;
  makeSchoolDoc(kind: SchoolDoc): MadeDoc;
  fillDemoData(): DemoFill;
  removeDemoData(): DemoRemoval;
}

/** Settings as the sidebar sends them: Doc links or ids, which the server turns into ids. */
export interface SettingsRequest {
  readonly templates?: Readonly<Record<string, string>>;
  readonly calendarId?: string;
  readonly sender?: Sender;
}

export type ServerFunction = keyof ServerApi;

/** Which table each save function writes. */
export const SAVE_TABLES = {
  savePartner: 'partners',
  saveContact: 'contacts',
  saveAgreement: 'agreements',
  saveSchool: 'schools',
  logCheckIn: 'checkIns',
  saveGathering: 'gatherings',
  saveActionItem: 'actionItems',
  saveNeed: 'needs',
  saveVetting: 'vetting',
  saveOnboarding: 'onboarding',
  saveReview: 'reviews',
} as const satisfies Partial<Record<ServerFunction, TableKey>>;
