// Saving one record: validated first, then under the document lock the table is re-read, the row found
// by its id and checked against the version the sidebar loaded, and only the changed cells written.
import { TABLES, type Table, type TableKey } from '../../shared/schema';
import type { FieldValue, Stored } from '../../shared/records';
import { checkDraft } from '../../shared/fields';
import type { Listed, SaveRequest, SaveResult } from '../../shared/contract';
import { mapHeaders, readRows, ROW_REF, type Rec } from '../domain/table';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import { withSheetLock, type Database, type TableData } from './database';

export function listed<T>(stored: Stored<Rec>): Listed<T> {
  return { record: stored.record as T, version: stored.version, warnings: stored.warnings };
}

export function findRow(data: TableData, id: string): Stored<Rec> | undefined {
  const ref = ROW_REF.exec(id);
  if (ref) return data.rows.find((r) => r.row === Number(ref[1]) && r.record.id === id);
  return data.rows.find((r) => r.record.id === id);
}

/** Refuses a save whose values would land in a column the tab no longer has. */
function assertColumns(data: TableData, values: Readonly<Record<string, FieldValue>>): void {
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
  /** Checks that need other tables (a contact's partner exists); returns field errors. */
  readonly check?: (values: Record<string, FieldValue>) => Record<string, string>;
  /** Runs inside the same lock after the save, e.g. to update the partner's last check-in. */
  readonly after?: (saved: Rec) => void;
}

export function saveRecord<T>(
  db: Database,
  key: TableKey,
  request: SaveRequest,
  options: SaveOptions = {},
): SaveResult<T> {
  const table = TABLES[key];
  const { values, errors } = checkDraft(table, request.values);
  if (Object.keys(errors).length) return { status: 'invalid', errors };
  return withSheetLock(db, () => {
    const more = { ...missingRefs(db, table, values), ...(options.check?.(values) ?? {}) };
    if (Object.keys(more).length) return { status: 'invalid', errors: more };
    const data = db.read(key);
    if (!data.sheet || data.map.index.id === undefined) {
      throw new UserError(`The ${table.tab} tab is not set up. Run "Set up partner database" first.`);
    }
    assertColumns(data, values);
    const now = new Date().toISOString();
    let row: number;
    let record: Rec;
    if (request.id !== undefined) {
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
          theirs: listed<T>(existing),
          mine: values,
        };
      }
      row = existing.row;
      record = { ...values, updated: now };
      if (ROW_REF.test(request.id)) record.id = newId(table.idPrefix, () => Utilities.getUuid(), ids(data));
    } else {
      row = data.values.length + 1;
      record = {
        ...values,
        id: newId(table.idPrefix, () => Utilities.getUuid(), ids(data)),
        created: now,
        updated: now,
      };
    }
    db.write(data, [{ row, values: record }]);
    options.after?.(record);
    return { status: 'saved', entry: listed<T>(readOneRow(db, data, row)) };
  });
}

function ids(data: TableData): Set<string> {
  return new Set(data.rows.map((r) => String(r.record.id)));
}

/** Reads back one row after a save, for its new version: one getValues() of that row. */
export function readOneRow(db: Database, data: TableData, row: number): Stored<Rec> {
  const header = data.values[data.map.headerRow];
  const line = (data.sheet as GoogleAppsScript.Spreadsheet.Sheet)
    .getRange(row, 1, 1, header.length)
    .getValues()[0];
  const [stored] = readRows(data.table, [header, line], mapHeaders(data.table, header), db.toDate).rows;
  if (!stored) throw new UserError(`Saved row ${row} of ${data.table.tab} could not be read back.`);
  return { ...stored, row };
}

/**
 * Sets some fields of one row found by id, under the lock, re-reading first: the add-on's own
 * bookkeeping (an agenda link, an event id), not a person's edit, so no version check.
 */
export function updateRow(
  db: Database,
  key: TableKey,
  id: string,
  values: Record<string, FieldValue>,
): Stored<Rec> {
  return withSheetLock(db, () => {
    const data = db.read(key);
    const row = findRow(data, id);
    if (!row) throw new UserError(`${TABLES[key].tab} has no row with id ${id}; it may have been deleted.`);
    assertColumns(data, values);
    db.write(data, [{ row: row.row, values: { ...values, updated: new Date().toISOString() } }]);
    return { ...row, record: { ...row.record, ...values } };
  });
}
