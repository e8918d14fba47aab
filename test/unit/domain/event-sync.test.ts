import {
  backoffMs,
  eventFingerprint,
  isCalendarBurst,
  upToDate,
  type EventDetails,
} from '../../../src/server/domain/event-sync';

const EVENT: EventDetails = {
  summary: 'Fall partner gathering',
  description: 'Objectives\n\nPartner Hub gathering G-0000000001',
  location: 'Library',
  start: Date.UTC(2026, 8, 8, 20, 30),
  end: Date.UTC(2026, 8, 8, 22),
  guests: ['b@example.org', 'a@example.org'],
};

describe('event fingerprint', () => {
  it('is the same for the same event, whatever the order of its guests', () => {
    expect(eventFingerprint(EVENT, false)).toBe(
      eventFingerprint({ ...EVENT, guests: ['a@example.org', 'B@example.org'] }, false),
    );
    expect(eventFingerprint(EVENT, false)).toMatch(/^v1:[0-9a-f]{16}:n$/);
  });

  it.each([
    ['title', { summary: 'Winter gathering' }],
    ['start', { start: EVENT.start + 30 * 60_000 }],
    ['end', { end: EVENT.end + 60_000 }],
    ['location', { location: 'Gym' }],
    ['description', { description: `${EVENT.description} ` }],
    ['guests', { guests: ['a@example.org'] }],
  ])('changes when the %s changes', (_what, change) => {
    const stored = eventFingerprint(EVENT, true);
    expect(upToDate(stored, EVENT, false)).toBe(true);
    expect(upToDate(stored, { ...EVENT, ...change }, false)).toBe(false);
  });

  it('is not up to date for invitations until the guests were invited, unless there are none', () => {
    const quiet = eventFingerprint(EVENT, false);
    expect(upToDate(quiet, EVENT, false)).toBe(true);
    expect(upToDate(quiet, EVENT, true)).toBe(false);
    expect(upToDate(eventFingerprint(EVENT, true), EVENT, true)).toBe(true);
    const alone = { ...EVENT, guests: [] };
    expect(upToDate(eventFingerprint(alone, false), alone, true)).toBe(true);
  });

  it('treats a blank or hand-edited cell as not up to date', () => {
    expect(upToDate('', EVENT, false)).toBe(false);
    expect(upToDate('v1:zz:i', EVENT, false)).toBe(false);
    expect(upToDate(eventFingerprint(EVENT, true).replace('v1', 'v0'), EVENT, false)).toBe(false);
  });
});

describe('Calendar burst limit', () => {
  it('knows CalendarApp’s and the Calendar API’s words for it, and nothing else', () => {
    expect(
      isCalendarBurst(
        'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.',
      ),
    ).toBe(true);
    expect(
      isCalendarBurst(
        'API call to calendar.events.insert failed with error: Calendar usage limits exceeded.',
      ),
    ).toBe(true);
    expect(isCalendarBurst('API call to calendar.events.list failed with error: Rate Limit Exceeded')).toBe(
      true,
    );
    expect(isCalendarBurst('We are sorry, a server error occurred. Please wait a bit and try again.')).toBe(
      false,
    );
  });

  it('backs off 2, 4, 8 seconds', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 4000, 8000, 8000]);
  });
});
