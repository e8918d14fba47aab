// Saving one record: validated first, then under the document lock the table is re-read, the row found
// by its id and checked against the version the sidebar loaded, and only the changed cells written.
import { MAIN_CONTACT_FIELDS, TABLES, type Table, type TableKey } from '../../shared/schema';
import type { Contact, FieldValue, RecordOf, Stored } from '../../shared/records';
import { checkDraft } from '../../shared/fields';
import type {
  Listed,
  PartnerSaveRequest,
  PartnerSaveResult,
  SaveRequest,
  SaveResult,
} from '../../shared/contract';
import { partnerCounts } from '../domain/figures';
import { mapHeaders, readRows, ROW_REF, type Rec } from '../domain/table';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import { recordsOf, withSheetLock, type Database, type TableData } from './database';

export function listed<T>(stored: Stored<T>): Listed<T> {
  return { record: stored.record, version: stored.version, warnings: stored.warnings };
}

export function findRow<T extends { readonly id?: FieldValue }>(
  data: TableData<T>,
  id: string,
): Stored<T> | undefined {
  const ref = ROW_REF.exec(id);
  if (ref) return data.rows.find((r) => r.row === Number(ref[1]) && r.record.id === id);
  return data.rows.find((r) => r.record.id === id);
}

/** Refuses a save whose values would land in a column the tab no longer has. */
function assertColumns<T>(data: TableData<T>, values: Readonly<Record<string, FieldValue>>): void {
  const lost = data.map.missing.filter((c) => {
    const v = values[c.key];
    return v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
  });
  if (lost.length) {
    throw new UserError(
      `The ${data.table.tab} tab has no ${lost.map((c) => `"${c.header}"`).join(', ')} column. Run "Set up partner database" to add it, then save again.`,
    );
  }
}

const NAMES: Partial<Record<TableKey, string>> = {
  partners: 'partner',
  gatherings: 'gathering',
  contacts: 'contact',
  surveys: 'survey',
};

/** Ids that point at rows of another table must name rows that exist. */
function missingRefs(
  db: Database,
  table: Table,
  values: Readonly<Record<string, FieldValue>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const known = new Map<TableKey, Set<string>>();
  for (const column of table.columns) {
    if ((column.type !== 'ref' && column.type !== 'ids') || !column.refTable) continue;
    const value = values[column.key];
    const ids = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
    if (!ids.length) continue;
    let rows = known.get(column.refTable);
    if (!rows) {
      rows = new Set(db.read(column.refTable).rows.map((r) => String(r.record.id)));
      known.set(column.refTable, rows);
    }
    const unknown = ids.filter((id) => !rows.has(id));
    if (unknown.length) {
      const what = NAMES[column.refTable] ?? `${TABLES[column.refTable].tab} row`;
      errors[column.key] =
        `${column.header}: no ${what} with id ${unknown.slice(0, 3).join(', ')}; it may have been deleted.`;
    }
  }
  return errors;
}

export interface SaveOptions {
  /**
   * Checks of the whole row as it will be (the row's values with the saved ones over them: an edit
   * sends only what changed); returns field errors.
   */
  readonly check?: (full: Rec) => Record<string, string>;
  /** More values to write, decided from the whole row as it will be (a decision's date). */
  readonly complete?: (full: Rec) => Rec;
  /** Runs inside the same lock after the save, with the whole record, e.g. to update the partner's last check-in. */
  readonly after?: (full: Rec) => void;
}

/** Where and what a save will write, once its row is found and its version checked. */
interface Planned<T> {
  readonly data: TableData<T>;
  readonly row: number;
  /** What is written: the values sent (an edit's changed fields), the id of a new row, the timestamps. */
  readonly record: Rec;
  /** The row as it will be: what it holds now with `record` over it. */
  readonly full: Rec;
}

type Refused<T> = Exclude<SaveResult<T>, { status: 'saved' }>;

/**
 * Finds the row a save writes (by id, its version checked) or the new row's place and id, inside the
 * lock; writes nothing.
 */
function planSave<K extends TableKey>(
  db: Database,
  key: K,
  request: SaveRequest,
  values: Record<string, FieldValue>,
  now: string,
): Planned<RecordOf<K>> | Refused<RecordOf<K>> {
  const table = TABLES[key];
  const data = db.read(key);
  if (!data.sheet || data.map.index.id === undefined) {
    throw new UserError(`The ${table.tab} tab is not set up. Run "Set up partner database" first.`);
  }
  assertColumns(data, values);
  if (request.id === undefined) {
    const record = {
      ...values,
      id: newId(table.idPrefix, () => Utilities.getUuid(), ids(data)),
      created: now,
      updated: now,
    };
    return { data, row: data.values.length + 1, record, full: record };
  }
  const existing = findRow(data, request.id);
  if (!existing) {
    return {
      status: 'conflict',
      message: `This ${table.tab === 'Partners' ? 'partner' : 'row'} is no longer in the ${table.tab} tab: someone else deleted or changed it. Nothing was saved.`,
      mine: values,
    };
  }
  if (existing.version !== request.version) {
    return {
      status: 'conflict',
      message:
        'Changed by someone else since you opened it. Nothing was saved: compare both versions, then save again.',
      theirs: listed(existing),
      mine: values,
    };
  }
  const record: Rec = { ...values, updated: now };
  if (ROW_REF.test(request.id)) record.id = newId(table.idPrefix, () => Utilities.getUuid(), ids(data));
  return { data, row: existing.row, record, full: { ...existing.record, ...record } };
}

/**
 * The fields a save checks and writes: every editable one for a new record (those not sent are empty),
 * only those sent for an edit. The sidebar sends only what the coordinator changed, so a cell the form
 * cannot show exactly (a line break typed in a single-line field) is never rewritten by another edit.
 */
function draftOf(table: Table, request: SaveRequest, only?: readonly string[]) {
  const sent = Object.keys(request.values);
  return checkDraft(table, request.values, {
    only: request.id === undefined ? only : (only ?? sent).filter((k) => sent.includes(k)),
  });
}

export function saveRecord<K extends TableKey>(
  db: Database,
  key: K,
  request: SaveRequest,
  options: SaveOptions = {},
): SaveResult<RecordOf<K>> {
  const table = TABLES[key];
  const { values, errors } = draftOf(table, request);
  if (Object.keys(errors).length) return { status: 'invalid', errors };
  return withSheetLock(db, () => {
    const refs = missingRefs(db, table, values);
    if (Object.keys(refs).length) return { status: 'invalid', errors: refs };
    const plan = planSave(db, key, request, values, new Date().toISOString());
    if (!('data' in plan)) return plan;
    const more = options.check?.(plan.full) ?? {};
    if (Object.keys(more).length) return { status: 'invalid', errors: more };
    const extra = options.complete?.(plan.full) ?? {};
    const record = { ...plan.record, ...extra };
    const saved = writeRow(db, plan.data, plan.row, record);
    options.after?.({ ...plan.full, ...extra });
    return { status: 'saved', entry: listed(saved) };
  });
}

/**
 * A partner and its main contact, from one form: both checked first (a contact's messages keyed
 * `contact.<field>`), then written under one lock, or neither when either was changed by someone else.
 * A new main contact is the partner's primary one unless it already has one.
 */
export function savePartner(db: Database, request: PartnerSaveRequest): PartnerSaveResult {
  const partner = draftOf(TABLES.partners, request);
  const contactRequest = request.contact;
  const contact = contactRequest ? draftOf(TABLES.contacts, contactRequest, MAIN_CONTACT_FIELDS) : undefined;
  const errors: Record<string, string> = { ...partner.errors };
  for (const [k, m] of Object.entries(contact?.errors ?? {})) errors[`contact.${k}`] = m;
  if (Object.keys(errors).length) return { status: 'invalid', errors };
  return withSheetLock(db, () => {
    const now = new Date().toISOString();
    const planned = planSave(db, 'partners', request, partner.values, now);
    if (!('data' in planned)) return planned;
    const partnerId = String(planned.record.id ?? request.id);
    let contactPlan: Planned<Contact> | undefined;
    if (contactRequest && contact) {
      const contacts = db.read('contacts');
      if (contactRequest.id !== undefined) {
        const existing = findRow(contacts, contactRequest.id);
        if (existing && existing.record.partnerId !== partnerId)
          throw new UserError(
            'That contact is not one of this partner’s. Open the partner again, then save.',
          );
      }
      const primary =
        contactRequest.id === undefined &&
        !contacts.rows.some((r) => r.record.partnerId === partnerId && r.record.primary === true);
      const values = {
        ...contact.values,
        partnerId,
        ...(contactRequest.id === undefined ? { primary } : {}),
      };
      const plan = planSave(db, 'contacts', contactRequest, values, now);
      if (!('data' in plan))
        return {
          status: 'conflict',
          message:
            'Someone else changed or removed this partner’s main contact since you opened it. Nothing was saved: open the partner again, then save.',
          mine: partner.values,
        };
      contactPlan = plan;
    }
    // An edit of the contact alone leaves the partner's row as it is (its version was checked).
    const partnerChanged =
      request.id === undefined || ROW_REF.test(request.id) || Object.keys(partner.values).length > 0;
    const saved = partnerChanged
      ? writeRow(db, planned.data, planned.row, planned.record)
      : planned.data.rows.find((r) => r.row === planned.row);
    if (!saved) throw new UserError(`Row ${planned.row} of the Partners tab could not be read.`);
    const contactSaved = contactPlan
      ? writeRow(db, contactPlan.data, contactPlan.row, contactPlan.record)
      : undefined;
    // The figures from the partners as the save left them: the ones read, with this row as written.
    const partners = [...planned.data.rows.filter((r) => r.row !== planned.row), saved].map(
      (r) => listed(r).record,
    );
    const today = db.today();
    return {
      status: 'saved',
      entry: listed(saved),
      ...(contactSaved ? { contact: listed(contactSaved) } : {}),
      today,
      counts: partnerCounts(partners, today),
    };
  });
}

function ids(data: TableData): Set<string> {
  return new Set(data.rows.map((r) => String(r.record.id)));
}

/**
 * Writes one row's planned cells and gives the row as written, its new version included, without
 * reading it back (Database.rowsAfter reads it only when Sheets may have parsed a cell).
 */
function writeRow<T>(db: Database, data: TableData<T>, row: number, values: Rec): Stored<T> {
  const [saved] = db.rowsAfter(data, db.write(data, [{ row, values }]), [row]);
  if (!saved) throw new UserError(`Saved row ${row} of ${data.table.tab} could not be read back.`);
  return saved;
}

/** Reads back one row after a save, for its new version: one getValues() of that row. */
export function readOneRow<T>(db: Database, data: TableData<T>, row: number): Stored<T> {
  const header = data.values[data.map.headerRow];
  const line = (data.sheet as GoogleAppsScript.Spreadsheet.Sheet)
    .getRange(row, 1, 1, header.length)
    .getValues()[0];
  const [stored] = recordsOf<T>(
    readRows(data.table, [header, line], mapHeaders(data.table, header), db.toDate).rows,
  );
  if (!stored) throw new UserError(`Saved row ${row} of ${data.table.tab} could not be read back.`);
  return { ...stored, row };
}

/**
 * Sets some fields of one row found by id, under the lock, re-reading first: the add-on's own
 * bookkeeping (an agenda link, an event id), not a person's edit, so no version check.
 */
export function updateRow<K extends TableKey>(
  db: Database,
  key: K,
  id: string,
  values: Record<string, FieldValue>,
): Stored<RecordOf<K>> {
  return withSheetLock(db, () => {
    const data = db.read(key);
    const row = findRow(data, id);
    if (!row) throw new UserError(`${TABLES[key].tab} has no row with id ${id}; it may have been deleted.`);
    assertColumns(data, values);
    db.write(data, [{ row: row.row, values: { ...values, updated: new Date().toISOString() } }]);
    return { ...row, record: { ...row.record, ...values } };
  });
}
