import { createWorkspace } from '../../../dev/workspace';
import { FakeCalendarAdvanced } from '../../../dev/workspace/calendar-api';

const BURST =
  'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.';
const at = (iso: string) => new Date(iso);

/** An event body for Calendar.Events.insert. */
const body = (summary: string, start: string, end: string, attendees: string[] = []) => ({
  summary,
  start: { dateTime: start },
  end: { dateTime: end },
  attendees: attendees.map((email) => ({ email })),
  extendedProperties: { private: { tag: summary } },
});

describe('CalendarApp', () => {
  test('the default calendar is the user’s own; unknown ids give null; a new calendar is owned', () => {
    const w = createWorkspace({ userEmail: 'rc@school.example', timeZone: 'America/Chicago' });
    const app = w.services.CalendarApp;
    const cal = app.getDefaultCalendar();
    expect(cal.getId()).toBe('rc@school.example');
    expect(app.getCalendarById('nobody@example.org')).toBeNull();
    expect(app.getCalendarById('rc@school.example')?.getName()).toBe('rc@school.example');
    expect(cal.getEventById('missing@google.com')).toBeNull();
    const made = app.createCalendar('Partner events');
    expect(app.getAllOwnedCalendars().map((c) => c.getName())).toEqual([
      'rc@school.example',
      'Partner events',
    ]);
    made.deleteCalendar();
    expect(app.getCalendarById(made.getId())).toBeNull();
    expect(() => cal.deleteCalendar()).toThrow('Cannot delete the primary calendar.');
  });

  test('an event found by its iCalUID: guest list, then deleted for good', () => {
    const w = createWorkspace({ userEmail: 'rc@school.example', now: () => at('2026-09-01T12:00:00Z') });
    const item = w.services.Calendar.Events.insert(
      body('Gathering', '2026-09-15T20:30:00Z', '2026-09-15T22:00:00Z', ['a@partner.org', 'b@partner.org']),
      'primary',
      { sendUpdates: 'none' },
    );
    const cal = w.services.CalendarApp.getDefaultCalendar();
    const found = cal.getEventById(item.iCalUID ?? '');
    if (!found) throw new Error('event lost');
    expect(item.iCalUID).toMatch(/^[0-9a-v]{26}@google\.com$/);
    expect(found.getGuestList().map((g) => g.getEmail())).toEqual(['a@partner.org', 'b@partner.org']);
    expect(found.getGuestList(true).map((g) => g.getEmail())).toEqual([
      'rc@school.example',
      'a@partner.org',
      'b@partner.org',
    ]);
    found.deleteEvent();
    expect(cal.getEventById(item.iCalUID ?? '')).toBeNull();
    expect(() => found.getGuestList()).toThrow(/deleted/);
    expect(w.calendar.inspect()).toEqual([]);
  });

  test('15:30 in Chicago stays 15:30 across the March daylight-saving change', () => {
    const w = createWorkspace({ timeZone: 'America/Chicago' });
    const api = w.services.Calendar.Events;
    // 15:30 CST (UTC-6) on Friday 6 March, 15:30 CDT (UTC-5) on Monday 9 March 2026.
    for (const [day, offset] of [
      ['06', '-06:00'],
      ['09', '-05:00'],
    ])
      api.insert(
        body('Check-in', `2026-03-${day}T15:30:00${offset}`, `2026-03-${day}T16:00:00${offset}`),
        'primary',
        { sendUpdates: 'none' },
      );
    const listed = api.list('primary', { timeMin: '2026-03-01T00:00:00Z', timeMax: '2026-03-31T00:00:00Z' });
    expect((listed.items ?? []).map((e) => e.start?.dateTime)).toEqual([
      '2026-03-06T15:30:00-06:00',
      '2026-03-09T15:30:00-05:00',
    ]);
    expect(w.calendar.inspect().map((e) => e.start)).toEqual([
      '2026-03-06T21:30:00.000Z',
      '2026-03-09T20:30:00.000Z',
    ]);
  });

  test('failAfter(n): n creations succeed, then one is refused like a burst', () => {
    const w = createWorkspace();
    w.calendar.failAfter(2);
    const make = (i: number) => w.services.CalendarApp.createCalendar(`Calendar ${i}`);
    make(1);
    make(2);
    expect(() => make(3)).toThrow(BURST);
    make(4); // the limiter fired once and is off again
    expect(w.services.CalendarApp.getAllOwnedCalendars()).toHaveLength(4);
  });

  test('a rate limit refuses creations beyond max per window of the workspace clock', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    const api = w.services.Calendar.Events;
    w.calendar.setRateLimit(2, 60_000);
    const make = () =>
      api.insert(body('x', '2026-09-15T20:00:00Z', '2026-09-15T21:00:00Z'), 'primary', {
        sendUpdates: 'none',
      });
    make();
    make();
    expect(() => make()).toThrow(
      'API call to calendar.events.insert failed with error: Calendar usage limits exceeded.',
    );
    w.clock.advance(61_000);
    make();
    w.calendar.setRateLimit(null);
    make();
    make();
    expect(w.calendar.inspect()).toHaveLength(5);
  });

  test('state round trip keeps calendars, events, properties, guests and invitations', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    const api = w.services.Calendar.Events;
    const e = api.insert(
      body('Gathering', '2026-11-10T21:30:00Z', '2026-11-10T23:00:00Z', ['a@partner.org']),
      'primary',
      { sendUpdates: 'all' },
    );
    const extra = w.services.CalendarApp.createCalendar('Partner events');
    const json = JSON.parse(JSON.stringify(w.toJSON()));
    const r = createWorkspace({ state: json });
    const [back] = r.services.Calendar.Events.list('primary', { iCalUID: e.iCalUID }).items ?? [];
    expect(back?.summary).toBe('Gathering');
    expect(back?.extendedProperties?.private).toEqual({ tag: 'Gathering' });
    expect(back?.start?.dateTime).toBe(e.start?.dateTime);
    const event = r.services.CalendarApp.getDefaultCalendar().getEventById(e.iCalUID ?? '');
    expect(event?.getGuestList().map((g) => g.getEmail())).toEqual(['a@partner.org']);
    expect(r.calendar.invitations).toHaveLength(1);
    expect(r.services.CalendarApp.getCalendarById(extra.getId())?.getName()).toBe('Partner events');
    expect(r.calendar.inspect()[0].invitesSent).toBe(true);
    // New ids do not collide with restored ones.
    const next = r.services.Calendar.Events.insert(
      body('n', '2026-11-11T00:00:00Z', '2026-11-11T01:00:00Z'),
      'primary',
      { sendUpdates: 'none' },
    );
    expect(next.iCalUID).not.toBe(e.iCalUID);
  });
});

describe('Calendar advanced service (Events)', () => {
  function setUp() {
    const w = createWorkspace({ userEmail: 'rc@school.example', now: () => at('2026-09-01T12:00:00Z') });
    const api = w.services.Calendar.Events;
    const inserted = api.insert(
      body('Gathering', '2026-09-15T20:30:00Z', '2026-09-15T22:00:00Z', ['a@partner.org', 'b@partner.org']),
      'rc@school.example',
      { sendUpdates: 'all' },
    );
    const iCalUID = inserted.iCalUID ?? '';
    const [item] = api.list('rc@school.example', { iCalUID }).items ?? [];
    if (!item?.id) throw new Error('event not listed');
    return { w, iCalUID, api, id: item.id, item };
  }

  test('finds an event by iCalUID; its API id is another id; calls count under Calendar', () => {
    const { w, iCalUID, api, id, item } = setUp();
    expect(item.iCalUID).toBe(iCalUID);
    expect(`${id}@google.com`).toBe(iCalUID);
    expect(item.start?.dateTime).toBe('2026-09-15T15:30:00-05:00');
    expect(item.attendees?.map((a) => [a.email, a.organizer === true, a.responseStatus])).toEqual([
      ['rc@school.example', true, 'accepted'],
      ['a@partner.org', false, 'needsAction'],
      ['b@partner.org', false, 'needsAction'],
    ]);
    expect(api.list('primary', { iCalUID }).items?.map((e) => e.id)).toEqual([id]);
    expect(api.list('rc@school.example', { iCalUID: 'other@google.com' }).items).toEqual([]);
    // The iCalUID is not the API's event id.
    expect(() => api.patch({ summary: 'x' }, 'rc@school.example', iCalUID, { sendUpdates: 'none' })).toThrow(
      'API call to calendar.events.patch failed with error: Not Found',
    );
    expect(() => api.list('nobody@example.org', { iCalUID })).toThrow(
      'API call to calendar.events.list failed with error: Not Found',
    );
    w.calls.reset();
    api.list('primary', { iCalUID });
    api.patch({ location: 'Gym' }, 'primary', id, { sendUpdates: 'none' });
    expect(w.calls.byService()).toEqual({ Calendar: 2 });
    expect(w.calls.byMethod()).toEqual({ 'Calendar.Events.list': 1, 'Calendar.Events.patch': 1 });
  });

  test("sendUpdates 'all': new guests invited, removed ones told, the others sent the update", () => {
    const { w, iCalUID, api, id, item } = setUp();
    const kept = (item.attendees ?? []).filter((a) => a.email !== 'a@partner.org');
    api.patch(
      {
        start: { dateTime: '2026-09-16T20:30:00Z' },
        end: { dateTime: '2026-09-16T22:00:00Z' },
        attendees: [...kept, { email: 'C@Partner.org' }],
      },
      'rc@school.example',
      id,
      { sendUpdates: 'all' },
    );
    // One store: CalendarApp sees the patch.
    const seen = w.services.CalendarApp.getDefaultCalendar().getEventById(iCalUID);
    expect(seen?.getGuestList().map((g) => g.getEmail())).toEqual(['b@partner.org', 'c@partner.org']);
    expect(w.calendar.inspect()[0].start).toBe('2026-09-16T20:30:00.000Z');
    expect(w.calendar.invitations.map((i) => i.email)).toEqual([
      'a@partner.org',
      'b@partner.org',
      'c@partner.org',
    ]);
    expect(w.calendar.notices.map((n) => [n.kind, n.email])).toEqual([
      ['update', 'b@partner.org'],
      ['cancellation', 'a@partner.org'],
    ]);
    expect(w.calendar.inspect()[0].invitesSent).toBe(true);
  });

  test("sendUpdates 'none' emails nobody, whatever changes", () => {
    const { w, api, id } = setUp();
    api.patch(
      {
        summary: 'Moved',
        start: { dateTime: '2026-09-16T20:30:00Z' },
        end: { dateTime: '2026-09-16T22:00:00Z' },
        attendees: [{ email: 'c@partner.org' }],
      },
      'rc@school.example',
      id,
      { sendUpdates: 'none' },
    );
    expect(w.calendar.inspect()[0]).toMatchObject({ title: 'Moved', guests: ['c@partner.org'] });
    expect(w.calendar.invitations).toHaveLength(2);
    expect(w.calendar.notices).toEqual([]);
  });

  test('Google Calendar sends no updates to guests of a past event', () => {
    const { w, api, id } = setUp();
    w.clock.set(at('2026-09-20T00:00:00Z'));
    api.patch({ attendees: [{ email: 'c@partner.org' }] }, 'rc@school.example', id, { sendUpdates: 'all' });
    expect(w.calendar.inspect()[0].guests).toEqual(['c@partner.org']);
    expect(w.calendar.invitations).toHaveLength(2);
    expect(w.calendar.notices).toEqual([]);
  });

  test('private properties merge key by key, null deletes one', () => {
    const { w, iCalUID, api, id } = setUp();
    api.patch({ extendedProperties: { private: { one: '1', two: '2' } } }, 'primary', id, {
      sendUpdates: 'none',
    });
    // The typings have no null here; the API deletes a key set to null (guides/extended-properties).
    const fake = w.globals.Calendar;
    if (!(fake instanceof FakeCalendarAdvanced)) throw new Error('no Calendar global');
    fake.Events.patch({ extendedProperties: { private: { one: null, three: '3' } } }, 'primary', id, {
      sendUpdates: 'none',
    });
    const [after] = api.list('primary', { iCalUID }).items ?? [];
    expect(after?.extendedProperties?.private).toEqual({ tag: 'Gathering', two: '2', three: '3' });
    expect(w.calendar.notices).toEqual([]);
    // Saved and restored with the rest of the workspace, as are the emails sent.
    api.patch({ attendees: [{ email: 'b@partner.org' }] }, 'primary', id, { sendUpdates: 'all' });
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    const [back] = r.services.Calendar.Events.list('primary', { iCalUID }).items ?? [];
    expect(back?.extendedProperties?.private).toEqual({ tag: 'Gathering', two: '2', three: '3' });
    expect(r.calendar.notices.map((n) => [n.kind, n.email])).toEqual([
      ['update', 'b@partner.org'],
      ['cancellation', 'a@partner.org'],
    ]);
    expect(r.calendar.inspect()[0].invitesSent).toBe(true);
  });

  test('refuses a patch Google would refuse, or that the fake does not model, and changes nothing', () => {
    const { w, api, id } = setUp();
    const before = JSON.stringify(w.calendar.inspect());
    const refuse = (body: object, options: object | undefined, message: string | RegExp) =>
      expect(() => api.patch(body, 'rc@school.example', id, options ?? {})).toThrow(message);
    refuse(
      { start: { dateTime: '2026-09-15T23:00:00Z' }, attendees: [] },
      { sendUpdates: 'all' },
      'API call to calendar.events.patch failed with error: The specified time range is empty.',
    );
    refuse({ attendees: [{ email: 'not an address' }] }, { sendUpdates: 'all' }, 'Invalid attendee email.');
    refuse({ start: { dateTime: '2026-09-15T20:00:00' } }, { sendUpdates: 'none' }, /Missing time zone/);
    refuse({ summary: 'x' }, {}, /does not support sendUpdates undefined/);
    refuse({ summary: 'x' }, { sendUpdates: 'externalOnly' }, /does not support sendUpdates "externalOnly"/);
    refuse(
      { recurrence: ['RRULE:FREQ=WEEKLY'] },
      { sendUpdates: 'none' },
      /does not support patching "recurrence"/,
    );
    expect(JSON.stringify(w.calendar.inspect())).toBe(before);
    expect(w.calendar.notices).toEqual([]);
  });

  test('a failing call does nothing: no change, no email', () => {
    const { w, api, id } = setUp();
    w.calls.failAt(1, 'We are sorry, a server error occurred. Please wait a bit and try again.');
    expect(() =>
      api.patch({ attendees: [{ email: 'c@partner.org' }] }, 'rc@school.example', id, { sendUpdates: 'all' }),
    ).toThrow(/server error/);
    expect(w.calendar.inspect()[0].guests).toEqual(['a@partner.org', 'b@partner.org']);
    expect(w.calendar.invitations).toHaveLength(2);
    expect(w.calendar.notices).toEqual([]);
  });
});

describe('Calendar advanced service: insert and a time range', () => {
  test('insert makes the event in one call and invites its guests only with sendUpdates all', () => {
    const w = createWorkspace({ userEmail: 'rc@school.example', now: () => at('2026-09-01T12:00:00Z') });
    const api = w.services.Calendar.Events;
    const quiet = api.insert(
      body('Quiet', '2026-09-15T20:30:00Z', '2026-09-15T22:00:00Z', ['a@partner.org']),
      'primary',
      { sendUpdates: 'none' },
    );
    const loud = api.insert(
      body('Loud', '2026-09-16T20:30:00Z', '2026-09-16T22:00:00Z', ['B@partner.org']),
      'primary',
      { sendUpdates: 'all' },
    );
    expect(w.calls.byMethod()).toEqual({ 'Calendar.Events.insert': 2 });
    expect(w.calendar.invitations.map((i) => `${i.title} ${i.email}`)).toEqual(['Loud b@partner.org']);
    // What tests read of the calendar counts nothing.
    w.calendar.inspect();
    void w.calendar.notices.length;
    expect(w.calls.total()).toBe(2);
    // The iCalUID is CalendarApp's id.
    const cal = w.services.CalendarApp.getDefaultCalendar();
    expect(
      cal
        .getEventById(quiet.iCalUID ?? '')
        ?.getGuestList()
        .map((g) => g.getEmail()),
    ).toEqual(['a@partner.org']);
    expect(loud.extendedProperties?.private?.tag).toBe('Loud');
  });

  test('insert is refused by the burst limiter with the API’s words, and makes nothing', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    w.calendar.failAfter(1);
    const api = w.services.Calendar.Events;
    api.insert(body('One', '2026-09-15T20:30:00Z', '2026-09-15T22:00:00Z'), 'primary', {
      sendUpdates: 'none',
    });
    expect(() =>
      api.insert(body('Two', '2026-09-16T20:30:00Z', '2026-09-16T22:00:00Z'), 'primary', {
        sendUpdates: 'none',
      }),
    ).toThrow('API call to calendar.events.insert failed with error: Calendar usage limits exceeded.');
    expect(w.calendar.inspect().map((e) => e.title)).toEqual(['One']);
  });

  test('list gives the events of a time range by start, a page at a time', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    const api = w.services.Calendar.Events;
    for (const day of [17, 15, 16, 20])
      api.insert(body(`Day ${day}`, `2026-09-${day}T20:00:00Z`, `2026-09-${day}T21:00:00Z`), 'primary', {
        sendUpdates: 'none',
      });
    const range = { timeMin: '2026-09-15T20:30:00Z', timeMax: '2026-09-18T00:00:00Z', maxResults: 2 };
    const first = api.list('primary', range);
    expect((first.items ?? []).map((e) => e.summary)).toEqual(['Day 15', 'Day 16']);
    const second = api.list('primary', { ...range, pageToken: first.nextPageToken });
    expect((second.items ?? []).map((e) => e.summary)).toEqual(['Day 17']);
    expect(second.nextPageToken).toBeUndefined();
  });
});
