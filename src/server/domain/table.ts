// A tab read as a table: columns found by header, rows read into records, changes planned as the
// fewest contiguous writes. Pure: works on the 2-D array one getValues() returns.
import { headerKey, type Column, type Table } from '../../shared/schema';
import type { CellWarning, FieldValue, Stored } from '../../shared/records';
import { emptyValue } from '../../shared/records';
import { asText, fingerprint, fromCell, isDate, sameCell, toCell, type Cell, type DateInZone } from './cells';

export interface HeaderMap {
  /** 0-based position of each of our columns in the tab; absent when the tab lacks it. */
  readonly index: Readonly<Record<string, number>>;
  readonly missing: readonly Column[];
  /** 0-based row of the headers: 0 unless people put a title or notes above them. */
  readonly headerRow: number;
}

/** The header row is the one of the first five that names the most of our columns (row 1 when none does). */
export function findHeaderRow(table: Table, values: readonly (readonly unknown[])[]): number {
  let best = 0;
  let most = 1;
  for (let r = 0; r < Math.min(5, values.length); r++) {
    const found = table.columns.length - mapHeaders(table, values[r]).missing.length;
    if (found > most) {
      best = r;
      most = found;
    }
  }
  return best;
}

export function mapHeaders(table: Table, headerRow: readonly unknown[], row = 0): HeaderMap {
  const index: Record<string, number> = {};
  const byHeader = new Map<string, Column>();
  for (const column of table.columns) {
    byHeader.set(headerKey(column.header), column);
    byHeader.set(headerKey(column.key), column);
  }
  headerRow.forEach((cell, i) => {
    const column = byHeader.get(headerKey(String(cell)));
    // The first column with a header wins; a second copy is left alone as the person's own.
    if (column && index[column.key] === undefined) index[column.key] = i;
  });
  return { index, missing: table.columns.filter((c) => index[c.key] === undefined), headerRow: row };
}

export type Rec = Record<string, FieldValue>;

/** A row id that is not in the sheet yet: the row is found by position and its fingerprint. */
export const ROW_REF = /^row:(\d+)$/;

export interface TableRead {
  readonly rows: Stored<Rec>[];
  /** Rows (1-based sheet row numbers) whose id is empty or repeats an earlier row's. */
  readonly needsId: readonly number[];
}

export function readRows(
  table: Table,
  values: readonly (readonly unknown[])[],
  map: HeaderMap,
  toDate: DateInZone,
): TableRead {
  const rows: Stored<Rec>[] = [];
  const needsId: number[] = [];
  const seen = new Set<string>();
  const mapped = table.columns.filter((c) => map.index[c.key] !== undefined);
  for (let r = map.headerRow + 1; r < values.length; r++) {
    const line = values[r];
    const cells = mapped.map((c) => line[map.index[c.key]]);
    if (cells.every((c) => c === '' || c === null || c === undefined)) continue;
    const record: Rec = {};
    const warnings: CellWarning[] = [];
    for (const column of table.columns) {
      const at = map.index[column.key];
      if (at === undefined) {
        record[column.key] = emptyValue(column);
        continue;
      }
      const read = fromCell(column, line[at], toDate);
      record[column.key] = read.value;
      if (read.warning) warnings.push(read.warning);
    }
    const rowNumber = r + 1;
    const id = typeof record.id === 'string' ? record.id : '';
    if (id === '' || seen.has(id)) {
      needsId.push(rowNumber);
      if (id !== '')
        warnings.push({
          field: 'id',
          message: `Another row already has the id ${id}; this row gets a new one.`,
        });
      record.id = `row:${rowNumber}`;
    } else {
      seen.add(id);
    }
    rows.push({ record, row: rowNumber, version: fingerprint(cells), warnings });
  }
  return { rows, needsId };
}

/** Two record values that a person would call the same: lists in any order, text up to spacing. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  const key = (v: FieldValue) =>
    Array.isArray(v)
      ? [...v].sort().join('\u0000')
      : typeof v === 'string'
        ? v.trim().replace(/\s+/g, ' ')
        : String(v);
  return typeof a === typeof b && Array.isArray(a) === Array.isArray(b) && key(a) === key(b);
}

/** A rectangle to write with one setValues(): 1-based, as Range coordinates. */
export interface Block {
  readonly row: number;
  readonly column: number;
  readonly values: Cell[][];
}

export interface RowChange {
  /** 1-based sheet row; past the last row for a new record. */
  readonly row: number;
  readonly values: Readonly<Rec>;
}

/**
 * A cell written back as it was read: the same date, number, checkbox or text (typed text kept text).
 * Null for what a write cannot restore from its value alone.
 */
function restored(value: unknown): Cell | null {
  if (isDate(value) || typeof value === 'number' || typeof value === 'boolean') return value;
  return typeof value === 'string' ? asText(value) : null;
}

/**
 * Plans the writes for some changed rows: only cells whose value differs are written, grouped into
 * rectangles of adjacent cells, so unknown columns, formulas and untouched cells are never rewritten.
 *
 * `bridge` (Database.update only, on a tab only the add-on writes, with the rows read in the same
 * breath) also rewrites the table's own unchanged cells between two changed cells of a row with what
 * was read, so one row's change is one rectangle. A column of the person's own in between is never
 * bridged. A formula typed into a bridged cell would become its value: hence only the add-on's logs.
 */
export function planWrites(
  table: Table,
  map: HeaderMap,
  current: readonly (readonly unknown[])[],
  changes: readonly RowChange[],
  toDate: DateInZone,
  bridge = false,
): Block[] {
  const own = new Set(Object.values(map.index));
  const segments: { row: number; column: number; cells: Cell[] }[] = [];
  for (const change of [...changes].sort((a, b) => a.row - b.row)) {
    const existing = current[change.row - 1] ?? [];
    // A new row is written whole (its empty cells too), so a block of new rows is one rectangle.
    const isNew = change.row > current.length;
    const dirty = new Map<number, Cell>();
    for (const column of table.columns) {
      const at = map.index[column.key];
      if (at === undefined || (!(column.key in change.values) && !isNew)) continue;
      const value = column.key in change.values ? change.values[column.key] : emptyValue(column);
      const wanted = column.key in change.values ? toCell(column, value) : '';
      if (isNew) {
        dirty.set(at, wanted);
        continue;
      }
      // A cell that already reads as the wanted value stays as it is: a formula, a number typed
      // where text was expected, or a blank checkbox is not rewritten by a save of another field.
      const stored = existing[at] ?? '';
      if (
        !sameCell(column, stored, wanted, toDate) &&
        !sameValue(fromCell(column, stored, toDate).value, value)
      ) {
        dirty.set(at, wanted);
      }
    }
    if (bridge && !isNew) {
      const changed = [...dirty.keys()].sort((a, b) => a - b);
      changed.slice(1).forEach((at, i) => {
        const gap: [number, Cell][] = [];
        for (let p = changed[i] + 1; p < at; p++) {
          const cell = own.has(p) ? restored(existing[p] ?? '') : null;
          if (cell === null) return;
          gap.push([p, cell]);
        }
        for (const [p, cell] of gap) dirty.set(p, cell);
      });
    }
    const positions = [...dirty.keys()].sort((a, b) => a - b);
    let run: { row: number; column: number; cells: Cell[] } | undefined;
    for (const at of positions) {
      if (run && run.column + run.cells.length === at + 1) run.cells.push(dirty.get(at) as Cell);
      else segments.push((run = { row: change.row, column: at + 1, cells: [dirty.get(at) as Cell] }));
    }
  }
  // Stack segments on consecutive rows with the same columns into one block.
  const blocks: Block[] = [];
  const open = new Map<string, Block>();
  for (const s of segments) {
    const key = `${s.column}:${s.cells.length}`;
    const last = open.get(key);
    if (last && last.row + last.values.length === s.row) {
      last.values.push(s.cells);
    } else {
      const block = { row: s.row, column: s.column, values: [s.cells] };
      blocks.push(block);
      open.set(key, block);
    }
  }
  return blocks;
}
