// Import adapter: reads another tab of this spreadsheet and writes the planned adds and merges in blocks.
import type { ImportRequest, ImportResult, ImportSource } from '../../shared/contract';
import type { FieldValue } from '../../shared/records';
import { REPORT_TABS, TABLE_KEYS, TABLES } from '../../shared/schema';
import {
  existingPartners,
  fillEmpty,
  importTargets,
  planImport,
  readCandidates,
  suggestMapping,
} from '../domain/import';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import type { Rec, RowChange } from '../domain/table';
import { withSheetLock, type Database } from './database';
import { intakeTabId } from './intake';

const MAX_IMPORT_ROWS = 20000;

/**
 * Partner Hub's own tabs, never a partner list to import: its database tabs, its report tabs (Gaps,
 * Dashboard, Survey Summary) and the Form response tabs of its surveys and of its intake Form.
 */
function ownTabs(db: Database): (sheet: GoogleAppsScript.Spreadsheet.Sheet) => boolean {
  // The database tabs by the ids set-up recorded (known without a call), or by their names.
  const tables = new Set(Object.values(db.recordedTabs()));
  const reports = new Set<string>([...Object.values(REPORT_TABS), ...TABLE_KEYS.map((k) => TABLES[k].tab)]);
  const surveys = db.read('surveys').rows.map((r) => r.record);
  const responseIds = new Set(surveys.map((s) => s.responseTabId).filter(Boolean));
  // The intake Form's answers are applicants, not a list of partners: they come in through the Form.
  const intakeTab = intakeTabId(db);
  if (intakeTab !== null) responseIds.add(String(intakeTab));
  const responseNames = new Set(surveys.filter((s) => !s.responseTabId).map((s) => s.responseTab));
  return (sheet) => {
    const id = sheet.getSheetId();
    if (tables.has(id) || responseIds.has(String(id))) return true;
    const name = sheet.getName();
    return reports.has(name) || responseNames.has(name);
  };
}

export function importSources(db: Database): ImportSource[] {
  const own = ownTabs(db);
  return db
    .sheets()
    .filter((s) => !own(s) && s.getLastRow() > 1)
    .map((s) => {
      const headers = s
        .getRange(1, 1, 1, s.getLastColumn())
        .getValues()[0]
        .map((h) => String(h));
      return { tab: s.getName(), headers, rows: s.getLastRow() - 1, suggested: suggestMapping(headers) };
    });
}

function readSource(db: Database, request: ImportRequest) {
  const sheet = db.sheets().find((s) => s.getName() === request.tab);
  if (!sheet) throw new UserError(`There is no tab named "${request.tab}" to import from.`);
  if (ownTabs(db)(sheet))
    throw new UserError(`The ${request.tab} tab is Partner Hub's own: import from a list of yours.`);
  const values = sheet.getDataRange().getValues();
  if (values.length - 1 > MAX_IMPORT_ROWS)
    throw new UserError(`That tab has more than ${MAX_IMPORT_ROWS} rows; split it first.`);
  const headers = (values[0] ?? []).map((h) => String(h));
  const targets = new Set(importTargets());
  const seen = new Set<string>();
  for (const [header, target] of Object.entries(request.mapping)) {
    if (!headers.includes(header)) throw new UserError(`The ${request.tab} tab has no column "${header}".`);
    if (!targets.has(target)) throw new UserError(`"${target}" is not a partner field to import into.`);
    if (seen.has(target))
      throw new UserError(`Two columns are mapped to the same field "${target}"; map each field once.`);
    seen.add(target);
  }
  if (!Object.values(request.mapping).includes('name'))
    throw new UserError('Map a column to Organization before importing.');
  // A decision about a row that is not in the tab would be silently ignored: say so instead.
  for (const key of Object.keys(request.decisions ?? {})) {
    const row = Number(key);
    if (!/^\d+$/.test(key) || row < 2 || row > values.length) {
      throw new UserError(
        `The ${request.tab} tab has no row ${key.slice(0, 20)} to decide about; preview again.`,
      );
    }
  }
  return readCandidates(headers, values.slice(1), request.mapping, db.toDate);
}

function plan(db: Database, request: ImportRequest) {
  const candidates = readSource(db, request);
  const partners = db.read('partners');
  const contacts = db.read('contacts');
  const existing = existingPartners(
    partners.rows.map((r) => r.record),
    contacts.rows.map((r) => r.record),
  );
  return { candidates, partners, contacts, preview: planImport(candidates, existing, request.decisions) };
}

export function previewImport(db: Database, request: ImportRequest) {
  return plan(db, request).preview;
}

export function runImport(db: Database, request: ImportRequest): ImportResult {
  return withSheetLock(db, () => {
    const { candidates, partners, contacts, preview } = plan(db, request);
    if (!partners.sheet || !contacts.sheet)
      throw new UserError('Run "Set up partner database" before importing.');
    const now = new Date().toISOString();
    const partnerIds = new Set(partners.rows.map((r) => String(r.record.id)));
    const contactIds = new Set(contacts.rows.map((r) => String(r.record.id)));
    const added = new Map<string, Rec>(); // 'row:N' → new partner
    const merged = new Map<string, Rec>(); // existing id → merged partner
    const newContacts: Rec[] = [];
    const withPrimary = new Set(
      contacts.rows.filter((r) => r.record.primary === true).map((r) => String(r.record.partnerId)),
    );
    const emails = new Set(
      contacts.rows.map((r) => `${r.record.partnerId}|${String(r.record.email).toLowerCase()}`),
    );
    preview.rows.forEach((row, i) => {
      const candidate = candidates[i];
      let partnerId: string;
      if (row.action === 'add') {
        partnerId = newId(TABLES.partners.idPrefix, () => Utilities.getUuid(), partnerIds);
        partnerIds.add(partnerId);
        added.set(`row:${row.sourceRow}`, {
          ...candidate.partner,
          id: partnerId,
          created: now,
          updated: now,
        });
      } else if (row.action === 'merge' && row.duplicateOf) {
        const into = row.duplicateOf.id;
        const pending = added.get(into);
        if (pending) {
          added.set(into, fillEmpty(pending, candidate.partner));
          partnerId = String(pending.id);
        } else {
          const base = merged.get(into) ?? partners.rows.find((r) => r.record.id === into)?.record;
          if (!base) return;
          merged.set(into, { ...fillEmpty(base, candidate.partner), updated: now });
          partnerId = into;
        }
      } else {
        return;
      }
      if (candidate.contact) {
        const key = `${partnerId}|${String(candidate.contact.email ?? '').toLowerCase()}`;
        if (candidate.contact.email && emails.has(key)) return;
        emails.add(key);
        const id = newId(TABLES.contacts.idPrefix, () => Utilities.getUuid(), contactIds);
        contactIds.add(id);
        // The first contact of a partner is its primary one.
        const primary = !withPrimary.has(partnerId);
        withPrimary.add(partnerId);
        newContacts.push({
          ...withDefaults(candidate.contact),
          primary,
          id,
          partnerId,
          created: now,
          updated: now,
        });
      }
    });
    const partnerChanges: RowChange[] = [
      ...[...merged.entries()].map(([id, values]) => ({
        row: partners.rows.find((r) => r.record.id === id)?.row ?? 0,
        values,
      })),
      ...[...added.values()].map((values, i) => ({ row: partners.values.length + 1 + i, values })),
    ].filter((c) => c.row > 0);
    db.write(partners, partnerChanges);
    db.write(
      contacts,
      newContacts.map((values, i) => ({ row: contacts.values.length + 1 + i, values })),
    );
    return { ...preview, added: added.size, merged: merged.size, contactsAdded: newContacts.length };
  });
}

function withDefaults(contact: Record<string, FieldValue>): Record<string, FieldValue> {
  return { role: '', email: '', phone: '', ...contact };
}
