// ScriptApp: the enums, the OAuth token, and installable triggers (clock, spreadsheet, form, document).
// The fakes run no code: a trigger that fires calls the runner the test harness sets
// (workspace.triggers.setRunner), which calls the top-level function in the vm.
import { Counted, Env, isDate } from './env';
import { fromWallTime, normalizeZone, toWallTime } from './datetime';
import { FakeSpreadsheet } from './spreadsheet';
import type { SpreadsheetRegistry } from './spreadsheet-app';

export const AuthMode = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});

export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
});
export type EventTypeName = keyof typeof EventType;

export const TriggerSource = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
});
export type TriggerSourceName = keyof typeof TriggerSource;

export const WeekDay = Object.freeze({
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
});
const WEEKDAYS = Object.keys(WeekDay);

export const TRIGGER_LIMIT = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export const ADDON_RECURRENCE = 'The recurrence interval for an Add-on trigger must be at least one hour.';
/** Our words: the rule is documented, the message Apps Script gives for it is not. */
export const ADDON_ONE_OF_A_TYPE =
  'An add-on can only have one trigger of each type, per user, per document. Delete the other trigger first.';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** When a clock trigger fires again; 'once' is a one-off (after/at) trigger. */
export type Schedule =
  | { kind: 'once' }
  | { kind: 'minutes' | 'hours'; n: number }
  | {
      kind: 'days' | 'weeks';
      n: number;
      hour: number | null;
      minute: number;
      weekDay: number | null;
      timeZone: string;
    };

export interface TriggerData {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** Spreadsheet, form or document id; null for clock triggers. */
  sourceId: string | null;
  user: string;
  /** The container document it was made from (an add-on may hold one trigger of a type per user per document). */
  document?: string | null;
  created: number;
  /** Clock triggers: the next instant it is due, and how it repeats. */
  dueAt: number | null;
  schedule: Schedule | null;
}

export interface FiredTrigger {
  triggerId: string;
  handler: string;
  eventType: EventTypeName;
  /** ISO instant of the workspace clock when it fired. */
  at: string;
  /** Message of what the handler threw; a failing trigger does not reach whoever caused the event. */
  error?: string;
}

export interface TriggersState {
  triggers: TriggerData[];
}

export type TriggerRunner = (functionName: string, event: Record<string, unknown>) => void;

/** The workspace clock: options.now (or the real time) plus what tests advanced it by. */
export class WorkspaceClock {
  private offset = 0;

  constructor(private readonly base: () => Date) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.offset);

  advance(ms: number): Date {
    this.offset += ms;
    return this.now();
  }
  /** Moves the clock so it reads `at`. */
  set(at: Date): void {
    this.offset += at.getTime() - this.now().getTime();
  }
}

function nextRun(s: Schedule, from: number): number | null {
  switch (s.kind) {
    case 'once':
      return null;
    case 'minutes':
      return from + s.n * MINUTE;
    case 'hours':
      return from + s.n * HOUR;
    case 'days':
    case 'weeks': {
      const days = s.kind === 'weeks' ? s.n * 7 : s.n;
      if (s.hour === null) return from + days * 24 * HOUR;
      // Keep the wall-clock hour across daylight-saving changes.
      const w = toWallTime(from, s.timeZone);
      return fromWallTime(w.year, w.month, w.day + days, s.hour, s.minute, 0, s.timeZone);
    }
  }
}

/** The first run of a schedule created at `now`. */
function firstRun(s: Schedule, now: number): number | null {
  if (s.kind !== 'days' && s.kind !== 'weeks') return nextRun(s, now);
  if (s.hour === null && s.weekDay === null) return nextRun(s, now);
  const w = toWallTime(now, s.timeZone);
  const hour = s.hour ?? w.hour;
  for (let add = 0; add <= 7; add++) {
    const t = fromWallTime(w.year, w.month, w.day + add, hour, s.minute, 0, s.timeZone);
    const wd = toWallTime(t, s.timeZone).weekday;
    if (t > now && (s.weekDay === null || wd === s.weekDay)) return t;
  }
  return nextRun(s, now);
}

/** The installed triggers of the project, the runner and the log of fired triggers. Nothing here counts. */
export class TriggerTable {
  readonly triggers: TriggerData[] = [];
  /** Every trigger that fired, in order. */
  readonly fired: FiredTrigger[] = [];
  private runner: TriggerRunner | null = null;

  constructor(
    private readonly env: Env,
    state?: TriggersState,
  ) {
    if (state) this.triggers.push(...state.triggers.map((t) => ({ ...t })));
  }

  setRunner(runner: TriggerRunner | null): void {
    this.runner = runner;
  }

  add(t: Omit<TriggerData, 'id' | 'user' | 'created' | 'document'>): TriggerData {
    const user = this.env.userEmail;
    const mine = this.triggers.filter((x) => x.user === user).length;
    if (mine >= TRIGGER_LIMIT) this.env.fail(TOO_MANY_TRIGGERS);
    // workspace/add-ons/concepts/editor-triggers: an add-on's time-driven trigger runs at most once an
    // hour (a recurring one is refused with this message), and an add-on holds one trigger of each
    // type per user per document.
    if (t.schedule?.kind === 'minutes') this.env.fail(ADDON_RECURRENCE);
    const document = t.sourceId ?? this.env.activeDocument();
    if (
      this.triggers.some(
        (x) =>
          x.user === user && x.eventType === t.eventType && (x.sourceId ?? x.document ?? null) === document,
      )
    )
      this.env.fail(ADDON_ONE_OF_A_TYPE);
    let id = String(1 + (this.env.nextRandom() % 9));
    while (id.length < 19) id += String(this.env.nextRandom() % 10);
    const created = this.env.now().getTime();
    // A one-off (after/at) clock trigger of an add-on runs no sooner than an hour from now.
    const dueAt =
      t.schedule?.kind === 'once' && t.dueAt !== null ? Math.max(t.dueAt, created + HOUR) : t.dueAt;
    const data: TriggerData = { ...t, dueAt, id, user, document, created };
    this.triggers.push(data);
    return data;
  }

  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** Copies of the installed triggers. */
  list(): TriggerData[] {
    return this.triggers.map((t) => ({ ...t }));
  }

  /** Clock triggers whose time has come at `now` (default: the workspace clock), earliest first. */
  due(now?: Date): TriggerData[] {
    const at = (now ?? this.env.now()).getTime();
    return this.triggers
      .filter((t) => t.dueAt !== null && t.dueAt <= at)
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0))
      .map((t) => ({ ...t }));
  }

  /**
   * Fires each due clock trigger once. A one-off (after/at) trigger is deleted before it runs, as Apps
   * Script disables one-off triggers after they fire; a repeating one moves to its next time after now
   * (missed runs are not made up).
   */
  runDue(): FiredTrigger[] {
    const now = this.env.now().getTime();
    const out: FiredTrigger[] = [];
    for (const copy of this.due()) {
      const t = this.triggers.find((x) => x.id === copy.id);
      if (!t || t.dueAt === null) continue;
      const scheduled = t.dueAt;
      let next = t.schedule ? nextRun(t.schedule, scheduled) : null;
      while (next !== null && next <= now) next = t.schedule ? nextRun(t.schedule, next) : null;
      if (next === null) this.remove(t.id);
      else t.dueAt = next;
      const w = toWallTime(now, 'UTC');
      out.push(
        this.fire(t, {
          authMode: AuthMode.FULL,
          triggerUid: t.id,
          year: w.year,
          month: w.month,
          'day-of-month': w.day,
          'day-of-week': w.weekday === 0 ? 7 : w.weekday,
          hour: w.hour,
          minute: w.minute,
          second: w.second,
          timezone: 'UTC',
        }),
      );
    }
    return out;
  }

  /**
   * Fires every installed trigger of this event type on this source, e.g. ('SPREADSHEETS', id,
   * 'ON_EDIT', e) to stand for a person's edit. `event(t)` makes the event object; triggerUid is added.
   */
  fireFor(
    source: TriggerSourceName,
    sourceId: string,
    eventType: EventTypeName,
    event: (t: TriggerData) => Record<string, unknown>,
  ): FiredTrigger[] {
    const matching = this.triggers.filter(
      (t) => t.source === source && t.sourceId === sourceId && t.eventType === eventType,
    );
    return matching.map((t) => this.fire(t, { authMode: AuthMode.FULL, ...event(t), triggerUid: t.id }));
  }

  private fire(t: TriggerData, event: Record<string, unknown>): FiredTrigger {
    const record: FiredTrigger = {
      triggerId: t.id,
      handler: t.handler,
      eventType: t.eventType,
      at: this.env.now().toISOString(),
    };
    this.fired.push(record);
    if (this.runner) {
      // guides/triggers/installable: an add-on's trigger runs with no container document and no UI.
      const host = this.env.host;
      this.env.host = 'trigger';
      try {
        this.runner(t.handler, event);
      } catch (e) {
        record.error =
          e instanceof Error || (e !== null && typeof e === 'object' && 'message' in e)
            ? String((e as { message: unknown }).message)
            : String(e);
      } finally {
        this.env.host = host;
      }
    }
    return record;
  }

  toJSON(): TriggersState {
    return { triggers: this.list() };
  }
}

/** Turns what a script passes to forSpreadsheet/forForm/forDocument into an id, failing when unknown. */
export type SourceResolver = (target: unknown) => string;
export type TriggerSources = Partial<Record<'SPREADSHEETS' | 'FORMS' | 'DOCUMENTS', SourceResolver>>;

export class FakeTrigger extends Counted {
  constructor(
    env: Env,
    readonly data: TriggerData,
  ) {
    super(env, 'ScriptApp', 'Trigger');
  }
  getUniqueId(): string {
    this.rec('getUniqueId');
    return this.data.id;
  }
  getHandlerFunction(): string {
    this.rec('getHandlerFunction');
    return this.data.handler;
  }
  getEventType(): EventTypeName {
    this.rec('getEventType');
    return this.data.eventType;
  }
  getTriggerSource(): TriggerSourceName {
    this.rec('getTriggerSource');
    return this.data.source;
  }
  getTriggerSourceId(): string | null {
    this.rec('getTriggerSourceId');
    return this.data.sourceId;
  }
}

abstract class SourceBuilder extends Counted {
  protected eventType: EventTypeName | null = null;

  protected constructor(
    env: Env,
    typeName: string,
    protected readonly table: TriggerTable,
    protected readonly handler: string,
    protected readonly source: TriggerSourceName,
    protected readonly sourceId: string,
  ) {
    super(env, 'ScriptApp', typeName);
  }
  protected on(method: string, type: EventTypeName): this {
    this.rec(method);
    this.eventType = type;
    return this;
  }
  create(): FakeTrigger {
    this.rec('create');
    if (this.eventType === null) this.env.fail('Missing event type for the trigger.');
    const data = this.table.add({
      handler: this.handler,
      eventType: this.eventType,
      source: this.source,
      sourceId: this.sourceId,
      dueAt: null,
      schedule: null,
    });
    return new FakeTrigger(this.env, data);
  }
}

export class FakeSpreadsheetTriggerBuilder extends SourceBuilder {
  constructor(env: Env, table: TriggerTable, handler: string, id: string) {
    super(env, 'SpreadsheetTriggerBuilder', table, handler, 'SPREADSHEETS', id);
  }
  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }
  onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }
  onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }
  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }
}

export class FakeFormTriggerBuilder extends SourceBuilder {
  constructor(env: Env, table: TriggerTable, handler: string, id: string) {
    super(env, 'FormTriggerBuilder', table, handler, 'FORMS', id);
  }
  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }
  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }
}

export class FakeDocumentTriggerBuilder extends SourceBuilder {
  constructor(env: Env, table: TriggerTable, handler: string, id: string) {
    super(env, 'DocumentTriggerBuilder', table, handler, 'DOCUMENTS', id);
  }
  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }
}

export class FakeClockTriggerBuilder extends Counted {
  private when: { dueAt: number | null; schedule: Schedule } | null = null;
  private hour: number | null = null;
  private minute = 0;
  private weekDay: number | null = null;
  private timeZone: string;

  constructor(
    env: Env,
    private readonly table: TriggerTable,
    private readonly handler: string,
  ) {
    super(env, 'ScriptApp', 'ClockTriggerBuilder');
    this.timeZone = env.scriptTimeZone;
  }

  private positive(v: unknown, name: string): number {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) this.env.fail(`Invalid argument: ${name}`);
    return n;
  }

  /** One-off, ms from now. */
  after(durationMilliseconds: number): this {
    this.rec('after');
    const ms = Number(durationMilliseconds);
    if (!Number.isFinite(ms) || ms < 0) this.env.fail('Invalid argument: durationMilliseconds');
    this.when = { dueAt: this.env.now().getTime() + ms, schedule: { kind: 'once' } };
    return this;
  }
  /** One-off, at the instant. */
  at(date: Date): this {
    this.rec('at');
    if (!isDate(date) || Number.isNaN(date.getTime())) this.env.fail('Invalid argument: date');
    this.when = { dueAt: date.getTime(), schedule: { kind: 'once' } };
    return this;
  }
  everyMinutes(n: number): this {
    this.rec('everyMinutes');
    if (![1, 5, 10, 15, 30].includes(Number(n)))
      this.env.fail('The value passed to everyMinutes() must be one of 1, 5, 10, 15 or 30.');
    this.when = { dueAt: null, schedule: { kind: 'minutes', n: Number(n) } };
    return this;
  }
  everyHours(n: number): this {
    this.rec('everyHours');
    if (![1, 2, 4, 6, 8, 12].includes(Number(n)))
      this.env.fail('The value passed to everyHours() must be one of 1, 2, 4, 6, 8 or 12.');
    this.when = { dueAt: null, schedule: { kind: 'hours', n: Number(n) } };
    return this;
  }
  everyDays(n: number): this {
    this.rec('everyDays');
    const days = this.positive(n, 'n');
    this.when = { dueAt: null, schedule: this.calendarSchedule('days', days) };
    return this;
  }
  everyWeeks(n: number): this {
    this.rec('everyWeeks');
    const weeks = this.positive(n, 'n');
    this.when = { dueAt: null, schedule: this.calendarSchedule('weeks', weeks) };
    return this;
  }
  atHour(hour: number): this {
    this.rec('atHour');
    const h = Number(hour);
    if (!Number.isInteger(h) || h < 0 || h > 23) this.env.fail('Invalid argument: hour');
    this.hour = h;
    return this;
  }
  nearMinute(minute: number): this {
    this.rec('nearMinute');
    const m = Number(minute);
    if (!Number.isInteger(m) || m < 0 || m > 59) this.env.fail('Invalid argument: minute');
    this.minute = m;
    return this;
  }
  onWeekDay(day: string): this {
    this.rec('onWeekDay');
    const i = WEEKDAYS.indexOf(String(day));
    if (i < 0) this.env.fail('Invalid argument: day');
    this.weekDay = i;
    return this;
  }
  inTimezone(timezone: string): this {
    this.rec('inTimezone');
    if (normalizeZone(String(timezone)) !== String(timezone)) this.env.fail('Invalid argument: timezone');
    this.timeZone = String(timezone);
    return this;
  }

  private calendarSchedule(kind: 'days' | 'weeks', n: number): Schedule {
    return { kind, n, hour: null, minute: 0, weekDay: null, timeZone: this.timeZone };
  }

  create(): FakeTrigger {
    this.rec('create');
    if (!this.when) this.env.fail('The trigger has no schedule: call after, at or every… before create().');
    let schedule = this.when.schedule;
    if (schedule.kind === 'days' || schedule.kind === 'weeks') {
      schedule = {
        ...schedule,
        hour: this.hour,
        minute: this.minute,
        weekDay: schedule.kind === 'weeks' ? this.weekDay : null,
        timeZone: this.timeZone,
      };
    }
    const dueAt = this.when.dueAt ?? firstRun(schedule, this.env.now().getTime());
    const data = this.table.add({
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      dueAt,
      schedule,
    });
    return new FakeTrigger(this.env, data);
  }
}

export class FakeTriggerBuilder extends Counted {
  constructor(
    env: Env,
    private readonly table: TriggerTable,
    private readonly sources: TriggerSources,
    private readonly handler: string,
  ) {
    super(env, 'ScriptApp', 'TriggerBuilder');
  }
  private resolve(kind: keyof TriggerSources, target: unknown): string {
    const r = this.sources[kind];
    return r ? r(target) : this.env.fail(`Invalid argument: ${kind.toLowerCase()}`);
  }
  timeBased(): FakeClockTriggerBuilder {
    this.rec('timeBased');
    return new FakeClockTriggerBuilder(this.env, this.table, this.handler);
  }
  forSpreadsheet(sheet: unknown): FakeSpreadsheetTriggerBuilder {
    this.rec('forSpreadsheet');
    const id = this.resolve('SPREADSHEETS', sheet);
    return new FakeSpreadsheetTriggerBuilder(this.env, this.table, this.handler, id);
  }
  forForm(form: unknown): FakeFormTriggerBuilder {
    this.rec('forForm');
    return new FakeFormTriggerBuilder(this.env, this.table, this.handler, this.resolve('FORMS', form));
  }
  forDocument(document: unknown): FakeDocumentTriggerBuilder {
    this.rec('forDocument');
    const id = this.resolve('DOCUMENTS', document);
    return new FakeDocumentTriggerBuilder(this.env, this.table, this.handler, id);
  }
}

export class FakeScriptApp extends Counted {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(
    env: Env,
    private readonly table: TriggerTable = new TriggerTable(env),
    private readonly sources: TriggerSources = {},
  ) {
    super(env, 'ScriptApp', null);
  }
  getOAuthToken(): string {
    this.rec('getOAuthToken');
    return 'ya29.in-memory-token';
  }
  getScriptId(): string {
    this.rec('getScriptId');
    return '1InMemoryScriptId';
  }
  newTrigger(functionName: string): FakeTriggerBuilder {
    this.rec('newTrigger');
    if (typeof functionName !== 'string' || functionName === '')
      this.env.fail('Invalid argument: functionName');
    return new FakeTriggerBuilder(this.env, this.table, this.sources, functionName);
  }
  /** The current user's triggers in this project. */
  getProjectTriggers(): FakeTrigger[] {
    this.rec('getProjectTriggers');
    return this.table.triggers
      .filter((t) => t.user === this.env.userEmail)
      .map((t) => new FakeTrigger(this.env, t));
  }
  /** The current user's triggers in this project for a spreadsheet, form or document. */
  getUserTriggers(target: unknown): FakeTrigger[] {
    this.rec('getUserTriggers');
    let id: string | null = null;
    for (const r of Object.values(this.sources)) {
      try {
        id = r(target);
        break;
      } catch {
        // not this kind of file
      }
    }
    if (id === null) this.env.fail('Invalid argument: target');
    return this.table.triggers
      .filter((t) => t.user === this.env.userEmail && t.sourceId === id)
      .map((t) => new FakeTrigger(this.env, t));
  }
  deleteTrigger(trigger: unknown): void {
    this.rec('deleteTrigger');
    if (!(trigger instanceof FakeTrigger)) this.env.fail('Invalid argument: trigger');
    this.table.remove(trigger.data.id);
  }
}

/** forSpreadsheet(x): a Spreadsheet, or the id or URL of one the user can open. */
export function spreadsheetTriggerSource(env: Env, registry: SpreadsheetRegistry): SourceResolver {
  return (target: unknown): string => {
    if (target instanceof FakeSpreadsheet) return target.book.data.id;
    const id = typeof target === 'string' ? registry.idOf(target) : '';
    if (!registry.books.has(id) || registry.denied.has(id)) return env.fail('Invalid argument: sheet');
    return id;
  };
}
