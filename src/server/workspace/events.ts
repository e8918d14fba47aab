// Gatherings on Google Calendar. The event id is kept on the row, so saving again updates the same
// event (time, place, guests added or removed) instead of making a second one.
//
// Who is emailed: CalendarApp emails guests only when createEvent is asked to; adding a guest to an
// event, or changing it, emails nobody. So every change to an existing event goes through the Calendar
// advanced service, in one patch whose sendUpdates says who hears of it: 'all' has Calendar invite the
// guests new to the event, send the others the changes and tell those taken off; 'none' emails nobody.
// Calendar invites only a guest new to the event, so a guest put on it earlier without an invitation
// leaves it quietly first and comes back in the inviting patch. Which guests know of the event is kept
// on the event (a private property per guest), so pressing again after a failure neither invites anyone
// twice nor forgets whom it invited.
import type { EventResult } from '../../shared/contract';
import type { Contact, Gathering } from '../../shared/records';
import { isIsoDate } from '../../shared/fields';
import { gatheringGuests } from '../domain/guests';
import { zonedInstant } from '../domain/zones';
import { UserError } from '../domain/errors';
import { oneLine } from '../domain/text';
import type { Database } from './database';
import { findRow, updateRow } from './records';
import { readSettings } from './settings';

type AppCalendar = GoogleAppsScript.Calendar.Calendar;
type AppEvent = GoogleAppsScript.Calendar.CalendarEvent;
type ApiEvent = GoogleAppsScript.Calendar.Schema.Event;
type Attendee = GoogleAppsScript.Calendar.Schema.EventAttendee;

interface Details {
  readonly summary: string;
  readonly description: string;
  readonly location: string;
  readonly start: Date;
  readonly end: Date;
}

/** What this call had Google Calendar do and email. */
interface Sent {
  readonly changed: boolean;
  readonly invited: string[];
  readonly updated: string[];
  readonly cancelled: string[];
}

const KNOWS = 'partnerHubKnows.';

/**
 * The private event property that is '1' once a guest knows of the event: invited, sent the changes, or
 * answered.
 */
function knowsKey(email: string): string {
  // FNV-1a: a short key of the same length whatever the address.
  let h = 0x811c9dc5;
  for (let i = 0; i < email.length; i += 1) h = Math.imul(h ^ email.charCodeAt(i), 0x01000193);
  return `${KNOWS}${(h >>> 0).toString(16).padStart(8, '0')}`;
}

function advancedCalendar(): GoogleAppsScript.Calendar {
  // There only when appsscript.json enables the advanced service.
  if (typeof Calendar === 'undefined' || !Calendar)
    throw new Error('The Calendar advanced service is not enabled in appsscript.json.');
  return Calendar;
}

function calendarFor(id: string | undefined): AppCalendar {
  const calendar = id ? CalendarApp.getCalendarById(id) : CalendarApp.getDefaultCalendar();
  if (!calendar)
    throw new UserError('Partner Hub cannot find that calendar. Choose another one in Settings.');
  return calendar;
}

function findEvent(calendar: AppCalendar, eventId: string): AppEvent | null {
  if (!eventId) return null;
  try {
    return calendar.getEventById(eventId);
  } catch {
    return null;
  }
}

function readGathering(db: Database, id: string): Gathering {
  const row = findRow(db.read('gatherings'), id);
  if (!row) throw new UserError(`No gathering with id ${id}; it may have been deleted.`);
  const g = row.record as Gathering;
  if (!isIsoDate(g.date) || !g.start || !g.end)
    throw new UserError(`"${g.title}" needs a date, a start and an end before it goes on the calendar.`);
  return g;
}

function differs(event: ApiEvent, d: Details): boolean {
  return (
    (event.summary ?? '') !== d.summary ||
    (event.description ?? '') !== d.description ||
    (event.location ?? '') !== d.location ||
    Date.parse(event.start?.dateTime ?? '') !== d.start.getTime() ||
    Date.parse(event.end?.dateTime ?? '') !== d.end.getTime()
  );
}

/**
 * Brings the event (found by its iCalUID, CalendarApp's id) to the gathering's details and guests: one
 * patch, two when guests put on without an invitation must leave before they can be invited.
 * `invitedBefore`: the row says its guests were invited before Partner Hub kept who knows on the event.
 */
function reconcile(
  calendarId: string,
  iCalUID: string,
  d: Details,
  wanted: readonly string[],
  invite: boolean,
  invitedBefore: boolean,
): Sent {
  const events = advancedCalendar().Events;
  const [event] = events.list(calendarId, { iCalUID }).items ?? [];
  const eventId = event?.id;
  if (!event || !eventId)
    throw new UserError(
      'Google Calendar did not find this gathering’s event just now. Try again in a minute.',
    );
  const marks = event.extendedProperties?.private ?? {};
  const legacy = invitedBefore && !Object.keys(marks).some((k) => k.startsWith(KNOWS));
  const emailOf = (a: Attendee) => (a.email ?? '').toLowerCase();
  const isGuest = (a: Attendee) => a.organizer !== true && a.resource !== true && emailOf(a) !== '';
  const knows = (a: Attendee) =>
    legacy ||
    marks[knowsKey(emailOf(a))] === '1' ||
    (a.responseStatus !== undefined && a.responseStatus !== 'needsAction');
  const patch = (body: ApiEvent, sendUpdates: 'all' | 'none') =>
    events.patch(body, calendarId, eventId, { sendUpdates });

  let attendees = event.attendees ?? [];
  let changed = false;
  if (invite) {
    const unaware = attendees.filter((a) => isGuest(a) && !knows(a));
    if (unaware.length) {
      attendees = attendees.filter((a) => !unaware.includes(a));
      patch({ attendees }, 'none');
      changed = true;
    }
  }
  const want = new Set(wanted);
  // The organizer's own entry counts as present: listing the organizer as a guest changes nothing.
  const present = new Set(attendees.map(emailOf));
  const kept = attendees.filter((a) => !isGuest(a) || want.has(emailOf(a)));
  const added = wanted.filter((email) => !present.has(email));
  const removed = attendees.filter((a) => isGuest(a) && !want.has(emailOf(a))).map(emailOf);
  const guestsChanged = added.length > 0 || removed.length > 0;
  if (!guestsChanged && !differs(event, d)) return { changed, invited: [], updated: [], cancelled: [] };

  const known: Record<string, string> = {};
  for (const a of kept) if (isGuest(a)) known[knowsKey(emailOf(a))] = invite || knows(a) ? '1' : '0';
  for (const email of added) known[knowsKey(email)] = invite ? '1' : '0';
  for (const email of removed) known[knowsKey(email)] = '0';
  const body: ApiEvent = {
    summary: d.summary,
    description: d.description,
    location: d.location,
    start: { dateTime: d.start.toISOString() },
    end: { dateTime: d.end.toISOString() },
    extendedProperties: { private: known },
  };
  if (guestsChanged) body.attendees = [...kept, ...added.map((email) => ({ email }))];
  patch(body, invite ? 'all' : 'none');
  if (!invite) return { changed: true, invited: [], updated: [], cancelled: [] };
  return {
    changed: true,
    invited: added,
    updated: kept.filter(isGuest).map(emailOf),
    cancelled: removed,
  };
}

export function putOnCalendar(db: Database, gatheringId: string, sendInvites: boolean): EventResult {
  const g = readGathering(db, gatheringId);
  if (g.status === 'cancelled')
    throw new UserError(`"${g.title}" is cancelled; set its status back to planned first.`);
  const zone = db.spreadsheet.getSpreadsheetTimeZone();
  const start = zonedInstant(g.date, g.start, zone);
  const end = zonedInstant(g.date, g.end, zone);
  if (end.getTime() <= start.getTime()) throw new UserError(`"${g.title}" ends before it starts.`);
  if (sendInvites && end.getTime() <= Date.now())
    throw new UserError(
      `"${g.title}" is over; Partner Hub sends no invitations for past gatherings. Uncheck “Send invitations” to update its event.`,
    );
  const guests = gatheringGuests(
    g,
    db.read('contacts').rows.map((r) => r.record as Contact),
  ).map((x) => x.email);
  // The last line marks the event as this gathering's from the moment it is made.
  const marker = `Partner Hub gathering ${g.id}`;
  const description = [g.objectives, g.topic, g.agendaUrl ? `Agenda: ${g.agendaUrl}` : '', marker]
    .filter(Boolean)
    .join('\n\n');
  const details: Details = { summary: oneLine(g.title), description, location: g.location, start, end };
  const wanted = readSettings(PropertiesService.getDocumentProperties()).calendarId;
  const calendarId = g.calendarId || wanted || '';
  const calendar = calendarFor(calendarId || undefined);
  // An event an earlier attempt made but did not record on the row is found by its marker, not made twice.
  let event =
    findEvent(calendar, g.eventId) ??
    calendar.getEvents(start, end).find((e) => e.getDescription().includes(marker)) ??
    null;
  const created = !event;
  const inviting = sendInvites && guests.length > 0;
  if (!event) {
    // Guests to invite join in the patch below: Calendar invites guests new to an existing event.
    event = calendar.createEvent(details.summary, start, end, {
      description,
      location: g.location,
      ...(inviting ? {} : { guests: guests.join(',') }),
    });
  }
  const eventId = event.getId();
  const onCalendar = calendar.getId();
  const sent: Sent =
    created && !inviting
      ? { changed: true, invited: [], updated: [], cancelled: [] }
      : reconcile(onCalendar, eventId, details, guests, sendInvites, g.status === 'invited');
  // Every guest now knows of it: invited by this call or before (then sent the changes, if any).
  const status = inviting && g.status === 'planned' ? 'invited' : g.status;
  updateRow(db, 'gatherings', g.id, { eventId, calendarId: onCalendar, status });
  return {
    eventId,
    created,
    changed: created || sent.changed,
    guests,
    invited: sent.invited,
    updated: sent.updated,
    cancelled: sent.cancelled,
    invitationsSent: sent.invited.length > 0,
  };
}

/** Cancelling deletes the event (guests are told by Calendar) and marks the row; the row itself stays. */
export function cancelGathering(db: Database, gatheringId: string) {
  const row = findRow(db.read('gatherings'), gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const g = row.record as Gathering;
  if (g.eventId) {
    const event = findEvent(calendarFor(g.calendarId || undefined), g.eventId);
    event?.deleteEvent();
  }
  return updateRow(db, 'gatherings', g.id, { status: 'cancelled', eventId: '' });
}
