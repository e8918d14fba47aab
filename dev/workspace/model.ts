// The plain state of spreadsheets, tabs, cells and charts, shared by the fake API objects, and what those
// objects see of the spreadsheet that owns them (BookHandle, RangeOwner): declared here so that
// spreadsheet.ts, sheet.ts, range.ts and charts.ts depend on this module and not on each other; book.ts
// makes them all. Nothing here counts calls; the fakes do.
import { RangeRef, RangeResolver, RuleData, shiftSpanForDelete, shiftSpanForInsert } from './conditional';
import type { Env } from './env';
import type { ValidationData } from './validation';
import type { CellValue } from './values';

export interface CellStyle {
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  note?: string;
}

export interface Cell {
  v: CellValue;
  /** Formula as written, e.g. '=SUM(A1:A3)'. */
  f?: string;
  /** Number format; absent means General. */
  fmt?: string;
  dv?: ValidationData;
  st?: CellStyle;
}

export interface ProtectionData {
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  /** A1 notation of a protected range; absent for a whole-sheet protection. */
  range?: string;
}

/** Everything a chart is, apart from its id. */
export interface ChartSpec {
  type: string;
  ranges: RangeRef[];
  /** Google Charts options by dotted key; values as the script passed them. */
  options: Record<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** -1: Sheets decides. */
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
}

/** A chart on a tab (SheetData.charts). */
export interface ChartData extends ChartSpec {
  id: number;
}

/**
 * One spreadsheet as its fakes see it (book.ts's Book): its data, the fake object of each tab and of the
 * whole spreadsheet, and a Range of it turned into stored coordinates (toRef fails for anything else).
 */
export interface BookHandle<Tab = unknown, Whole = unknown> extends RangeResolver {
  readonly env: Env;
  readonly data: SpreadsheetData;
  sheet(d: SheetData): Tab;
  spreadsheet(): Whole;
  activeSheetData(): SheetData;
  /** Tab names are unique ignoring case, as in Sheets. */
  checkNewName(name: string, self: SheetData | null): void;
  addSheet(name: string | null, index?: number): SheetData;
}

/** What a Range needs of its tab (sheet.ts's FakeSheet): the tab's data and its spreadsheet. */
export interface RangeOwner {
  readonly data: SheetData;
  readonly book: BookHandle;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

function hasContent(c: Cell | undefined): boolean {
  return c !== undefined && (c.v !== '' || c.f !== undefined);
}

function isBare(c: Cell): boolean {
  return c.v === '' && c.f === undefined && c.fmt === undefined && c.dv === undefined && c.st === undefined;
}

export class SheetData {
  /** rows[r-1][c-1]; sparse, grown on write. */
  rows: (Array<Cell | undefined> | undefined)[] = [];
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths: Record<number, number> = {};
  rowHeights: Record<number, number> = {};
  autoResized: number[] = [];
  rules: RuleData[] = [];
  protections: ProtectionData[] = [];
  /** Embedded charts on this tab; they go when the tab is deleted, not when it is cleared. */
  charts: ChartData[] = [];
  /** The form answering into this tab (set by forms.ts, not saved: restored from the forms' destinations). */
  formId: string | null = null;

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  writable(row: number, column: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[column - 1];
    if (!c) {
      c = { v: '' };
      r[column - 1] = c;
    }
    return c;
  }

  /** Drops a cell that no longer holds anything, so the sparse arrays stay small. */
  tidy(row: number, column: number): void {
    const r = this.rows[row - 1];
    const c = r?.[column - 1];
    if (r && c && isBare(c)) r[column - 1] = undefined;
  }

  lastRow(): number {
    // Asked at every read; formats and dropdowns fill a tab's rows with cells that hold nothing, so this
    // is a plain loop (no callback per cell).
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i];
      if (!r) continue;
      for (let j = 0; j < r.length; j++) if (hasContent(r[j])) return i + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const r of this.rows) {
      if (!r) continue;
      for (let j = r.length - 1; j >= last; j--) {
        if (hasContent(r[j])) {
          last = j + 1;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts n rows so the first new row is `at`; new rows take formats and validations of `copyFrom`. */
  insertRows(at: number, n: number, copyFrom: number | null): void {
    const template = copyFrom === null ? undefined : this.rows[copyFrom - 1];
    const fresh = (): Array<Cell | undefined> | undefined =>
      template?.map((c) =>
        c && (c.fmt || c.dv || c.st)
          ? { v: '', fmt: c.fmt, dv: c.dv, st: c.st ? { ...c.st, note: undefined } : undefined }
          : undefined,
      );
    if (this.rows.length < at - 1) this.rows.length = at - 1;
    this.rows.splice(at - 1, 0, ...Array.from({ length: n }, fresh));
    this.maxRows += n;
    if (at <= this.frozenRows) this.frozenRows += n;
    this.shiftRules('row', (s, k) => shiftSpanForInsert(s, k, at, n));
  }

  deleteRows(at: number, n: number): void {
    this.rows.splice(at - 1, n);
    this.maxRows -= n;
    if (at <= this.frozenRows) this.frozenRows = Math.max(at - 1, this.frozenRows - n);
    this.shiftRules('row', (s, k) => shiftSpanForDelete(s, k, at, n));
  }

  insertColumns(at: number, n: number, copyFrom: number | null): void {
    for (const r of this.rows) {
      if (!r) continue;
      const t = copyFrom === null ? undefined : r[copyFrom - 1];
      const make = (): Cell | undefined =>
        t && (t.fmt || t.dv || t.st)
          ? { v: '', fmt: t.fmt, dv: t.dv, st: t.st ? { ...t.st, note: undefined } : undefined }
          : undefined;
      if (r.length >= at - 1) r.splice(at - 1, 0, ...Array.from({ length: n }, make));
    }
    this.maxColumns += n;
    if (at <= this.frozenColumns) this.frozenColumns += n;
    this.shiftWidths(at, n);
    this.shiftRules('column', (s, k) => shiftSpanForInsert(s, k, at, n));
  }

  deleteColumns(at: number, n: number): void {
    for (const r of this.rows) r?.splice(at - 1, n);
    this.maxColumns -= n;
    if (at <= this.frozenColumns) this.frozenColumns = Math.max(at - 1, this.frozenColumns - n);
    this.shiftWidths(at, -n);
    this.shiftRules('column', (s, k) => shiftSpanForDelete(s, k, at, n));
  }

  private shiftWidths(at: number, delta: number): void {
    const next: Record<number, number> = {};
    for (const [k, w] of Object.entries(this.columnWidths)) {
      const col = Number(k);
      if (col < at) next[col] = w;
      else if (delta > 0) next[col + delta] = w;
      else if (col >= at - delta) next[col + delta] = w;
    }
    this.columnWidths = next;
  }

  private shiftRules(
    axis: 'row' | 'column',
    shift: (start: number, count: number) => [number, number],
  ): void {
    for (const rule of this.rules) {
      rule.ranges = rule.ranges
        .map((r) => {
          if (r.sheetId !== this.id) return r;
          if (axis === 'row') {
            const [row, numRows] = shift(r.row, r.numRows);
            return { ...r, row, numRows };
          }
          const [column, numColumns] = shift(r.column, r.numColumns);
          return { ...r, column, numColumns };
        })
        .filter((r) => r.numRows > 0 && r.numColumns > 0);
    }
    this.rules = this.rules.filter((r) => r.ranges.length > 0);
  }
}

export class SpreadsheetData {
  sheets: SheetData[] = [];
  activeSheetId: number | null = null;
  /** Active range of the active sheet, as A1 notation. */
  activeRange = 'A1';

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  sheetById(id: number): SheetData | undefined {
    return this.sheets.find((s) => s.id === id);
  }
}
