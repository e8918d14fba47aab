// Row sorting as Sheets does it: numbers and dates, then text (case-insensitive), then booleans;
// empty cells always last whatever the direction. Whole cells move, with their formats and validations.
import { isDate } from './env';
import type { Cell, SheetData } from './model';
import type { CellValue } from './values';

export interface SortSpec {
  column: number;
  ascending: boolean;
}

function rank(v: CellValue): number {
  if (typeof v === 'number' || isDate(v)) return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compareValues(a: CellValue, b: CellValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return Number(a.valueOf()) - Number(b.valueOf());
  if (ra === 1) return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
  return Number(a) - Number(b);
}

export function sortRows(
  sheet: SheetData,
  row: number,
  numRows: number,
  column: number,
  numColumns: number,
  specs: SortSpec[],
): void {
  const lines = Array.from({ length: numRows }, (_, i) => {
    const r = sheet.rows[row - 1 + i];
    const cells: (Cell | undefined)[] = Array.from({ length: numColumns }, (_x, j) => r?.[column - 1 + j]);
    return { cells, index: i };
  });
  lines.sort((x, y) => {
    for (const s of specs) {
      const a = x.cells[s.column - column]?.v ?? '';
      const b = y.cells[s.column - column]?.v ?? '';
      if (a === '' || b === '') {
        if (a === b) continue;
        return a === '' ? 1 : -1;
      }
      const c = compareValues(a, b);
      if (c !== 0) return s.ascending ? c : -c;
    }
    return x.index - y.index;
  });
  lines.forEach((line, i) => {
    const r = row - 1 + i;
    if (!sheet.rows[r]) {
      if (line.cells.every((c) => c === undefined)) return;
      sheet.rows[r] = [];
    }
    const target = sheet.rows[r] as (Cell | undefined)[];
    line.cells.forEach((c, j) => {
      target[column - 1 + j] = c;
    });
  });
}
