// Gatherings on Google Calendar. The event id is kept on the row, so saving again updates the same
// event (time, place, guests added or removed) instead of making a second one.
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

type Calendar = GoogleAppsScript.Calendar.Calendar;
type CalendarEvent = GoogleAppsScript.Calendar.CalendarEvent;

function calendarFor(id: string | undefined): Calendar {
  const calendar = id ? CalendarApp.getCalendarById(id) : CalendarApp.getDefaultCalendar();
  if (!calendar)
    throw new UserError('Partner Hub cannot find that calendar. Choose another one in Settings.');
  return calendar;
}

function findEvent(calendar: Calendar, eventId: string): CalendarEvent | null {
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

export function putOnCalendar(db: Database, gatheringId: string, sendInvites: boolean): EventResult {
  const g = readGathering(db, gatheringId);
  if (g.status === 'cancelled')
    throw new UserError(`"${g.title}" is cancelled; set its status back to planned first.`);
  const zone = db.spreadsheet.getSpreadsheetTimeZone();
  const start = zonedInstant(g.date, g.start, zone);
  const end = zonedInstant(g.date, g.end, zone);
  if (end.getTime() <= start.getTime()) throw new UserError(`"${g.title}" ends before it starts.`);
  const guests = gatheringGuests(
    g,
    db.read('contacts').rows.map((r) => r.record as Contact),
  ).map((x) => x.email);
  // The last line marks the event as this gathering's from the moment it is made.
  const marker = `Partner Hub gathering ${g.id}`;
  const description = [g.objectives, g.topic, g.agendaUrl ? `Agenda: ${g.agendaUrl}` : '', marker]
    .filter(Boolean)
    .join('\n\n');
  const wanted = readSettings(PropertiesService.getDocumentProperties()).calendarId;
  const calendarId = g.calendarId || wanted || '';
  const calendar = calendarFor(calendarId || undefined);
  // An event an earlier attempt made but did not record on the row is found by its marker, not made twice.
  let event =
    findEvent(calendar, g.eventId) ??
    calendar.getEvents(start, end).find((e) => e.getDescription().includes(marker)) ??
    null;
  const created = !event;
  if (event) {
    event.setTitle(oneLine(g.title));
    event.setTime(start, end);
    event.setLocation(g.location);
    event.setDescription(description);
    const current = new Set(event.getGuestList().map((guest) => guest.getEmail().toLowerCase()));
    for (const email of guests) if (!current.has(email)) event.addGuest(email);
    for (const email of current) if (!guests.includes(email)) event.removeGuest(email);
  } else {
    event = calendar.createEvent(oneLine(g.title), start, end, {
      description,
      location: g.location,
      guests: guests.join(','),
      sendInvites,
    });
  }
  const status = sendInvites && g.status === 'planned' ? 'invited' : g.status;
  updateRow(db, 'gatherings', g.id, { eventId: event.getId(), calendarId: calendar.getId(), status });
  return { eventId: event.getId(), created, guests, invitationsSent: sendInvites };
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
