// CalendarApp: calendars, events with guests and tags, the emails Calendar sends guests, and the burst limit
// that makes real Calendar refuse many creations in a short time. Start and end are instants (ms); a
// calendar's time zone is metadata, as in Calendar, so an event at 15:30 stays 15:30 wherever it is shown.
// The Calendar advanced service (calendar-api.ts) works on the same events.
//
// Emails to guests, each rule from the page named:
// - createEvent emails invitations only when options.sendInvites is true; its default is false
//   (apps-script/reference/calendar/calendar#createEvent(String,Date,Date,Object)).
// - addGuest, removeGuest and the setters email nobody: CalendarApp cannot invite a guest added to an
//   existing event (apps-script/reference/calendar/calendar-event#addGuest(String) names no email; the
//   Apps Script issue open since 2011, qmacro.org/blog/posts/2014/01/02/quick-hack:-calendar-inviter).
//   Only the advanced service's sendUpdates emails guests of an existing event.
import { Counted, Env, isDate } from './env';

export const GuestStatus = Object.freeze({
  INVITED: 'INVITED',
  MAYBE: 'MAYBE',
  NO: 'NO',
  OWNER: 'OWNER',
  YES: 'YES',
});
type GuestStatusName = keyof typeof GuestStatus;

export const BURST_MESSAGE =
  'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.';
const DELETED_MESSAGE = 'The event has been deleted and cannot be changed or read.';
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface GuestData {
  email: string;
  status: GuestStatusName;
  /** Calendar has emailed this guest an invitation to this event; absent in older states. */
  invited?: boolean;
}

export interface EventData {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  start: number;
  end: number;
  guests: GuestData[];
  tags: Record<string, string>;
  created: number;
  lastUpdated: number;
  /** The Calendar API's extendedProperties.private (not CalendarApp's tags); absent in older states. */
  privateProperties?: Record<string, string>;
  deleted: boolean;
}

export interface CalendarData {
  id: string;
  name: string;
  timeZone: string;
  owned: boolean;
  events: EventData[];
}

export interface InvitationRecord {
  calendarId: string;
  eventId: string;
  title: string;
  email: string;
  /** ISO instant the invitation went out. */
  at: string;
}

/** An email Calendar sent a guest already on an event (the update) or taken off it (a cancellation). */
export interface NoticeRecord {
  calendarId: string;
  eventId: string;
  title: string;
  email: string;
  kind: 'update' | 'cancellation';
  /** ISO instant the email went out. */
  at: string;
}

export interface CalendarState {
  calendars: CalendarData[];
  invitations: InvitationRecord[];
  /** Absent in older states. */
  notices?: NoticeRecord[];
}

export interface InspectedEvent {
  calendarId: string;
  id: string;
  title: string;
  start: string;
  end: string;
  location: string;
  description: string;
  guests: string[];
  tags: Record<string, string>;
  /** Every guest has been emailed an invitation (false for an event without guests). */
  invitesSent: boolean;
}

function copyEvent(e: EventData): EventData {
  return {
    ...e,
    guests: e.guests.map((g) => ({ ...g })),
    tags: { ...e.tags },
    ...(e.privateProperties ? { privateProperties: { ...e.privateProperties } } : {}),
  };
}

/** The calendars of the one user, the log of emails to guests and the burst limiter. Nothing here counts. */
export class CalendarStore {
  readonly calendars = new Map<string, CalendarData>();
  /** Every invitation sent, in order. */
  readonly invitations: InvitationRecord[] = [];
  /** Every update and cancellation sent to guests, in order. */
  readonly notices: NoticeRecord[] = [];
  private allowance: number | null = null;
  private rate: { max: number; windowMs: number } | null = null;
  private recent: number[] = [];

  constructor(
    private readonly env: Env,
    state?: CalendarState,
  ) {
    if (state) {
      for (const c of state.calendars) this.calendars.set(c.id, { ...c, events: c.events.map(copyEvent) });
      this.invitations.push(...state.invitations.map((i) => ({ ...i })));
      this.notices.push(...(state.notices ?? []).map((n) => ({ ...n })));
    }
    if (!this.calendars.has(env.userEmail)) {
      this.calendars.set(env.userEmail, {
        id: env.userEmail,
        name: env.userEmail,
        timeZone: env.scriptTimeZone,
        owned: true,
        events: [],
      });
    }
  }

  /** The next n event or calendar creations succeed, then one fails with Calendar's burst message. */
  failAfter(n: number): void {
    this.allowance = Math.max(0, Math.floor(n));
  }
  /** Refuse creations beyond max within any windowMs of the workspace clock; null turns it off. */
  setRateLimit(max: number | null, windowMs = 60_000): void {
    this.rate = max === null ? null : { max, windowMs };
    this.recent = [];
  }
  /** Called by every creation; throws the real message when the limiter says so. */
  burst(): void {
    if (this.allowance !== null) {
      if (this.allowance === 0) {
        this.allowance = null;
        this.env.fail(BURST_MESSAGE);
      }
      this.allowance--;
    }
    const rate = this.rate;
    if (rate) {
      const now = this.env.now().getTime();
      this.recent = this.recent.filter((t) => t > now - rate.windowMs);
      if (this.recent.length >= rate.max) this.env.fail(BURST_MESSAGE);
      this.recent.push(now);
    }
  }

  newEventId(): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuv';
    let id = '';
    while (id.length < 26) id += alphabet[this.env.nextRandom() % 32];
    return `${id}@google.com`;
  }

  findEvent(id: string, calendarId?: string): EventData | null {
    for (const c of this.calendars.values()) {
      if (calendarId !== undefined && c.id !== calendarId) continue;
      const e = c.events.find((x) => x.id === id);
      if (e) return e;
    }
    return null;
  }

  invite(e: EventData, guest: GuestData): void {
    guest.invited = true;
    this.invitations.push({
      calendarId: e.calendarId,
      eventId: e.id,
      title: e.title,
      email: guest.email,
      at: this.env.now().toISOString(),
    });
  }

  notify(e: EventData, email: string, kind: NoticeRecord['kind']): void {
    this.notices.push({
      calendarId: e.calendarId,
      eventId: e.id,
      title: e.title,
      email,
      kind,
      at: this.env.now().toISOString(),
    });
  }

  /** Every live event, by start, for the preview and tests. */
  inspect(): InspectedEvent[] {
    return [...this.calendars.values()]
      .flatMap((c) => c.events)
      .sort((a, b) => a.start - b.start)
      .map((e) => ({
        calendarId: e.calendarId,
        id: e.id,
        title: e.title,
        start: new Date(e.start).toISOString(),
        end: new Date(e.end).toISOString(),
        location: e.location,
        description: e.description,
        guests: e.guests.map((g) => g.email),
        tags: { ...e.tags },
        invitesSent: e.guests.length > 0 && e.guests.every((g) => g.invited === true),
      }));
  }

  toJSON(): CalendarState {
    return {
      calendars: [...this.calendars.values()].map((c) => ({ ...c, events: c.events.map(copyEvent) })),
      invitations: this.invitations.map((i) => ({ ...i })),
      notices: this.notices.map((n) => ({ ...n })),
    };
  }
}

function dateArg(env: Env, v: unknown, method: string): number {
  if (!isDate(v) || Number.isNaN(v.getTime()))
    return env.fail(`The parameters (${typeof v}) don't match the method signature for ${method}.`);
  return v.getTime();
}

function emailArg(env: Env, v: unknown): string {
  const email = String(v ?? '').trim();
  if (!EMAIL.test(email)) env.fail(`Invalid argument: ${email}`);
  return email.toLowerCase();
}

function checkSpan(env: Env, start: number, end: number): void {
  if (end < start) env.fail('Event start date must be before event end date.');
}

export class FakeEventGuest extends Counted {
  constructor(
    env: Env,
    private readonly guest: GuestData,
  ) {
    super(env, 'CalendarApp', 'EventGuest');
  }
  getEmail(): string {
    this.rec('getEmail');
    return this.guest.email;
  }
  getGuestStatus(): GuestStatusName {
    this.rec('getGuestStatus');
    return this.guest.status;
  }
  getName(): string {
    this.rec('getName');
    return this.guest.email;
  }
  getAdditionalGuests(): number {
    this.rec('getAdditionalGuests');
    return 0;
  }
}

export class FakeCalendarEvent extends Counted {
  constructor(
    env: Env,
    private readonly store: CalendarStore,
    readonly data: EventData,
  ) {
    super(env, 'CalendarApp', 'CalendarEvent');
  }

  private live(method: string): EventData {
    this.rec(method);
    if (this.data.deleted) this.env.fail(DELETED_MESSAGE);
    return this.data;
  }
  private touch(): this {
    this.data.lastUpdated = this.env.now().getTime();
    return this;
  }

  getId(): string {
    return this.live('getId').id;
  }
  getTitle(): string {
    return this.live('getTitle').title;
  }
  setTitle(title: string): this {
    this.live('setTitle').title = String(title);
    return this.touch();
  }
  getDescription(): string {
    return this.live('getDescription').description;
  }
  setDescription(description: string): this {
    this.live('setDescription').description = String(description);
    return this.touch();
  }
  getLocation(): string {
    return this.live('getLocation').location;
  }
  setLocation(location: string): this {
    this.live('setLocation').location = String(location);
    return this.touch();
  }
  getStartTime(): Date {
    return this.env.date(this.live('getStartTime').start);
  }
  getEndTime(): Date {
    return this.env.date(this.live('getEndTime').end);
  }
  setTime(startTime: Date, endTime: Date): this {
    const d = this.live('setTime');
    const start = dateArg(this.env, startTime, 'CalendarApp.CalendarEvent.setTime');
    const end = dateArg(this.env, endTime, 'CalendarApp.CalendarEvent.setTime');
    checkSpan(this.env, start, end);
    d.start = start;
    d.end = end;
    return this.touch();
  }
  isAllDayEvent(): boolean {
    this.live('isAllDayEvent');
    return false;
  }
  isRecurringEvent(): boolean {
    this.live('isRecurringEvent');
    return false;
  }
  isOwnedByMe(): boolean {
    this.live('isOwnedByMe');
    return this.store.calendars.get(this.data.calendarId)?.owned ?? false;
  }
  getOriginalCalendarId(): string {
    return this.live('getOriginalCalendarId').calendarId;
  }
  getDateCreated(): Date {
    return this.env.date(this.live('getDateCreated').created);
  }
  getLastUpdated(): Date {
    return this.env.date(this.live('getLastUpdated').lastUpdated);
  }
  addGuest(email: string): this {
    const d = this.live('addGuest');
    const address = emailArg(this.env, email);
    // Adds the guest without emailing them, even on an event created with sendInvites (header).
    if (!d.guests.some((g) => g.email === address)) d.guests.push({ email: address, status: 'INVITED' });
    return this.touch();
  }
  removeGuest(email: string): this {
    const d = this.live('removeGuest');
    const address = String(email ?? '')
      .trim()
      .toLowerCase();
    d.guests = d.guests.filter((g) => g.email !== address);
    return this.touch();
  }
  getGuestList(includeOwner?: boolean): FakeEventGuest[] {
    const d = this.live('getGuestList');
    const list = d.guests.map((g) => new FakeEventGuest(this.env, g));
    if (includeOwner === true) {
      list.unshift(new FakeEventGuest(this.env, { email: this.env.userEmail, status: 'OWNER' }));
    }
    return list;
  }
  getGuestByEmail(email: string): FakeEventGuest | null {
    const d = this.live('getGuestByEmail');
    const g = d.guests.find((x) => x.email === String(email).trim().toLowerCase());
    return g ? new FakeEventGuest(this.env, g) : null;
  }
  setTag(key: string, value: string): this {
    this.live('setTag').tags[String(key)] = String(value);
    return this.touch();
  }
  getTag(key: string): string | null {
    return this.live('getTag').tags[String(key)] ?? null;
  }
  deleteTag(key: string): this {
    delete this.live('deleteTag').tags[String(key)];
    return this.touch();
  }
  getAllTagKeys(): string[] {
    return Object.keys(this.live('getAllTagKeys').tags);
  }
  deleteEvent(): void {
    const d = this.live('deleteEvent');
    const cal = this.store.calendars.get(d.calendarId);
    if (cal) cal.events = cal.events.filter((e) => e !== d);
    d.deleted = true;
  }
}

interface EventOptions {
  description?: unknown;
  location?: unknown;
  guests?: unknown;
  sendInvites?: unknown;
}

export class FakeCalendar extends Counted {
  constructor(
    env: Env,
    private readonly store: CalendarStore,
    readonly data: CalendarData,
  ) {
    super(env, 'CalendarApp', 'Calendar');
  }

  getId(): string {
    this.rec('getId');
    return this.data.id;
  }
  getName(): string {
    this.rec('getName');
    return this.data.name;
  }
  setName(name: string): this {
    this.rec('setName');
    this.data.name = String(name);
    return this;
  }
  getTimeZone(): string {
    this.rec('getTimeZone');
    return this.data.timeZone;
  }
  setTimeZone(timeZone: string): this {
    this.rec('setTimeZone');
    this.data.timeZone = String(timeZone);
    return this;
  }
  isOwnedByMe(): boolean {
    this.rec('isOwnedByMe');
    return this.data.owned;
  }
  isMyPrimaryCalendar(): boolean {
    this.rec('isMyPrimaryCalendar');
    return this.data.id === this.env.userEmail;
  }
  createEvent(title: string, startTime: Date, endTime: Date, options?: EventOptions): FakeCalendarEvent {
    this.rec('createEvent');
    return this.createEventUncounted(title, startTime, endTime, options);
  }
  /** createEvent's work, for CalendarApp.createEvent, which is one call of its own. */
  createEventUncounted(
    title: string,
    startTime: Date,
    endTime: Date,
    options?: EventOptions,
  ): FakeCalendarEvent {
    const method = 'CalendarApp.Calendar.createEvent';
    const start = dateArg(this.env, startTime, method);
    const end = dateArg(this.env, endTime, method);
    checkSpan(this.env, start, end);
    const o: EventOptions = options ?? {};
    const guests =
      o.guests === undefined || o.guests === null || String(o.guests).trim() === ''
        ? []
        : [
            ...new Set(
              String(o.guests)
                .split(',')
                .map((g) => emailArg(this.env, g)),
            ),
          ];
    this.store.burst();
    const now = this.env.now().getTime();
    // sendInvites defaults to false (header).
    const sendInvites = o.sendInvites === true;
    const d: EventData = {
      id: this.store.newEventId(),
      calendarId: this.data.id,
      title: String(title),
      description: o.description === undefined ? '' : String(o.description),
      location: o.location === undefined ? '' : String(o.location),
      start,
      end,
      guests: guests.map((email) => ({ email, status: 'INVITED' })),
      tags: {},
      created: now,
      lastUpdated: now,
      deleted: false,
    };
    this.data.events.push(d);
    if (sendInvites) for (const g of d.guests) this.store.invite(d, g);
    return new FakeCalendarEvent(this.env, this.store, d);
  }
  getEventById(iCalId: string): FakeCalendarEvent | null {
    this.rec('getEventById');
    const d = this.data.events.find((e) => e.id === String(iCalId));
    return d ? new FakeCalendarEvent(this.env, this.store, d) : null;
  }
  /** Events that overlap [startTime, endTime), by start; options.search matches title/description/location. */
  getEvents(
    startTime: Date,
    endTime: Date,
    options?: { search?: string; max?: number },
  ): FakeCalendarEvent[] {
    this.rec('getEvents');
    return this.getEventsUncounted(startTime, endTime, options);
  }
  getEventsUncounted(
    startTime: Date,
    endTime: Date,
    options?: { search?: string; max?: number },
  ): FakeCalendarEvent[] {
    const method = 'CalendarApp.Calendar.getEvents';
    const start = dateArg(this.env, startTime, method);
    const end = dateArg(this.env, endTime, method);
    const search = options?.search?.toLowerCase();
    const found = this.data.events
      .filter((e) => e.start < end && (e.end > start || (e.end === e.start && e.start >= start)))
      .filter(
        (e) =>
          search === undefined ||
          `${e.title}\n${e.description}\n${e.location}`.toLowerCase().includes(search),
      )
      .sort((a, b) => a.start - b.start);
    const limited = options?.max === undefined ? found : found.slice(0, options.max);
    return limited.map((d) => new FakeCalendarEvent(this.env, this.store, d));
  }
  deleteCalendar(): void {
    this.rec('deleteCalendar');
    if (this.data.id === this.env.userEmail) this.env.fail('Cannot delete the primary calendar.');
    this.store.calendars.delete(this.data.id);
  }
}

export class FakeCalendarApp extends Counted {
  readonly GuestStatus = GuestStatus;

  constructor(
    env: Env,
    private readonly store: CalendarStore,
  ) {
    super(env, 'CalendarApp', null);
  }

  private wrap(d: CalendarData): FakeCalendar {
    return new FakeCalendar(this.env, this.store, d);
  }
  private primary(): CalendarData {
    return this.store.calendars.get(this.env.userEmail) ?? this.env.fail('No default calendar.');
  }

  getDefaultCalendar(): FakeCalendar {
    this.rec('getDefaultCalendar');
    return this.wrap(this.primary());
  }
  getCalendarById(id: string): FakeCalendar | null {
    this.rec('getCalendarById');
    const d = this.store.calendars.get(String(id));
    return d ? this.wrap(d) : null;
  }
  getOwnedCalendarById(id: string): FakeCalendar | null {
    this.rec('getOwnedCalendarById');
    const d = this.store.calendars.get(String(id));
    return d?.owned ? this.wrap(d) : null;
  }
  getAllCalendars(): FakeCalendar[] {
    this.rec('getAllCalendars');
    return [...this.store.calendars.values()].map((d) => this.wrap(d));
  }
  getAllOwnedCalendars(): FakeCalendar[] {
    this.rec('getAllOwnedCalendars');
    return [...this.store.calendars.values()].filter((d) => d.owned).map((d) => this.wrap(d));
  }
  getCalendarsByName(name: string): FakeCalendar[] {
    this.rec('getCalendarsByName');
    return [...this.store.calendars.values()].filter((d) => d.name === String(name)).map((d) => this.wrap(d));
  }
  createCalendar(name: string, options?: { timeZone?: string }): FakeCalendar {
    this.rec('createCalendar');
    this.store.burst();
    let hex = '';
    while (hex.length < 32) hex += (this.env.nextRandom() % 16).toString(16);
    const d: CalendarData = {
      id: `c_${hex}@group.calendar.google.com`,
      name: String(name),
      timeZone: options?.timeZone ?? this.env.scriptTimeZone,
      owned: true,
      events: [],
    };
    this.store.calendars.set(d.id, d);
    return this.wrap(d);
  }
  getTimeZone(): string {
    this.rec('getTimeZone');
    return this.primary().timeZone;
  }
  getName(): string {
    this.rec('getName');
    return this.primary().name;
  }
  getId(): string {
    this.rec('getId');
    return this.primary().id;
  }
  /** Looks in the default calendar, like CalendarApp.getEventById. */
  getEventById(iCalId: string): FakeCalendarEvent | null {
    this.rec('getEventById');
    const d = this.store.findEvent(String(iCalId), this.env.userEmail);
    return d ? new FakeCalendarEvent(this.env, this.store, d) : null;
  }
  createEvent(title: string, startTime: Date, endTime: Date, options?: EventOptions): FakeCalendarEvent {
    this.rec('createEvent');
    // The inner call would count too; one call made by the script is one count.
    return this.wrap(this.primary()).createEventUncounted(title, startTime, endTime, options);
  }
  getEvents(
    startTime: Date,
    endTime: Date,
    options?: { search?: string; max?: number },
  ): FakeCalendarEvent[] {
    this.rec('getEvents');
    return this.wrap(this.primary()).getEventsUncounted(startTime, endTime, options);
  }
}
