// CalendarApp: the calendars (default, owned, made by the add-on), an event's guest list and its
// deletion, the emails Calendar sends guests, and the burst limit that makes real Calendar refuse many
// creations in a short time. Start and end are instants (ms); a calendar's time zone is metadata, as in
// Calendar, so an event at 15:30 stays 15:30 wherever it is shown. The add-on makes and changes events
// through the Calendar advanced service (calendar-api.ts), which works on the same store; only its
// sendUpdates emails guests of an existing event (CalendarApp cannot invite a guest added to an existing
// event: apps-script/reference/calendar/calendar-event#addGuest(String) names no email).
import { Counted, Env } from './env';

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
  getGuestList(includeOwner?: boolean): FakeEventGuest[] {
    const d = this.live('getGuestList');
    const list = d.guests.map((g) => new FakeEventGuest(this.env, g));
    if (includeOwner === true) {
      list.unshift(new FakeEventGuest(this.env, { email: this.env.userEmail, status: 'OWNER' }));
    }
    return list;
  }
  deleteEvent(): void {
    const d = this.live('deleteEvent');
    const cal = this.store.calendars.get(d.calendarId);
    if (cal) cal.events = cal.events.filter((e) => e !== d);
    d.deleted = true;
  }
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
  getEventById(iCalId: string): FakeCalendarEvent | null {
    this.rec('getEventById');
    const d = this.data.events.find((e) => e.id === String(iCalId));
    return d ? new FakeCalendarEvent(this.env, this.store, d) : null;
  }
  deleteCalendar(): void {
    this.rec('deleteCalendar');
    if (this.data.id === this.env.userEmail) this.env.fail('Cannot delete the primary calendar.');
    this.store.calendars.delete(this.data.id);
  }
}

export class FakeCalendarApp extends Counted {
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
  getAllOwnedCalendars(): FakeCalendar[] {
    this.rec('getAllOwnedCalendars');
    return [...this.store.calendars.values()].filter((d) => d.owned).map((d) => this.wrap(d));
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
}
