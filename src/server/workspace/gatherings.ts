// Gatherings written in one step (the year's plan), and the settings behind agendas and events.
import type {
  AddedGathering,
  AgendaFolder,
  GatheringDraft,
  Listed,
  Settings,
  SettingsRequest,
} from '../../shared/contract';
import type { FieldValue, Gathering } from '../../shared/records';
import { checkDraft } from '../../shared/fields';
import { TABLES } from '../../shared/schema';
import { newId } from '../domain/ids';
import { gatheringKey, newGatherings } from '../domain/figures';
import { UserError } from '../domain/errors';
import { withSheetLock, type Database } from './database';
import { findRow, listed, readOneRow } from './records';
import { heldRefusal } from '../domain/gathering-answers';
import { readSettings, writeSettings } from './settings';
import { docId } from './agenda-docs';
import { agendaFolderInfo } from './drive-files';
import { readSender, writeSender } from './sender';
import { checkSender } from '../domain/signature';

/**
 * Adds the reviewed drafts as rows in one block, all checked first: one bad draft writes nothing. Each
 * gathering comes back with whether this call added it (`newGatherings`): one already there is not.
 */
export function addGatherings(
  db: Database,
  drafts: readonly GatheringDraft[],
  invited: readonly string[],
): AddedGathering[] {
  const records = drafts.map((d, i) => {
    const { values, errors } = checkDraft(TABLES.gatherings, {
      ...d,
      invited: [...invited],
      status: 'planned',
      facilitator: '',
      noteTaker: '',
      closer: '',
      agendaUrl: '',
      eventId: '',
      calendarId: '',
      eventSync: '',
      notes: '',
      followedUp: '',
    });
    const problems = Object.values(errors);
    if (problems.length) throw new UserError(`Gathering ${i + 1} ("${d.title}"): ${problems.join(' ')}`);
    if (values.end <= values.start)
      throw new UserError(`Gathering ${i + 1} ("${d.title}") ends before it starts.`);
    return values;
  });
  return withSheetLock(db, () => {
    const partners = new Set(db.read('partners').rows.map((r) => String(r.record.id)));
    const unknown = invited.filter((id) => !partners.has(id));
    if (unknown.length)
      throw new UserError(`No partner with id ${unknown.join(', ')}; reload and try again.`);
    const data = db.read('gatherings');
    if (!data.sheet) throw new UserError('Run "Set up partner database" first: there is no Gatherings tab.');
    const taken = new Set(data.rows.map((r) => String(r.record.id)));
    const fresh = newGatherings(
      data.rows.map((r) => r.record),
      records,
    );
    const known = new Map(data.rows.map((r) => [gatheringKey(r.record), String(r.record.id)]));
    const now = new Date().toISOString();
    const ids: string[] = [];
    const rows: { row: number; values: Record<string, FieldValue> }[] = [];
    records.forEach((values, i) => {
      const key = gatheringKey(values);
      if (!fresh[i]) {
        ids.push(known.get(key) ?? '');
        return;
      }
      const id = newId(TABLES.gatherings.idPrefix, () => Utilities.getUuid(), taken);
      taken.add(id);
      known.set(key, id);
      ids.push(id);
      rows.push({
        row: data.values.length + 1 + rows.length,
        values: { ...values, id, created: now, updated: now },
      });
    });
    db.write(data, rows);
    const after = db.read('gatherings');
    const added = new Set(rows.map((r) => String(r.values.id)));
    return ids.flatMap((id) => {
      const row = after.rows.find((x) => x.record.id === id);
      return row ? [{ ...listed<Gathering>(row), added: added.has(id) }] : [];
    });
  });
}

/**
 * The answer "held" to "Held or cancelled?": only the status is written, once the gathering's day has
 * come. The row is read back so the sidebar gets its new version (its next edit is not a conflict).
 */
export function markHeld(db: Database, gatheringId: string): Listed<Gathering> {
  return withSheetLock(db, () => {
    const data = db.read('gatherings');
    const row = findRow(data, gatheringId);
    if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
    const g = row.record;
    const refusal = heldRefusal(g, db.today());
    if (refusal) throw new UserError(refusal);
    if (g.status === 'held') return listed<Gathering>(row);
    db.write(data, [{ row: row.row, values: { status: 'held', updated: new Date().toISOString() } }]);
    return listed<Gathering>(readOneRow(db, data, row.row));
  });
}

/** The settings, the user's calendars, and where the Docs Partner Hub makes go (for this user). */
export function getSettings(db: Database): Settings & {
  calendars: { id: string; name: string }[];
  agendaFolder: AgendaFolder;
} {
  const { templates, calendarId } = readSettings(PropertiesService.getDocumentProperties());
  const calendars = CalendarApp.getAllOwnedCalendars().map((c) => ({ id: c.getId(), name: c.getName() }));
  const sender = readSender(db.spreadsheet.getId());
  return {
    ...(templates ? { templates } : {}),
    ...(calendarId ? { calendarId } : {}),
    ...(sender ? { sender } : {}),
    calendars,
    agendaFolder: agendaFolderInfo(db.spreadsheet.getId()),
  };
}

/**
 * Links are turned into ids and checked: a template the user cannot open is refused now, not at the
 * meeting. Every field is checked before anything is written, and every problem is named: one bad field
 * saves nothing and hides no other.
 */
export function saveSettings(request: SettingsRequest, db: () => Database): Settings {
  const properties = PropertiesService.getDocumentProperties();
  const current = readSettings(properties);
  const problems: string[] = [];
  // The signature is this person's, kept apart from the school's settings (sender.ts).
  const signed = request.sender === undefined ? null : checkSender(request.sender);
  if (signed && 'errors' in signed) problems.push(...Object.values(signed.errors));
  let templates = current.templates;
  if (request.templates !== undefined) {
    const chosen: Record<string, string> = {};
    for (const [kind, link] of Object.entries(request.templates)) {
      if (!link.trim()) continue;
      let id: string;
      try {
        id = docId(link);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problems.push(`Template for ${kind}: ${error.message}`);
        continue;
      }
      try {
        DocumentApp.openById(id).getName();
      } catch {
        problems.push(
          `Partner Hub cannot open the ${kind} template Doc. Check the link and that you can open it.`,
        );
        continue;
      }
      chosen[kind] = id;
    }
    templates = chosen;
  }
  let calendarId = current.calendarId;
  if (request.calendarId !== undefined) {
    if (request.calendarId && !CalendarApp.getCalendarById(request.calendarId))
      problems.push('Partner Hub cannot find that calendar.');
    calendarId = request.calendarId || undefined;
  }
  if (problems.length) throw new UserError(`Nothing was saved. ${problems.join(' ')}`);
  const spreadsheetId = db().spreadsheet.getId();
  if (signed && 'sender' in signed) writeSender(spreadsheetId, signed.sender);
  const sender = signed && 'sender' in signed ? signed.sender : readSender(spreadsheetId);
  // Written whole: a folder link kept by an older version is dropped (the add-on makes its own folder).
  const saved =
    request.templates === undefined && request.calendarId === undefined
      ? current
      : writeSettings(properties, {
          ...(templates ? { templates } : {}),
          ...(calendarId ? { calendarId } : {}),
        });
  return { ...saved, ...(sender ? { sender } : {}) };
}
