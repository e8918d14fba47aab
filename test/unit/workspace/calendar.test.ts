import { createWorkspace } from '../../../dev/workspace';
import { FakeCalendarAdvanced } from '../../../dev/workspace/calendar-api';

const BURST =
  'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.';
const at = (iso: string) => new Date(iso);

function wallTime(d: { getTime(): number }, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(d.getTime()));
}

describe('CalendarApp', () => {
  test('the default calendar is the user’s own; unknown ids give null', () => {
    const w = createWorkspace({ userEmail: 'rc@school.example', timeZone: 'America/Chicago' });
    const app = w.services.CalendarApp;
    const cal = app.getDefaultCalendar();
    expect(cal.getId()).toBe('rc@school.example');
    expect(cal.getTimeZone()).toBe('America/Chicago');
    expect(app.getTimeZone()).toBe('America/Chicago');
    expect(cal.isOwnedByMe()).toBe(true);
    expect(app.getCalendarById('nobody@example.org')).toBeNull();
    expect(app.getCalendarById('rc@school.example')?.getName()).toBe('rc@school.example');
    expect(app.getAllOwnedCalendars().map((c) => c.getId())).toEqual(['rc@school.example']);
    expect(app.getEventById('missing@google.com')).toBeNull();
  });

  test('create, update and delete keep exactly one event', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    const cal = w.services.CalendarApp.getDefaultCalendar();
    const event = cal.createEvent(
      'September gathering',
      at('2026-09-15T20:30:00Z'),
      at('2026-09-15T22:00:00Z'),
      {
        description: 'Principal’s vision',
        location: 'Library',
      },
    );
    const id = event.getId();
    expect(id).toMatch(/^[0-9a-v]{26}@google\.com$/);
    event.setTag('gatheringId', 'g-1');

    const found = cal.getEventById(id);
    if (!found) throw new Error('event lost');
    found.setTitle('September partner gathering');
    found.setDescription('Agenda attached');
    found.setLocation('Room 12');
    found.setTime(at('2026-09-16T20:30:00Z'), at('2026-09-16T22:00:00Z'));

    const all = cal.getEvents(at('2026-09-01T00:00:00Z'), at('2026-10-01T00:00:00Z'));
    expect(all).toHaveLength(1);
    expect(all[0].getTitle()).toBe('September partner gathering');
    expect(all[0].getTag('gatheringId')).toBe('g-1');
    expect(all[0].getStartTime().toISOString()).toBe('2026-09-16T20:30:00.000Z');
    expect(all[0].getEndTime().getTime() - all[0].getStartTime().getTime()).toBe(90 * 60_000);
    expect(all[0].isAllDayEvent()).toBe(false);
    expect(all[0].getOriginalCalendarId()).toBe(cal.getId());
    // Fresh Dates: changing one does not move the event.
    all[0].getStartTime().setFullYear(2000);
    expect(all[0].getStartTime().toISOString()).toBe('2026-09-16T20:30:00.000Z');
    expect(w.services.CalendarApp.getEventById(id)?.getLocation()).toBe('Room 12');
    expect(w.calendar.inspect()).toEqual([
      expect.objectContaining({
        id,
        title: 'September partner gathering',
        start: '2026-09-16T20:30:00.000Z',
        end: '2026-09-16T22:00:00.000Z',
        location: 'Room 12',
        description: 'Agenda attached',
        guests: [],
      }),
    ]);
    expect(() => found.setTime(at('2026-09-16T22:00:00Z'), at('2026-09-16T20:00:00Z'))).toThrow(
      'Event start date must be before event end date.',
    );

    found.deleteEvent();
    expect(cal.getEventById(id)).toBeNull();
    expect(cal.getEvents(at('2026-09-01T00:00:00Z'), at('2026-10-01T00:00:00Z'))).toHaveLength(0);
    expect(() => found.getTitle()).toThrow(/deleted/);
    expect(() => event.setTitle('again')).toThrow(/deleted/);
    expect(w.calendar.inspect()).toEqual([]);
  });

  test('getEvents returns overlapping events, by start', () => {
    const cal = createWorkspace().services.CalendarApp.getDefaultCalendar();
    cal.createEvent('late', at('2026-09-15T18:00:00Z'), at('2026-09-15T19:00:00Z'));
    cal.createEvent('early', at('2026-09-15T09:00:00Z'), at('2026-09-15T11:00:00Z'));
    cal.createEvent('other day', at('2026-09-17T09:00:00Z'), at('2026-09-17T10:00:00Z'));
    const titles = cal
      .getEvents(at('2026-09-15T10:00:00Z'), at('2026-09-16T00:00:00Z'))
      .map((e) => e.getTitle());
    expect(titles).toEqual(['early', 'late']);
  });

  test('guests are added and removed; createEvent invites only when asked, addGuest never', () => {
    const w = createWorkspace();
    const cal = w.services.CalendarApp.getDefaultCalendar();
    const quiet = cal.createEvent('Planning', at('2026-09-15T20:00:00Z'), at('2026-09-15T21:00:00Z'), {
      guests: 'a@partner.org, b@partner.org',
    });
    quiet.addGuest('c@partner.org');
    expect(quiet.getGuestList().map((g) => g.getEmail())).toEqual([
      'a@partner.org',
      'b@partner.org',
      'c@partner.org',
    ]);
    expect(quiet.getGuestList()[0].getGuestStatus()).toBe(w.services.CalendarApp.GuestStatus.INVITED);
    expect(w.calendar.invitations).toEqual([]);

    const loud = cal.createEvent('Gathering', at('2026-09-16T20:00:00Z'), at('2026-09-16T21:30:00Z'), {
      guests: 'a@partner.org,b@partner.org',
      sendInvites: true,
    });
    // CalendarApp cannot invite a guest added later, even to an event created with sendInvites.
    loud.addGuest('d@partner.org');
    loud.addGuest('d@partner.org');
    loud.removeGuest('a@partner.org');
    loud.setTitle('Gathering, moved');
    loud.setTime(at('2026-09-17T20:00:00Z'), at('2026-09-17T21:30:00Z'));
    loud.setLocation('Gym');
    loud.setDescription('New room');
    expect(loud.getGuestList().map((g) => g.getEmail())).toEqual(['b@partner.org', 'd@partner.org']);
    expect(w.calendar.invitations.map((i) => [i.eventId, i.email])).toEqual([
      [loud.getId(), 'a@partner.org'],
      [loud.getId(), 'b@partner.org'],
    ]);
    expect(w.calendar.notices).toEqual([]);
    expect(w.calendar.inspect().find((e) => e.id === loud.getId())).toMatchObject({
      guests: ['b@partner.org', 'd@partner.org'],
      invitesSent: false,
    });
    expect(() => loud.addGuest('not an email')).toThrow(/Invalid argument/);
  });

  test('15:30 in Chicago stays 15:30 across the March daylight-saving change', () => {
    const w = createWorkspace({ timeZone: 'America/Chicago' });
    const cal = w.services.CalendarApp.getDefaultCalendar();
    const zone = cal.getTimeZone();
    // 15:30 CST (UTC-6) on Friday 6 March, 15:30 CDT (UTC-5) on Monday 9 March 2026.
    const before = cal.createEvent(
      'Check-in',
      at('2026-03-06T15:30:00-06:00'),
      at('2026-03-06T16:00:00-06:00'),
    );
    const after = cal.createEvent(
      'Check-in',
      at('2026-03-09T15:30:00-05:00'),
      at('2026-03-09T16:00:00-05:00'),
    );
    expect(wallTime(before.getStartTime(), zone)).toBe('15:30');
    expect(wallTime(after.getStartTime(), zone)).toBe('15:30');
    expect(after.getStartTime().getTime() - before.getStartTime().getTime()).toBe((3 * 24 - 1) * 3_600_000);
    // Moving the first to the 9th at the same local time is a different offset again.
    before.setTime(at('2026-03-09T15:30:00-05:00'), at('2026-03-09T16:00:00-05:00'));
    expect(wallTime(before.getStartTime(), zone)).toBe('15:30');
    expect(before.getStartTime().toISOString()).toBe('2026-03-09T20:30:00.000Z');
  });

  test('failAfter(n): n creations succeed, then one is refused like a burst', () => {
    const w = createWorkspace();
    const cal = w.services.CalendarApp.getDefaultCalendar();
    w.calendar.failAfter(2);
    const make = (i: number) =>
      cal.createEvent(`e${i}`, at(`2026-09-${10 + i}T20:00:00Z`), at(`2026-09-${10 + i}T21:00:00Z`));
    make(1);
    make(2);
    expect(() => make(3)).toThrow(BURST);
    expect(w.calendar.inspect()).toHaveLength(2);
    make(4); // the limiter fired once and is off again
    expect(w.calendar.inspect()).toHaveLength(3);
  });

  test('a rate limit refuses creations beyond max per window of the workspace clock', () => {
    const w = createWorkspace({ now: () => at('2026-09-01T12:00:00Z') });
    const cal = w.services.CalendarApp.getDefaultCalendar();
    w.calendar.setRateLimit(2, 60_000);
    const make = () => cal.createEvent('x', at('2026-09-15T20:00:00Z'), at('2026-09-15T21:00:00Z'));
    make();
    make();
    expect(() => make()).toThrow(BURST);
    w.clock.advance(61_000);
    make();
    w.calendar.setRateLimit(null);
    make();
    make();
    expect(w.calendar.inspect()).toHaveLength(5);
  });

  test('one createEvent is one counted call; inspect does not count', () => {
    const w = createWorkspace();
    const cal = w.services.CalendarApp.getDefaultCalendar();
    w.calls.reset();
    cal.createEvent('x', at('2026-09-15T20:00:00Z'), at('2026-09-15T21:00:00Z'), {
      guests: 'a@b.org',
      sendInvites: true,
    });
    expect(w.calls.byMethod()).toEqual({ 'CalendarApp.Calendar.createEvent': 1 });
    w.services.CalendarApp.createEvent('y', at('2026-09-15T20:00:00Z'), at('2026-09-15T21:00:00Z'));
    expect(w.calls.count('CalendarApp.createEvent')).toBe(1);
    expect(w.calls.total('CalendarApp')).toBe(2);
    w.calendar.inspect();
    void w.calendar.invitations.length;
    expect(w.calls.total()).toBe(2);
  });

  test('state round trip keeps calendars, events, tags, guests and invitations', () => {
    const w = createWorkspace();
    const app = w.services.CalendarApp;
    const e = app
      .getDefaultCalendar()
      .createEvent('Gathering', at('2026-11-10T21:30:00Z'), at('2026-11-10T23:00:00Z'), {
        guests: 'a@partner.org',
        sendInvites: true,
      });
    e.setTag('gatheringId', 'g-7');
    const extra = app.createCalendar('Partner events');
    const json = JSON.parse(JSON.stringify(w.toJSON()));
    const r = createWorkspace({ state: json });
    const back = r.services.CalendarApp.getEventById(e.getId());
    expect(back?.getTitle()).toBe('Gathering');
    expect(back?.getTag('gatheringId')).toBe('g-7');
    expect(back?.getStartTime().toISOString()).toBe('2026-11-10T21:30:00.000Z');
    expect(back?.getGuestList().map((g) => g.getEmail())).toEqual(['a@partner.org']);
    expect(r.calendar.invitations).toHaveLength(1);
    expect(r.services.CalendarApp.getCalendarById(extra.getId())?.getName()).toBe('Partner events');
    expect(r.calendar.inspect()[0].invitesSent).toBe(true);
    back?.addGuest('b@partner.org');
    expect(r.calendar.invitations.map((i) => i.email)).toEqual(['a@partner.org']);
    // New ids do not collide with restored ones.
    const next = r.services.CalendarApp.getDefaultCalendar().createEvent(
      'n',
      at('2026-11-11T00:00:00Z'),
      at('2026-11-11T01:00:00Z'),
    );
    expect(next.getId()).not.toBe(e.getId());
  });
});

describe('Calendar advanced service (Events)', () => {
  function setUp() {
    const w = createWorkspace({ userEmail: 'rc@school.example', now: () => at('2026-09-01T12:00:00Z') });
    const event = w.services.CalendarApp.getDefaultCalendar().createEvent(
      'Gathering',
      at('2026-09-15T20:30:00Z'),
      at('2026-09-15T22:00:00Z'),
      { guests: 'a@partner.org,b@partner.org', sendInvites: true },
    );
    const api = w.services.Calendar.Events;
    const [item] = api.list('rc@school.example', { iCalUID: event.getId() }).items ?? [];
    if (!item?.id) throw new Error('event not listed');
    return { w, event, api, id: item.id, item };
  }

  test('finds CalendarApp’s event by iCalUID; its API id is another id; calls count under Calendar', () => {
    const { w, event, api, id, item } = setUp();
    expect(item.iCalUID).toBe(event.getId());
    expect(`${id}@google.com`).toBe(event.getId());
    expect(item.start?.dateTime).toBe('2026-09-15T15:30:00-05:00');
    expect(item.attendees?.map((a) => [a.email, a.organizer === true, a.responseStatus])).toEqual([
      ['rc@school.example', true, 'accepted'],
      ['a@partner.org', false, 'needsAction'],
      ['b@partner.org', false, 'needsAction'],
    ]);
    expect(api.list('primary', { iCalUID: event.getId() }).items?.map((e) => e.id)).toEqual([id]);
    expect(api.list('rc@school.example', { iCalUID: 'other@google.com' }).items).toEqual([]);
    // The iCalUID is not the API's event id.
    expect(() =>
      api.patch({ summary: 'x' }, 'rc@school.example', event.getId(), { sendUpdates: 'none' }),
    ).toThrow('API call to calendar.events.patch failed with error: Not Found');
    expect(() => api.list('nobody@example.org', { iCalUID: event.getId() })).toThrow(
      'API call to calendar.events.list failed with error: Not Found',
    );
    const iCalUID = event.getId();
    w.calls.reset();
    api.list('primary', { iCalUID });
    api.patch({ location: 'Gym' }, 'primary', id, { sendUpdates: 'none' });
    expect(w.calls.byService()).toEqual({ Calendar: 2 });
    expect(w.calls.byMethod()).toEqual({ 'Calendar.Events.list': 1, 'Calendar.Events.patch': 1 });
  });

  test("sendUpdates 'all': new guests invited, removed ones told, the others sent the update", () => {
    const { w, event, api, id, item } = setUp();
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
    const seen = w.services.CalendarApp.getEventById(event.getId());
    expect(seen?.getStartTime().toISOString()).toBe('2026-09-16T20:30:00.000Z');
    expect(seen?.getGuestList().map((g) => g.getEmail())).toEqual(['b@partner.org', 'c@partner.org']);
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

  test('private properties merge key by key, null deletes one; they are not CalendarApp tags', () => {
    const { w, event, api, id } = setUp();
    event.setTag('gatheringId', 'g-1');
    api.patch({ extendedProperties: { private: { one: '1', two: '2' } } }, 'primary', id, {
      sendUpdates: 'none',
    });
    // The typings have no null here; the API deletes a key set to null (guides/extended-properties).
    const fake = w.globals.Calendar;
    if (!(fake instanceof FakeCalendarAdvanced)) throw new Error('no Calendar global');
    fake.Events.patch({ extendedProperties: { private: { one: null, three: '3' } } }, 'primary', id, {
      sendUpdates: 'none',
    });
    const [after] = api.list('primary', { iCalUID: event.getId() }).items ?? [];
    expect(after?.extendedProperties?.private).toEqual({ two: '2', three: '3' });
    expect(event.getAllTagKeys()).toEqual(['gatheringId']);
    expect(w.calendar.notices).toEqual([]);
    // Saved and restored with the rest of the workspace, as are the emails sent.
    api.patch({ attendees: [{ email: 'b@partner.org' }] }, 'primary', id, { sendUpdates: 'all' });
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    const [back] = r.services.Calendar.Events.list('primary', { iCalUID: event.getId() }).items ?? [];
    expect(back?.extendedProperties?.private).toEqual({ two: '2', three: '3' });
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
  const body = (summary: string, start: string, end: string, attendees: string[] = []) => ({
    summary,
    start: { dateTime: start },
    end: { dateTime: end },
    attendees: attendees.map((email) => ({ email })),
    extendedProperties: { private: { tag: summary } },
  });

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
    // The iCalUID is CalendarApp's id.
    const cal = w.services.CalendarApp.getDefaultCalendar();
    expect(cal.getEventById(quiet.iCalUID ?? '')?.getTitle()).toBe('Quiet');
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
