// The in-memory Workspace: stateful fakes of the Apps Script services, to install as globals in the
// vm context that runs the built bundle, or to drive directly from tests, the preview and the bench.
import vm from 'node:vm';
import { CallLog } from './calls';
import { checkScopes, repositoryScopes } from './scopes';
import { Env, isDate, newUiRecord, type Host, type Realm, type UiRecord } from './env';
import { FakeHtmlService } from './html';
import { FakeLockService, LockTable } from './lock';
import { FakePropertiesService, PropertyStores } from './properties';
import { CalendarStore, FakeCalendarApp } from './calendar';
import { FakeCalendarAdvanced } from './calendar-api';
import { FakeCharts, InspectedChart, inspectCharts } from './charts';
import { createDocsDrive, DocsDriveHelpers } from './document';
import { FakeFormApp, FormStore, linkFormsToDrive } from './forms';
import { FakeMailApp, MailStore } from './mail';
import { FakeScriptApp, spreadsheetTriggerSource, TriggerTable, WorkspaceClock } from './script';
import { FakeSession } from './session';
import { FakeSheetsAdvanced } from './sheets-api';
import { FakeSpreadsheetApp, SpreadsheetRegistry } from './spreadsheet-app';
import type { FakeSpreadsheet } from './spreadsheet';
import { loadSpreadsheet, saveSpreadsheet, WorkspaceState } from './state';
import { FakeUi } from './ui';
import { FakeUtilities } from './utilities';
import { displayValue } from './values';

export { CallLog } from './calls';
export type { WorkspaceState } from './state';
export type { UiRecord, MenuEntry } from './env';
export type { FakeSpreadsheet } from './spreadsheet';
export type { FakeSheet } from './sheet';
export type { FakeRange } from './range';
export type { InspectedEvent, InvitationRecord, NoticeRecord } from './calendar';
export type { SentMail } from './mail';
export type { DocNode, DocRun, DocsDriveHelpers, FakeDocument, InspectedDriveItem } from './document';
export type { InspectedForm, SubmitResult, SubmittedAnswers } from './forms';
export type { FiredTrigger, TriggerData, TriggerRunner } from './script';
export type { InspectedChart } from './charts';

export interface WorkspaceOptions {
  /** Spreadsheet and script time zone; default 'America/Chicago'. */
  timeZone?: string;
  /** Default 'coordinator@school.example'. */
  userEmail?: string;
  /** Contents of build/<fileName>.html for HtmlService.create*FromFile. */
  html?: (fileName: string) => string;
  /** Clock; default () => new Date(). */
  now?: () => Date;
  /** Restore from toJSON() output. */
  state?: WorkspaceState;
  /** Name of the container spreadsheet; default 'Partner Hub'. */
  spreadsheetName?: string;
  /** Name under which createAddonMenu() items appear; default 'Partner Hub'. */
  addonName?: string;
  /**
   * The OAuth scopes the script declares; a call needing none of them is refused (dev/workspace/scopes.ts).
   * Default: the oauthScopes of the repository's appsscript.json.
   */
  scopes?: readonly string[];
}

/** The services typed as the real Apps Script API (one cast, here). */
export interface AppsScriptServices {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  CalendarApp: GoogleAppsScript.Calendar.CalendarApp;
  /** The Calendar advanced service (Calendar API v3). */
  Calendar: GoogleAppsScript.Calendar;
  MailApp: GoogleAppsScript.Mail.MailApp;
  FormApp: GoogleAppsScript.Forms.FormApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  /** The Drive advanced service (API v3), as appsscript.json enables it: Files.create, get, update. */
  Drive: GoogleAppsScript.Drive;
  /** The Sheets advanced service (API v4), as appsscript.json enables it: Spreadsheets.batchUpdate. */
  Sheets: GoogleAppsScript.Sheets;
  Charts: GoogleAppsScript.Charts.Charts;
}

export interface InspectedTab {
  name: string;
  sheetId: number;
  values: unknown[][];
  display: string[][];
  formulas: string[][];
  frozenRows: number;
  /** Set when hidden by hideSheet(): Sheets leaves it out of the tab bar. */
  hidden?: true;
  /** Embedded charts of the tab; absent when it has none. Ranges are "Tab!A1:B5" ('#REF!' once the tab is gone). */
  charts?: InspectedChart[];
}

export interface Workspace extends DocsDriveHelpers {
  /** Install into the vm context: SpreadsheetApp, HtmlService, PropertiesService, LockService, Session, Utilities, ScriptApp, CalendarApp, Calendar and Sheets (advanced services), MailApp, FormApp, Charts, DocumentApp, Drive (advanced service). */
  globals: Record<string, unknown>;
  /** The same objects, typed as the real services. */
  services: AppsScriptServices;
  calls: CallLog;
  /** The active (container) spreadsheet. Calls on it count. */
  spreadsheet: FakeSpreadsheet;
  ui: UiRecord;
  /** Milliseconds passed to Utilities.sleep. */
  slept: number[];
  /** Not counted: the workspace clock (options.now plus what tests advanced it by). */
  clock: Pick<WorkspaceClock, 'now' | 'advance' | 'set'>;
  /** Not counted: burst limiter (failAfter, setRateLimit), invitations and the updates and cancellations sent to guests, events for the preview. */
  calendar: Pick<CalendarStore, 'failAfter' | 'setRateLimit' | 'invitations' | 'notices' | 'inspect'>;
  /** Not counted: messages sent, the daily recipient quota. */
  mail: Pick<MailStore, 'sent' | 'setQuota' | 'remaining'>;
  /** Not counted: a person answering a form (submit) or changing its settings, forms for the preview, the domain's form defaults. */
  forms: Pick<FormStore, 'submit' | 'inspect' | 'setDomainDefault' | 'setRequireLogin'>;
  /** Not counted: installed triggers; setRunner lets fired triggers call the bundle's functions. */
  triggers: Pick<TriggerTable, 'list' | 'due' | 'runDue' | 'setRunner' | 'fired' | 'fireFor'>;
  locks: {
    /** Another execution holds this document's lock (default: the container spreadsheet's). */
    holdDocumentLock(id?: string): () => void;
    holdUserLock(): () => void;
    endExecution(): void;
  };
  addSpreadsheet(name: string): FakeSpreadsheet;
  denyAccess(idOrUrl: string): void;
  /**
   * Runs the add-on as if opened in Docs (no active spreadsheet, no Sheets UI), in Sheets, or in a
   * trigger (no container at all). Fired triggers switch to 'trigger' by themselves.
   */
  setHost(host: Host): void;
  /** What Session.getActiveUser().getEmail() returns from now on ('' as for a consumer account). */
  setActiveUserEmail(email: string): void;
  /**
   * After vm.createContext(globals): errors and Dates we hand the bundle are then made with the context's
   * own constructors (so `instanceof Error` holds there), and template scriptlets see the bundle's globals.
   */
  bindRealm(context: object): void;
  /** Not counted: every tab of the container (or of the given spreadsheet), and its time zone. */
  inspect(idOrUrl?: string): { timeZone: string; tabs: InspectedTab[] };
  /** Not counted: JSON-serializable state. */
  toJSON(): WorkspaceState;
}

const DEFAULT_ZONE = 'America/Chicago';
const DEFAULT_EMAIL = 'coordinator@school.example';

function mapOf(o: Record<string, string> | undefined): Map<string, string> {
  return new Map(Object.entries(o ?? {}));
}

export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  const state = options.state;
  const timeZone = state?.scriptTimeZone ?? options.timeZone ?? DEFAULT_ZONE;
  const calls = new CallLog();
  const ui = newUiRecord();
  const clock = new WorkspaceClock(options.now ?? (() => new Date()));
  const env = new Env(
    calls,
    clock.now,
    timeZone,
    options.userEmail ?? state?.userEmail ?? DEFAULT_EMAIL,
    ui,
    state?.seed ?? 20260915,
  );
  calls.makeError = (message) => new env.realm.Error(message);
  const declared = new Set(options.scopes ?? repositoryScopes());
  calls.check = (service, method) => checkScopes(declared, service, method, calls.makeError);
  const registry = new SpreadsheetRegistry(env);
  if (state) {
    for (const s of state.spreadsheets) registry.adopt(loadSpreadsheet(s));
    for (const id of state.denied) registry.denied.add(id);
    registry.activeId = state.activeSpreadsheetId;
  } else {
    registry.activeId = registry.create(options.spreadsheetName ?? 'Partner Hub', timeZone).data.id;
  }
  const documents = new Map<string, Map<string, string>>(
    Object.entries(state?.properties.documents ?? {}).map(([id, store]) => [id, mapOf(store)]),
  );
  documents.set(registry.activeId, mapOf(state?.properties.document));
  const stores: PropertyStores = {
    documents,
    script: mapOf(state?.properties.script),
    user: mapOf(state?.properties.user),
  };
  const lockTable = new LockTable();
  const calendar = new CalendarStore(env, state?.calendar);
  const mail = new MailStore(env, state?.mail);
  const triggers = new TriggerTable(env, state?.triggers);
  const forms = new FormStore(env, registry, triggers, state?.forms);
  let scriptGlobals: object = {};

  const fakeUi = new FakeUi(env, ui, options.addonName ?? 'Partner Hub');
  const utilities = new FakeUtilities(env);
  const docsDrive = createDocsDrive(env, fakeUi, registry, state);
  linkFormsToDrive(forms, docsDrive.drive);
  env.activeDocument = () =>
    env.host === 'sheets' ? registry.activeId : env.host === 'docs' ? docsDrive.docs.activeId : null;
  const globals: Record<string, unknown> = {
    SpreadsheetApp: new FakeSpreadsheetApp(env, registry, fakeUi),
    HtmlService: new FakeHtmlService(env, options.html, () => scriptGlobals),
    PropertiesService: new FakePropertiesService(env, stores),
    LockService: new FakeLockService(env, lockTable),
    Session: new FakeSession(env),
    Utilities: utilities,
    ScriptApp: new FakeScriptApp(env, triggers, {
      SPREADSHEETS: spreadsheetTriggerSource(env, registry),
    }),
    CalendarApp: new FakeCalendarApp(env, calendar),
    Calendar: new FakeCalendarAdvanced(env, calendar),
    Sheets: new FakeSheetsAdvanced(env, registry),
    MailApp: new FakeMailApp(env, mail),
    FormApp: new FakeFormApp(env, forms),
    Charts: new FakeCharts(env),
    ...docsDrive.globals,
  };
  const container = registry.books.get(registry.activeId);
  if (!container) throw new Error(`The saved state has no spreadsheet ${registry.activeId}.`);

  return {
    globals,
    services: globals as unknown as AppsScriptServices,
    calls,
    spreadsheet: container.spreadsheet(),
    ui,
    slept: utilities.slept,
    clock,
    calendar,
    mail,
    forms,
    triggers,
    ...docsDrive.helpers,
    locks: {
      holdDocumentLock: (id?: string) => lockTable.holdOutside(`document:${id ?? registry.activeId}`),
      holdUserLock: () => lockTable.holdOutside('user'),
      endExecution: () => lockTable.endExecution(),
    },
    addSpreadsheet(name: string): FakeSpreadsheet {
      return registry.create(name, timeZone).spreadsheet();
    },
    denyAccess(idOrUrl: string): void {
      registry.denied.add(registry.idOf(idOrUrl));
    },
    setHost(host: Host): void {
      env.host = host;
    },
    setActiveUserEmail(email: string): void {
      env.activeUserEmail = email;
    },
    bindRealm(context: object): void {
      // A contextified sandbox does not expose the context's builtins; its globalThis does.
      const g: unknown = vm.isContext(context) ? vm.runInContext('globalThis', context) : context;
      const c = (g !== null && typeof g === 'object' ? g : {}) as Partial<Realm>;
      const realm: Realm = { Error, Date };
      if (typeof c.Error === 'function') realm.Error = c.Error;
      if (typeof c.Date === 'function') realm.Date = c.Date;
      env.realm = realm;
      scriptGlobals = g !== null && typeof g === 'object' ? g : context;
    },
    inspect(idOrUrl?: string): { timeZone: string; tabs: InspectedTab[] } {
      const book = idOrUrl === undefined ? container : registry.books.get(registry.idOf(idOrUrl));
      if (!book) throw new Error(`No spreadsheet ${idOrUrl}`);
      const tz = book.data.timeZone;
      return {
        timeZone: tz,
        tabs: book.data.sheets.map((s) => {
          const rows = s.lastRow();
          const cols = s.lastColumn();
          const grid = <T>(f: (r: number, c: number) => T): T[][] =>
            Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_x, j) => f(i + 1, j + 1)));
          return {
            name: s.name,
            sheetId: s.id,
            values: grid((r, c) => {
              const v = s.cell(r, c)?.v ?? '';
              return isDate(v) ? new Date(v.getTime()) : v;
            }),
            display: grid((r, c) => displayValue(s.cell(r, c)?.v ?? '', s.cell(r, c)?.fmt ?? '', tz)),
            formulas: grid((r, c) => s.cell(r, c)?.f ?? ''),
            frozenRows: s.frozenRows,
            ...(s.hidden ? { hidden: true as const } : {}),
            ...(s.charts.length > 0 ? { charts: inspectCharts(book, s.charts) } : {}),
          };
        }),
      };
    },
    toJSON(): WorkspaceState {
      return {
        version: 1,
        seed: env.seed,
        scriptTimeZone: env.scriptTimeZone,
        userEmail: env.userEmail,
        activeSpreadsheetId: registry.activeId,
        denied: [...registry.denied],
        spreadsheets: [...registry.books.values()].map((b) => saveSpreadsheet(b.data)),
        properties: {
          document: Object.fromEntries(stores.documents.get(registry.activeId) ?? []),
          documents: Object.fromEntries(
            [...stores.documents]
              .filter(([id, store]) => id !== registry.activeId && store.size > 0)
              .map(([id, store]) => [id, Object.fromEntries(store)]),
          ),
          script: Object.fromEntries(stores.script),
          user: Object.fromEntries(stores.user),
        },
        calendar: calendar.toJSON(),
        mail: mail.toJSON(),
        forms: forms.toJSON(),
        triggers: triggers.toJSON(),
        ...docsDrive.save(),
      };
    },
  };
}
