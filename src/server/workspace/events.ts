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
//
// Many gatherings go on the calendar in one execution (syncGatherings): the tabs are read once, each
// row's fingerprint of what was last written to its event (eventSync) says which events need a write at
// all, events are made with Calendar.Events.insert (one call, its guests invited in the same call when
// asked) and the rows' event ids, fingerprints and statuses are written back together at the end. An
// event made but not yet recorded on its row (the execution stopped before the write) is found again by
// the marker in its description, in one Events.list over the dates of the rows that have no event yet.
// Calendar's burst limit is met with back-off, then a stop that the next call resumes.
import type {
  CalendarSyncItem,
  CalendarSyncRequest,
  CalendarSyncResult,
  EventResult,
} from '../../shared/contract';
import type { Contact, Gathering, Stored } from '../../shared/records';
import { isIsoDate } from '../../shared/fields';
import {
  backoffMs,
  eventFingerprint,
  isCalendarBurst,
  upToDate,
  type EventDetails,
} from '../domain/event-sync';
import { gatheringGuests } from '../domain/guests';
import type { Block, RowChange } from '../domain/table';
import type { FieldValue } from '../../shared/records';
import { zonedInstant } from '../domain/zones';
import { UserError } from '../domain/errors';
import { oneLine } from '../domain/text';
import { withSheetLock, type Database, type TableData } from './database';
import { DocumentPlace, makeAgenda, readAgendaTables, type AgendaBatch } from './agenda-docs';
import { findRow, listed, updateRow } from './records';

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

function differs(event: ApiEvent, d: Details): boolean {
  return (
    (event.summary ?? '') !== d.summary ||
    (event.description ?? '') !== d.description ||
    (event.location ?? '') !== d.location ||
    Date.parse(event.start?.dateTime ?? '') !== d.start.getTime() ||
    Date.parse(event.end?.dateTime ?? '') !== d.end.getTime()
  );
}

const NOTHING: Sent = { changed: false, invited: [], updated: [], cancelled: [] };

/**
 * Brings the event (as Events.list gave it) to the gathering's details and guests: one patch, two when
 * guests put on without an invitation must leave before they can be invited. `invitedBefore`: the row
 * says its guests were invited before Partner Hub kept who knows on the event.
 */
function reconcile(
  calendarId: string,
  event: ApiEvent,
  d: Details,
  wanted: readonly string[],
  invite: boolean,
  invitedBefore: boolean,
): Sent {
  const events = advancedCalendar().Events;
  const eventId = event.id;
  if (!eventId)
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
  if (!guestsChanged && !differs(event, d)) return { ...NOTHING, changed };

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
  if (!invite) return { ...NOTHING, changed: true };
  return {
    changed: true,
    invited: added,
    updated: kept.filter(isGuest).map(emailOf),
    cancelled: removed,
  };
}

/** A new event with its guests in one call; invited in the same call when asked. */
function insertEvent(
  calendarId: string,
  gatheringId: string,
  d: Details,
  guests: readonly string[],
  invite: boolean,
) {
  const known: Record<string, string> = { [GATHERING]: gatheringId };
  for (const email of guests) known[knowsKey(email)] = invite ? '1' : '0';
  const made = advancedCalendar().Events.insert(
    {
      summary: d.summary,
      description: d.description,
      location: d.location,
      start: { dateTime: d.start.toISOString() },
      end: { dateTime: d.end.toISOString() },
      attendees: guests.map((email) => ({ email })),
      extendedProperties: { private: known },
    },
    calendarId,
    { sendUpdates: invite ? 'all' : 'none' },
  );
  const uid = made.iCalUID;
  if (!uid) throw new Error('Google Calendar made the event but gave no id for it.');
  return uid;
}

// ---- Many gatherings per execution ---------------------------------------------------------------------

/** The private event property naming the gathering an event was made for. */
const GATHERING = 'partnerHubGathering';
/** Stop starting new work after this long: well inside Apps Script's 6 minutes, with the write to come. */
const TIME_BUDGET_MS = 4 * 60 * 1000;
/** Calendar writes per execution: keeps an execution short and Calendar's burst limit at a distance. */
const WRITES_PER_EXECUTION = 100;
/** Retries of one refused write within an execution before stopping for the next call to resume. */
const BURST_RETRIES = 3;

const markerOf = (id: string) => `Partner Hub gathering ${id}`;

/** A gathering as it should be on the calendar. */
interface Planned {
  readonly g: Gathering;
  readonly row: number;
  readonly details: Details;
  readonly guests: readonly string[];
  readonly calendarId: string;
}

type Prepared =
  { readonly ok: true; readonly plan: Planned } | { readonly ok: false; readonly error: string };

function prepare(
  g: Gathering,
  row: number,
  contactsOf: (partnerId: string) => readonly Contact[],
  zone: string,
  sendInvites: boolean,
  calendarId: string,
): Prepared {
  if (!isIsoDate(g.date) || !g.start || !g.end)
    return {
      ok: false,
      error: `"${g.title}" needs a date, a start and an end before it goes on the calendar.`,
    };
  const start = zonedInstant(g.date, g.start, zone);
  const end = zonedInstant(g.date, g.end, zone);
  if (end.getTime() <= start.getTime()) return { ok: false, error: `"${g.title}" ends before it starts.` };
  if (sendInvites && end.getTime() <= Date.now())
    return {
      ok: false,
      error: `"${g.title}" is over; Partner Hub sends no invitations for past gatherings. Uncheck “Send invitations” to update its event.`,
    };
  const guests = gatheringGuests(g, g.invited.flatMap(contactsOf)).map((x) => x.email);
  // The last line marks the event as this gathering's from the moment it is made.
  const description = [g.objectives, g.topic, g.agendaUrl ? `Agenda: ${g.agendaUrl}` : '', markerOf(g.id)]
    .filter(Boolean)
    .join('\n\n');
  const details: Details = { summary: oneLine(g.title), description, location: g.location, start, end };
  return { ok: true, plan: { g, row, details, guests, calendarId: g.calendarId || calendarId } };
}

function described(p: Planned): EventDetails {
  const d = p.details;
  return {
    summary: d.summary,
    description: d.description,
    location: d.location,
    start: d.start.getTime(),
    end: d.end.getTime(),
    guests: p.guests,
  };
}

const fingerprint = (p: Planned, invited: boolean) => eventFingerprint(described(p), invited);

const isCurrent = (p: Planned, sendInvites: boolean) =>
  p.g.eventId !== '' && upToDate(p.g.eventSync, described(p), sendInvites);

/**
 * Events of one calendar over the dates of the rows to write, in one call (a page of 2,500): by iCalUID
 * and by the gathering named in their marker.
 */
function lookUp(calendarId: string, plans: readonly Planned[]) {
  const byUid = new Map<string, ApiEvent>();
  const byGathering = new Map<string, ApiEvent>();
  const min = Math.min(...plans.map((p) => p.details.start.getTime()));
  const max = Math.max(...plans.map((p) => p.details.end.getTime()));
  const wanted = new Set(plans.map((p) => p.g.id));
  let pageToken: string | undefined;
  do {
    const page = advancedCalendar().Events.list(calendarId, {
      timeMin: new Date(min).toISOString(),
      timeMax: new Date(max).toISOString(),
      maxResults: 2500,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const e of page.items ?? []) {
      if (e.iCalUID) byUid.set(e.iCalUID, e);
      const tagged = e.extendedProperties?.private?.[GATHERING];
      const marked = /Partner Hub gathering ([A-Za-z0-9:-]+)\s*$/.exec(e.description ?? '')?.[1];
      for (const id of [tagged, marked])
        if (id && wanted.has(id) && !byGathering.has(id)) byGathering.set(id, e);
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { byUid, byGathering };
}

function listByUid(calendarId: string, iCalUID: string): ApiEvent | null {
  const [event] = advancedCalendar().Events.list(calendarId, { iCalUID }).items ?? [];
  return event ?? null;
}

/** Runs a Calendar write, backing off when Calendar refuses a burst; 'burst' when it still refuses. */
function withBackoff<T>(write: () => T): T | 'burst' {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return write();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!isCalendarBurst(message)) throw error;
      if (attempt >= BURST_RETRIES) return 'burst';
      Utilities.sleep(backoffMs(attempt + 1));
    }
  }
}

interface Done {
  readonly item: CalendarSyncItem;
  readonly write?: Record<string, string>;
}

/** Brings one gathering's event up to date; undefined when Calendar's burst limit stopped it. */
function syncOne(p: Planned, found: ApiEvent | null, sendInvites: boolean): Done | undefined {
  const inviting = sendInvites && p.guests.length > 0;
  const base = { id: p.g.id, title: p.g.title, guests: [...p.guests], error: '' };
  let event = found;
  if (!event && p.g.eventId) event = listByUid(p.calendarId, p.g.eventId);
  let eventId: string;
  let created = false;
  let sent: Sent;
  if (!event) {
    const made = withBackoff(() => insertEvent(p.calendarId, p.g.id, p.details, p.guests, inviting));
    if (made === 'burst') return undefined;
    eventId = made;
    created = true;
    sent = { changed: true, invited: inviting ? [...p.guests] : [], updated: [], cancelled: [] };
  } else {
    const current = event;
    eventId = current.iCalUID ?? p.g.eventId;
    const outcome = withBackoff(() =>
      reconcile(p.calendarId, current, p.details, p.guests, sendInvites, p.g.status === 'invited'),
    );
    if (outcome === 'burst') return undefined;
    sent = outcome;
  }
  // Every guest now knows of it: invited by this call or before (then sent the changes, if any).
  const status = inviting && p.g.status === 'planned' ? 'invited' : p.g.status;
  // 'Invited' only when this call saw to it: a later sync asking for invitations then checks the event.
  const write = { eventId, calendarId: p.calendarId, eventSync: fingerprint(p, inviting), status };
  return {
    item: {
      ...base,
      eventId,
      event: created ? 'created' : sent.changed ? 'updated' : 'unchanged',
      invited: sent.invited,
      updated: sent.updated,
      cancelled: sent.cancelled,
    },
    write,
  };
}

function failed(g: Pick<Gathering, 'id' | 'title' | 'eventId'>, error: string): CalendarSyncItem {
  return {
    id: g.id,
    title: g.title,
    eventId: g.eventId,
    event: 'failed',
    guests: [],
    invited: [],
    updated: [],
    cancelled: [],
    error,
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Agendas (when asked) and Calendar events for many gatherings in one execution, until the time budget,
 * the per-execution cap or Calendar's burst limit stops it: `remaining` is what the next call does.
 * `force`: reconcile with Calendar even when the row's fingerprint says the event is up to date.
 */
export function syncGatherings(
  db: Database,
  request: CalendarSyncRequest,
  force = false,
): CalendarSyncResult {
  const started = Date.now();
  const outOfTime = () => Date.now() - started > TIME_BUDGET_MS;
  const ids = [...new Set(request.ids)];
  const items: CalendarSyncItem[] = [];
  const agendas = new Map<string, { url: string; notes: readonly string[] }>();
  let data = db.read('gatherings');
  let stoppedBy: CalendarSyncResult['stoppedBy'] = null;
  // Rows by id, found once each (findRow is a search of the whole table).
  const indexed = <T extends { readonly id?: FieldValue }>(table: TableData<T>) => {
    const byId = new Map<string, Stored<T>>();
    for (const r of table.rows) if (!byId.has(String(r.record.id))) byId.set(String(r.record.id), r);
    return (id: string) => byId.get(id) ?? findRow(table, id);
  };
  let rowOf = indexed(data);
  const gone = ids.find((id) => !rowOf(id));
  if (gone !== undefined)
    throw new UserError(
      `No gathering with id ${gone}; it may have been deleted. Open Gatherings again for the list as it is now.`,
    );

  let contactsRead: readonly Contact[] | undefined;
  const place = new DocumentPlace(db);
  if (request.agendas) {
    const batch: AgendaBatch = {
      tables: readAgendaTables(db, data),
      links: [],
      place,
    };
    contactsRead = batch.tables.contacts;
    try {
      for (const id of ids) {
        const g = rowOf(id)?.record;
        if (!g || g.agendaUrl || g.status === 'cancelled') continue;
        if (outOfTime()) {
          stoppedBy = 'time';
          break;
        }
        try {
          const made = makeAgenda(db, id, false, batch);
          agendas.set(id, { url: made.url, notes: made.status === 'made' ? made.notes : [] });
        } catch (error) {
          items.push(failed(g, `The agenda: ${messageOf(error)}`));
        }
      }
    } finally {
      // Every link in one write, each Doc's pending record forgotten only once its link is on the row.
      const links = batch.links.flatMap((l) => {
        const row = rowOf(l.id);
        return row ? [{ row: row.row, values: { agendaUrl: l.url, updated: new Date().toISOString() } }] : [];
      });
      if (links.length) {
        const table = data;
        withSheetLock(db, () => db.write(table, links));
        for (const l of batch.links) batch.place.forget(l.recordFor);
      }
    }
    // The agenda links go into the events' descriptions: the rows as they are now.
    if (agendas.size) {
      data = db.read('gatherings');
      rowOf = indexed(data);
    }
  }

  // Contacts by partner, read once (or taken from the agendas' read), only when a row needs its guests.
  let byPartner: Map<string, Contact[]> | undefined;
  const contactsOf = (partnerId: string): readonly Contact[] => {
    if (!byPartner) {
      const grouped = new Map<string, Contact[]>();
      for (const c of contactsRead ?? db.read('contacts').rows.map((r) => r.record)) {
        const list = grouped.get(c.partnerId);
        if (list) list.push(c);
        else grouped.set(c.partnerId, [c]);
      }
      byPartner = grouped;
    }
    return byPartner.get(partnerId) ?? [];
  };

  // Which rows need a Calendar write at all; '' stands for the default calendar until it is asked for.
  const settingsCalendar = place.settings.calendarId ?? '';
  const work: Planned[] = [];
  const handled = new Set(items.map((i) => i.id));
  for (const id of stoppedBy ? [] : ids) {
    if (handled.has(id)) continue;
    const row = rowOf(id);
    if (!row) {
      // Deleted by hand while the agendas were being made.
      items.push(failed({ id, title: id, eventId: '' }, `No gathering with id ${id}; it was deleted.`));
      continue;
    }
    const g = row.record;
    if (g.status === 'cancelled') {
      items.push({
        ...failed(g, `"${g.title}" is cancelled; set its status back to planned first.`),
        event: 'skipped',
      });
      continue;
    }
    const prepared = prepare(g, row.row, contactsOf, db.timeZone, request.sendInvites, settingsCalendar);
    if (!prepared.ok) items.push(failed(g, prepared.error));
    else if (!force && isCurrent(prepared.plan, request.sendInvites))
      items.push({
        ...failed(g, ''),
        event: 'unchanged',
        guests: [...prepared.plan.guests],
      });
    else work.push(prepared.plan);
  }

  // The calendar is asked for once, only when a row goes on it for the first time.
  const fresh = work.filter((p) => !p.g.calendarId);
  if (fresh.length) {
    const calendarId = calendarFor(settingsCalendar || undefined).getId();
    for (let i = 0; i < work.length; i += 1) if (!work[i].g.calendarId) work[i] = { ...work[i], calendarId };
  }

  // Events made before but not recorded, and events of many rows, in one list per calendar.
  const found = new Map<string, ApiEvent>();
  const needLookUp = work.some((p) => !p.g.eventId) || work.length > 3;
  const changes: RowChange[] = [];
  let blocks: Block[] = [];
  const done = new Set(items.map((i) => i.id));
  try {
    if (needLookUp) {
      for (const calendarId of new Set(work.map((p) => p.calendarId))) {
        const plans = work.filter((p) => p.calendarId === calendarId);
        const { byUid, byGathering } = lookUp(calendarId, plans);
        for (const p of plans) {
          const e = (p.g.eventId ? byUid.get(p.g.eventId) : undefined) ?? byGathering.get(p.g.id);
          if (e) found.set(p.g.id, e);
        }
      }
    }
    let writes = 0;
    for (const p of work) {
      if (outOfTime()) {
        stoppedBy = 'time';
        break;
      }
      if (writes >= WRITES_PER_EXECUTION) {
        stoppedBy = 'limit';
        break;
      }
      let outcome: Done | undefined;
      try {
        outcome = syncOne(p, found.get(p.g.id) ?? null, request.sendInvites);
      } catch (error) {
        outcome = { item: failed(p.g, messageOf(error)) };
      }
      if (!outcome) {
        stoppedBy = 'rate';
        break;
      }
      items.push(outcome.item);
      done.add(p.g.id);
      if (outcome.item.event !== 'unchanged' && outcome.item.event !== 'failed') writes += 1;
      if (outcome.write) changes.push({ row: p.row, values: outcome.write });
    }
  } finally {
    // What was done is recorded even when a Calendar call stopped the execution.
    if (changes.length) withSheetLock(db, () => (blocks = db.write(data, changes)));
  }
  const withAgenda = items.map((item) => {
    const agenda = agendas.get(item.id);
    return agenda ? { ...item, agenda } : item;
  });
  // What the sidebar merges into its list: the rows written, and those that only got an agenda.
  const written = new Set(changes.map((c) => c.row));
  const rows = [
    ...db
      .rowsAfter(
        data,
        blocks,
        [...written].sort((a, b) => a - b),
      )
      .map((r) => listed<Gathering>(r)),
    ...data.rows
      .filter((r) => agendas.has(String(r.record.id)) && !written.has(r.row))
      .map((r) => listed<Gathering>(r)),
  ];
  return { items: withAgenda, remaining: ids.filter((id) => !done.has(id)), stoppedBy, gatherings: rows };
}

/** One gathering, as its page's button does: it is reconciled with Calendar even if the row says current. */
export function putOnCalendar(db: Database, gatheringId: string, sendInvites: boolean): EventResult {
  const result = syncGatherings(db, { ids: [gatheringId], sendInvites, agendas: false }, true);
  const item = result.items.find((i) => i.id === gatheringId);
  if (!item)
    throw new UserError(
      'Google Calendar says too many events were made in a short time. Wait a minute, then try again.',
    );
  if (item.event === 'failed' || item.event === 'skipped') throw new UserError(item.error);
  return {
    eventId: item.eventId,
    created: item.event === 'created',
    changed: item.event !== 'unchanged',
    guests: item.guests,
    invited: item.invited,
    updated: item.updated,
    cancelled: item.cancelled,
    invitationsSent: item.invited.length > 0,
  };
}

/** Cancelling deletes the event (guests are told by Calendar) and marks the row; the row itself stays. */
export function cancelGathering(db: Database, gatheringId: string) {
  const row = findRow(db.read('gatherings'), gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const g = row.record;
  if (g.eventId) {
    const event = findEvent(calendarFor(g.calendarId || undefined), g.eventId);
    event?.deleteEvent();
  }
  return updateRow(db, 'gatherings', g.id, { status: 'cancelled', eventId: '', eventSync: '' });
}
