// ScriptApp: AuthMode and installable triggers (one-off and daily clock, spreadsheet form-submit).
// The fakes run no code: a trigger that fires calls the runner the test harness sets
// (workspace.triggers.setRunner), which calls the top-level function in the vm.
import { Counted, Env } from './env';
import { fromWallTime, toWallTime } from './datetime';
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

export const TRIGGER_LIMIT = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

/** Our words: the rule is documented, the message Apps Script gives for it is not. */
export const ADDON_ONE_OF_A_TYPE =
  'An add-on can only have one trigger of each type, per user, per document. Delete the other trigger first.';

const HOUR = 3_600_000;

/**
 * How a clock trigger repeats: the add-on makes one-off (after) triggers, which fire once, and daily
 * ones at an hour (everyDays(n).atHour(h)), at that wall-clock hour of the script's time zone.
 */
export type Schedule = { kind: 'once' } | { kind: 'days'; n: number; hour: number | null; timeZone: string };

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

const DAY = 24 * HOUR;

function nextRun(s: Schedule, from: number): number | null {
  if (s.kind === 'once') return null;
  if (s.hour === null) return from + s.n * DAY;
  // Keep the wall-clock hour across daylight-saving changes.
  const w = toWallTime(from, s.timeZone);
  return fromWallTime(w.year, w.month, w.day + s.n, s.hour, 0, 0, s.timeZone);
}

/** The first run of a schedule created at `now`: the next time the wall clock shows its hour. */
function firstRun(s: Schedule, now: number): number | null {
  if (s.kind === 'once' || s.hour === null) return nextRun(s, now);
  const w = toWallTime(now, s.timeZone);
  for (let add = 0; add <= 1; add++) {
    const t = fromWallTime(w.year, w.month, w.day + add, s.hour, 0, 0, s.timeZone);
    if (t > now) return t;
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
    // workspace/add-ons/concepts/editor-triggers: an add-on holds one trigger of each type per user per
    // document.
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
    // A one-off (after) clock trigger of an add-on runs no sooner than an hour from now.
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
   * Fires each due clock trigger once. A one-off (after) trigger is deleted before it runs, as Apps
   * Script disables one-off triggers after they fire; a daily one moves to its next time after now
   * (missed runs are not made up).
   */
  runDue(): FiredTrigger[] {
    const now = this.env.now().getTime();
    const out: FiredTrigger[] = [];
    for (const copy of this.due()) {
      const t = this.triggers.find((x) => x.id === copy.id);
      if (!t || t.dueAt === null) continue;
      let next = t.schedule ? nextRun(t.schedule, t.dueAt) : null;
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

/** Turns what a script passes to forSpreadsheet into an id, failing when unknown. */
export type SourceResolver = (target: unknown) => string;
export type TriggerSources = Partial<Record<'SPREADSHEETS', SourceResolver>>;

export class FakeTrigger extends Counted {
  constructor(
    env: Env,
    readonly data: TriggerData,
  ) {
    super(env, 'ScriptApp', 'Trigger');
  }
  getHandlerFunction(): string {
    this.rec('getHandlerFunction');
    return this.data.handler;
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
  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }
}

export class FakeClockTriggerBuilder extends Counted {
  private when: { dueAt: number } | { days: number } | null = null;
  private hour: number | null = null;

  constructor(
    env: Env,
    private readonly table: TriggerTable,
    private readonly handler: string,
  ) {
    super(env, 'ScriptApp', 'ClockTriggerBuilder');
  }

  /** One-off, ms from now. */
  after(durationMilliseconds: number): this {
    this.rec('after');
    const ms = Number(durationMilliseconds);
    if (!Number.isFinite(ms) || ms < 0) this.env.fail('Invalid argument: durationMilliseconds');
    this.when = { dueAt: this.env.now().getTime() + ms };
    return this;
  }
  everyDays(n: number): this {
    this.rec('everyDays');
    const days = Number(n);
    if (!Number.isInteger(days) || days < 1) this.env.fail('Invalid argument: n');
    this.when = { days };
    return this;
  }
  atHour(hour: number): this {
    this.rec('atHour');
    const h = Number(hour);
    if (!Number.isInteger(h) || h < 0 || h > 23) this.env.fail('Invalid argument: hour');
    this.hour = h;
    return this;
  }

  create(): FakeTrigger {
    this.rec('create');
    const when =
      this.when ?? this.env.fail('The trigger has no schedule: call after or everyDays before create().');
    const schedule: Schedule =
      'dueAt' in when
        ? { kind: 'once' }
        : { kind: 'days', n: when.days, hour: this.hour, timeZone: this.env.scriptTimeZone };
    const data = this.table.add({
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      dueAt: 'dueAt' in when ? when.dueAt : firstRun(schedule, this.env.now().getTime()),
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
}

export class FakeScriptApp extends Counted {
  readonly AuthMode = AuthMode;

  constructor(
    env: Env,
    private readonly table: TriggerTable = new TriggerTable(env),
    private readonly sources: TriggerSources = {},
  ) {
    super(env, 'ScriptApp', null);
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
