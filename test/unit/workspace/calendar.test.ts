import { createWorkspace } from '../../../dev/workspace';

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

  test('guests are added and removed; invitations go out only when asked', () => {
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
    loud.addGuest('d@partner.org');
    loud.addGuest('d@partner.org'); // already a guest: no second invitation
    loud.removeGuest('a@partner.org');
    expect(loud.getGuestList().map((g) => g.getEmail())).toEqual(['b@partner.org', 'd@partner.org']);
    expect(w.calendar.invitations.map((i) => [i.eventId, i.email])).toEqual([
      [loud.getId(), 'a@partner.org'],
      [loud.getId(), 'b@partner.org'],
      [loud.getId(), 'd@partner.org'],
    ]);
    expect(w.calendar.inspect().find((e) => e.id === loud.getId())?.guests).toEqual([
      'b@partner.org',
      'd@partner.org',
    ]);
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
    // Restored invitations-sent flag: a new guest is invited.
    back?.addGuest('b@partner.org');
    expect(r.calendar.invitations.map((i) => i.email)).toEqual(['a@partner.org', 'b@partner.org']);
    // New ids do not collide with restored ones.
    const next = r.services.CalendarApp.getDefaultCalendar().createEvent(
      'n',
      at('2026-11-11T00:00:00Z'),
      at('2026-11-11T01:00:00Z'),
    );
    expect(next.getId()).not.toBe(e.getId());
  });
});
