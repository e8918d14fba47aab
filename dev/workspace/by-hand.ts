// What a person does in the Sheets editor, not through Apps Script: sorting a tab, inserting rows,
// deleting columns, renaming or clearing a tab (edits by hand in Drive and Forms are on the workspace:
// editDriveItem, trashDriveItem, forms.submit, forms.setRequireLogin). Nothing here is counted, needs a
// scope or spends a quota, and nothing here is a faked Apps Script method: tests use it to change the
// world between executions, or in the middle of one with `calls.before(key, fn)`. Each edit does what the
// editor does, which the reference page of the matching Apps Script method (named on each) describes too.
// `inspectCell` reads what the Sheets UI shows of one cell (its format and dropdown), without counting.
import type { CellStyle } from './model';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import { sortRows } from './sort';
import type { ValidationData } from './validation';
import type { CellValue } from './values';

export interface InspectedCell {
  value: CellValue;
  /** The formula as typed, or ''. */
  formula: string;
  /** The number format, or '' for General. */
  format: string;
  /** The cell's data validation (dropdown, checkbox…), or null. */
  validation: ValidationData | null;
  /** Font weight, background and the other formats set on it ({} when none). */
  style: CellStyle;
}

export const byHand = {
  /** Data > Sort sheet by one column: every row below the frozen ones moves, whole (reference/spreadsheet/sheet#sort(Integer,Boolean)). */
  sortSheet(sheet: FakeSheet, column: number, ascending = true): void {
    const d = sheet.data;
    const first = d.frozenRows + 1;
    const last = d.lastRow();
    if (last >= first) sortRows(d, first, last - first + 1, 1, d.maxColumns, [{ column, ascending }]);
  },

  /** Data > Sort range by one column of the sheet (reference/spreadsheet/range#sort(Object)). */
  sortRange(range: FakeRange, column: number, ascending = true): void {
    if (column < range.column || column >= range.column + range.numColumns)
      throw new Error(`byHand.sortRange: column ${column} is outside the range`);
    sortRows(range.sheet.data, range.row, range.numRows, range.column, range.numColumns, [
      { column, ascending },
    ]);
  },

  /** Insert n rows above `before`, formatted like it (reference/spreadsheet/sheet#insertRowsBefore(Integer,Integer)). */
  insertRowsBefore(sheet: FakeSheet, before: number, n = 1): void {
    if (before < 1 || before > sheet.data.maxRows || n < 1)
      throw new Error('byHand.insertRowsBefore: rows out of bounds');
    sheet.data.insertRows(before, n, before);
  },

  /** Delete n columns from `at` (reference/spreadsheet/sheet#deleteColumns(Integer,Integer)): at least one stays. */
  deleteColumns(sheet: FakeSheet, at: number, n = 1): void {
    if (at < 1 || n < 1 || at + n - 1 > sheet.data.maxColumns)
      throw new Error('byHand.deleteColumns: columns out of bounds');
    if (n >= sheet.data.maxColumns) throw new Error('byHand.deleteColumns: a tab keeps at least one column');
    sheet.data.deleteColumns(at, n);
  },

  /** Renames a tab; names are unique ignoring case, as in Sheets (reference/spreadsheet/sheet#setName(String)). */
  renameSheet(sheet: FakeSheet, name: string): void {
    sheet.book.checkNewName(name, sheet.data);
    sheet.data.name = name;
  },

  /** Selects the whole tab and clears it: values, formulas, formats, notes and dropdowns go. */
  clearSheet(sheet: FakeSheet): void {
    sheet.data.rows = [];
  },
};

/** One cell as the Sheets UI shows it (value, formula, number format, validation, style), without counting. */
export function inspectCell(sheet: FakeSheet, row: number, column: number): InspectedCell {
  const c = sheet.data.cell(row, column);
  return {
    value: c?.v ?? '',
    formula: c?.f ?? '',
    format: c?.fmt ?? '',
    validation: c?.dv ? { ...c.dv, values: [...c.dv.values] } : null,
    style: { ...c?.st },
  };
}

/** A tab's formulas ('' where none) over its data range, as getDataRange().getFormulas() gave them, without counting. */
export function inspectFormulas(sheet: FakeSheet): string[][] {
  const d = sheet.data;
  const rows = Math.max(d.lastRow(), 1);
  const cols = Math.max(d.lastColumn(), 1);
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_x, j) => d.cell(i + 1, j + 1)?.f ?? ''),
  );
}
