// The Calendar advanced service (global `Calendar`, Calendar API v3): the Events methods Partner Hub uses,
// on the same events CalendarApp sees (one CalendarStore). Calls count under 'Calendar'
// ('Calendar.Events.patch').
//
// Real behaviour kept, each from the page named:
// - Arguments are the request body, then path parameters, then an object of optional parameters
//   (apps-script/guides/services/advanced, "How method signatures are determined").
// - An event's API id is not CalendarApp's getId(), which is the iCalUID; the two cannot be used
//   interchangeably (apps-script/reference/calendar/calendar-event#getId()). An event is found by its
//   iCalUID with events.list's iCalUID parameter (calendar/api/v3/reference/events/get). Here the id is the
//   iCalUID without "@google.com"; code that swaps them gets Not Found.
// - events.list also gives the events of a time range (timeMin/timeMax), a page of maxResults (at most
//   2,500) at a time with nextPageToken (calendar/api/v3/reference/events/list).
// - events.insert makes an event with its guests; its sendUpdates decides who gets an invitation, as for
//   patch (calendar/api/v3/reference/events/insert). Too many creations in a short time: 403 "Calendar
//   usage limits exceeded." (calendar/api/guides/errors), from the same burst limiter as CalendarApp.
// - "primary" names the user's primary calendar (calendar/api/v3/reference/events/list, calendarId).
// - A patch replaces the fields it names and leaves the rest; an array it names (attendees) replaces the
//   whole list (calendar/api/v3/reference/events/patch). extendedProperties.private keys are set one by
//   one and null deletes one (calendar/api/guides/extended-properties).
// - sendUpdates decides who is emailed: 'all' notifies all guests (an invitation to a guest new to the
//   event, a cancellation to one taken off, the update to the others), 'none' no one
//   (calendar/api/v3/reference/events/patch, sendUpdates). The page gives sendUpdates no default, so
//   the fake wants it given; 'externalOnly' depends on who uses Google Calendar, which it does not model.
// - Google Calendar sends no updates to guests of past events (support.google.com/calendar/answer/9123539).
// - The organizer, when also an attendee, is an attendees entry with organizer: true
//   (calendar/api/v3/reference/events, organizer); it is not a guest.
// - An invalid address is refused: 400 "Invalid attendee email."
//   (github.com/phw198/OutlookGoogleCalendarSync/issues/130).
// - An API error reaches the script as "API call to calendar.events.<method> failed with error: <message>"
//   (GoogleJsonResponseException, as in github.com/derekantrican/GAS-ICS-Sync/issues/238).
import { Counted, Env } from './env';
import { CalendarData, CalendarStore, EventData, GuestData } from './calendar';
import { toWallTime, zoneOffsetMs } from './datetime';

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const PATCHABLE = ['summary', 'description', 'location', 'start', 'end', 'attendees', 'extendedProperties'];
const RESPONSE: Record<GuestData['status'], string> = {
  INVITED: 'needsAction',
  YES: 'accepted',
  NO: 'declined',
  MAYBE: 'tentative',
  OWNER: 'accepted',
};

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The API's event id for an event made in Google Calendar: its iCalUID without the domain. */
export function apiEventId(e: EventData): string {
  return e.id.replace(/@google\.com$/, '');
}

/** RFC 3339 in the calendar's zone, as the API writes start.dateTime. */
function rfc3339(ms: number, timeZone: string): string {
  const w = toWallTime(ms, timeZone);
  const offset = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const off = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${off}`;
}

export class FakeCalendarEvents extends Counted {
  constructor(
    env: Env,
    private readonly store: CalendarStore,
  ) {
    super(env, 'Calendar', 'Events');
  }

  private fail(method: string, message: string): never {
    return this.env.fail(`API call to calendar.events.${method} failed with error: ${message}`);
  }

  /** Refuses what this fake does not model, in words that say so (not an error Google would give). */
  private unsupported(what: string): never {
    return this.env.fail(`The in-memory Calendar does not support ${what}.`);
  }

  private calendar(method: string, calendarId: unknown): CalendarData {
    const id = String(calendarId);
    const found = this.store.calendars.get(id === 'primary' ? this.env.userEmail : id);
    return found ?? this.fail(method, 'Not Found');
  }

  private options(method: string, value: unknown, known: string[]): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    const options = record(value) ?? this.fail(method, 'Invalid argument: optionalArgs');
    for (const key of Object.keys(options))
      if (!known.includes(key)) this.unsupported(`the ${key} parameter of Calendar.Events.${method}`);
    return options;
  }

  private resource(cal: CalendarData, d: EventData): Record<string, unknown> {
    const out: Record<string, unknown> = {
      kind: 'calendar#event',
      id: apiEventId(d),
      iCalUID: d.id,
      status: 'confirmed',
      created: new Date(d.created).toISOString(),
      updated: new Date(d.lastUpdated).toISOString(),
      summary: d.title,
      creator: { email: this.env.userEmail, self: true },
      organizer: { email: cal.id, self: true },
      start: { dateTime: rfc3339(d.start, cal.timeZone), timeZone: cal.timeZone },
      end: { dateTime: rfc3339(d.end, cal.timeZone), timeZone: cal.timeZone },
    };
    // Empty fields are left out of the resource, as the API does.
    if (d.description) out.description = d.description;
    if (d.location) out.location = d.location;
    if (d.guests.length) {
      // The organizer as an attendee (header).
      out.attendees = [
        { email: cal.id, organizer: true, self: true, responseStatus: 'accepted' },
        ...d.guests.map((g) => ({ email: g.email, responseStatus: RESPONSE[g.status] })),
      ];
    }
    if (d.privateProperties && Object.keys(d.privateProperties).length)
      out.extendedProperties = { private: { ...d.privateProperties } };
    return out;
  }

  /**
   * Events.list(calendarId, optionalArgs): the lookup by iCalUID, or the events in a time range
   * (timeMin: events ending after it; timeMax: starting before it), by start, a page of maxResults
   * (default 250, at most 2500) with nextPageToken for the rest (calendar/api/v3/reference/events/list).
   */
  list(calendarId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    this.rec('list');
    const cal = this.calendar('list', calendarId);
    const options = this.options('list', optionalArgs, [
      'iCalUID',
      'timeMin',
      'timeMax',
      'maxResults',
      'pageToken',
    ]);
    const page = { kind: 'calendar#events', summary: cal.name, timeZone: cal.timeZone };
    if (typeof options.iCalUID === 'string') {
      const uid = options.iCalUID;
      // Deleted events are left out unless showDeleted (calendar/api/v3/reference/events/list).
      const items = cal.events.filter((e) => e.id === uid && !e.deleted).map((e) => this.resource(cal, e));
      return { ...page, items };
    }
    if (options.timeMin === undefined || options.timeMax === undefined)
      return this.unsupported('Calendar.Events.list without iCalUID or a timeMin and timeMax');
    const bound = (v: unknown) => {
      const ms = typeof v === 'string' && /(Z|[+-]\d\d:\d\d)$/i.test(v) ? Date.parse(v) : NaN;
      return Number.isNaN(ms) ? this.fail('list', 'Bad Request') : ms;
    };
    const min = bound(options.timeMin);
    const max = bound(options.timeMax);
    const size = options.maxResults === undefined ? 250 : Number(options.maxResults);
    if (!Number.isInteger(size) || size < 1) return this.fail('list', 'Invalid value for: maxResults');
    const from = options.pageToken === undefined ? 0 : Number(options.pageToken);
    if (!Number.isInteger(from) || from < 0) return this.fail('list', 'Invalid page token value.');
    const all = cal.events
      .filter((e) => !e.deleted && e.end > min && e.start < max)
      .sort((a, b) => a.start - b.start);
    const to = from + Math.min(size, 2500);
    const items = all.slice(from, to).map((e) => this.resource(cal, e));
    return to < all.length ? { ...page, items, nextPageToken: String(to) } : { ...page, items };
  }

  /**
   * Events.insert(resource, calendarId, optionalArgs): a new event with its guests; sendUpdates 'all'
   * emails each guest an invitation, 'none' nobody (calendar/api/v3/reference/events/insert). Many
   * creations in a short time are refused with 403 "Calendar usage limits exceeded."
   * (calendar/api/guides/errors) by the same burst limiter as CalendarApp.
   */
  insert(resource: unknown, calendarId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    this.rec('insert');
    const body = record(resource) ?? this.fail('insert', 'Invalid argument: resource');
    const cal = this.calendar('insert', calendarId);
    const options = this.options('insert', optionalArgs, ['sendUpdates']);
    const sendUpdates = options.sendUpdates;
    if (sendUpdates !== 'all' && sendUpdates !== 'none')
      return this.unsupported(`sendUpdates ${JSON.stringify(sendUpdates)} (give 'all' or 'none')`);
    for (const key of Object.keys(body)) if (!PATCHABLE.includes(key)) this.unsupported(`inserting "${key}"`);
    if (body.start === undefined || body.end === undefined) return this.fail('insert', 'Missing time.');
    const start = this.instant('insert', 'start', body.start);
    const end = this.instant('insert', 'end', body.end);
    if (end < start) this.fail('insert', 'The specified time range is empty.');
    const now = this.env.now().getTime();
    const blank: EventData = {
      id: '',
      calendarId: cal.id,
      title: '',
      description: '',
      location: '',
      start,
      end,
      guests: [],
      tags: {},
      created: now,
      lastUpdated: now,
      deleted: false,
    };
    const guests = body.attendees === undefined ? [] : this.attendees('insert', cal, blank, body.attendees);
    let props: Record<string, string> | undefined;
    if (body.extendedProperties !== undefined) {
      const ext =
        record(body.extendedProperties) ?? this.fail('insert', 'Invalid value for: extendedProperties');
      for (const key of Object.keys(ext))
        if (key !== 'private') this.unsupported(`extendedProperties.${key}`);
      const priv = ext.private === undefined ? {} : record(ext.private);
      if (!priv) return this.fail('insert', 'Invalid value for: extendedProperties.private');
      props = {};
      for (const [key, value] of Object.entries(priv)) if (value !== null) props[key] = String(value);
    }
    try {
      this.store.burst();
    } catch {
      this.fail('insert', 'Calendar usage limits exceeded.');
    }
    const d: EventData = {
      ...blank,
      id: this.store.newEventId(),
      title: String(body.summary ?? ''),
      description: String(body.description ?? ''),
      location: String(body.location ?? ''),
      guests,
      ...(props ? { privateProperties: props } : {}),
    };
    cal.events.push(d);
    if (sendUpdates === 'all' && d.end > now) for (const g of d.guests) this.store.invite(d, g);
    return this.resource(cal, d);
  }

  private instant(method: string, field: 'start' | 'end', value: unknown): number {
    const v = record(value) ?? this.fail(method, `Invalid value for: ${field}`);
    for (const key of Object.keys(v))
      if (key !== 'dateTime' && key !== 'timeZone') this.unsupported(`${field}.${key} (all-day events)`);
    const dateTime =
      typeof v.dateTime === 'string' ? v.dateTime : this.unsupported(`${field} without dateTime`);
    // start.dateTime needs an offset unless timeZone is given (calendar/api/v3/reference/events).
    if (!/(Z|[+-]\d\d:\d\d)$/i.test(dateTime)) {
      if (v.timeZone === undefined) this.fail(method, `Missing time zone definition for ${field} time.`);
      this.unsupported(`a ${field}.dateTime without an offset`);
    }
    const ms = Date.parse(dateTime);
    return Number.isNaN(ms) ? this.fail(method, `Invalid ${field} time.`) : ms;
  }

  /** The guests the patch leaves on the event, in its order; the organizer's own entry is not a guest. */
  private attendees(method: string, cal: CalendarData, d: EventData, value: unknown): GuestData[] {
    if (!Array.isArray(value)) return this.fail(method, 'Invalid value for: attendees');
    const out: GuestData[] = [];
    for (const item of value) {
      const a = record(item) ?? this.fail(method, 'Invalid attendee email.');
      const email = String(a.email ?? '')
        .trim()
        .toLowerCase();
      if (!EMAIL.test(email)) this.fail(method, 'Invalid attendee email.');
      if (a.organizer === true || email === cal.id.toLowerCase()) continue;
      if (out.some((g) => g.email === email)) continue;
      // A guest's answer is theirs: the organizer's patch keeps it (a new guest has none yet).
      const before = d.guests.find((g) => g.email === email);
      out.push(before ? { ...before } : { email, status: 'INVITED' });
    }
    return out;
  }

  /** Events.patch(resource, calendarId, eventId, optionalArgs): details, guests, private properties. */
  patch(
    resource: unknown,
    calendarId: unknown,
    eventId: unknown,
    optionalArgs?: unknown,
  ): Record<string, unknown> {
    this.rec('patch');
    const body = record(resource) ?? this.fail('patch', 'Invalid argument: resource');
    const cal = this.calendar('patch', calendarId);
    const d = cal.events.find((e) => apiEventId(e) === String(eventId) && !e.deleted);
    if (!d) return this.fail('patch', 'Not Found');
    const options = this.options('patch', optionalArgs, ['sendUpdates']);
    const sendUpdates = options.sendUpdates;
    if (sendUpdates === 'externalOnly') this.unsupported('sendUpdates "externalOnly"');
    if (sendUpdates !== 'all' && sendUpdates !== 'none')
      return this.unsupported(`sendUpdates ${JSON.stringify(sendUpdates)} (give 'all' or 'none')`);
    for (const key of Object.keys(body)) if (!PATCHABLE.includes(key)) this.unsupported(`patching "${key}"`);

    // Everything is checked before anything changes: a refused patch changes nothing.
    const start = body.start === undefined ? d.start : this.instant('patch', 'start', body.start);
    const end = body.end === undefined ? d.end : this.instant('patch', 'end', body.end);
    // An end before the start: 400 timeRangeEmpty (github.com/derekantrican/GAS-ICS-Sync/issues/238).
    if (end < start) this.fail('patch', 'The specified time range is empty.');
    const guests = body.attendees === undefined ? d.guests : this.attendees('patch', cal, d, body.attendees);
    let props: Record<string, string> | undefined = d.privateProperties;
    if (body.extendedProperties !== undefined) {
      const ext =
        record(body.extendedProperties) ?? this.fail('patch', 'Invalid value for: extendedProperties');
      for (const key of Object.keys(ext))
        if (key !== 'private') this.unsupported(`extendedProperties.${key}`);
      const priv = ext.private === undefined ? {} : record(ext.private);
      if (!priv) return this.fail('patch', 'Invalid value for: extendedProperties.private');
      props = { ...(d.privateProperties ?? {}) };
      for (const [key, value] of Object.entries(priv)) {
        if (value === null) delete props[key];
        else props[key] = String(value);
      }
    }

    const before = d.guests;
    if (body.summary !== undefined) d.title = String(body.summary ?? '');
    if (body.description !== undefined) d.description = String(body.description ?? '');
    if (body.location !== undefined) d.location = String(body.location ?? '');
    d.start = start;
    d.end = end;
    d.guests = guests;
    if (props) d.privateProperties = props;
    d.lastUpdated = this.env.now().getTime();

    // Who is emailed (header); nobody for an event that is over.
    if (sendUpdates === 'all' && d.end > this.env.now().getTime()) {
      for (const g of guests) {
        if (before.some((b) => b.email === g.email)) this.store.notify(d, g.email, 'update');
        else this.store.invite(d, g);
      }
      for (const b of before)
        if (!guests.some((g) => g.email === b.email)) this.store.notify(d, b.email, 'cancellation');
    }
    return this.resource(cal, d);
  }
}

/** The global `Calendar`: the advanced service's collections (only Events here). */
export class FakeCalendarAdvanced {
  readonly Events: FakeCalendarEvents;

  constructor(env: Env, store: CalendarStore) {
    this.Events = new FakeCalendarEvents(env, store);
  }
}
