// SpreadsheetApp Sheet: dimensions, ranges, row and column inserts and deletes, frozen rows, rules and charts.
import { parseA1 } from './a1';
import { cloneSpec, FakeEmbeddedChart, FakeEmbeddedChartBuilder, insertChart } from './charts';
import { cloneRule, FakeConditionalFormatRule } from './conditional';
import { Counted } from './env';
import type { BookHandle, SheetData } from './model';
import { FakeRange } from './range';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class FakeSheet
  extends Counted
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'getSheetId'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getFrozenRows'
    >
{
  constructor(
    readonly book: BookHandle,
    readonly data: SheetData,
  ) {
    super(book.env, 'SpreadsheetApp', 'Sheet');
  }

  /** Uncounted: a range after Apps Script's bounds checks. */
  rangeAt(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    for (const n of [row, column, numRows, numColumns]) {
      if (typeof n !== 'number' || !Number.isFinite(n))
        this.env.fail(`Cannot convert ${String(n)} to (class).`);
    }
    const [r, c, nr, nc] = [row, column, numRows, numColumns].map(Math.floor);
    if (r < 1) this.env.fail('The starting row of the range is too small.');
    if (c < 1) this.env.fail('The starting column of the range is too small.');
    if (nr < 1) this.env.fail('The number of rows in the range must be at least 1.');
    if (nc < 1) this.env.fail('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > this.data.maxRows || c + nc - 1 > this.data.maxColumns) {
      this.env.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, r, c, nr, nc);
  }

  /** Uncounted: A1 notation within this sheet. */
  rangeA1(notation: string): FakeRange {
    const box = parseA1(String(notation), this.data.maxRows, this.data.maxColumns);
    if (!box) return this.env.fail('Range not found');
    return this.rangeAt(box.row, box.column, box.numRows, box.numColumns);
  }

  getName(): string {
    this.rec('getName');
    return this.data.name;
  }
  /** Makes this the tab the user sees (reference/spreadsheet/sheet#activate()). */
  activate(): this {
    this.rec('activate');
    this.book.data.activeSheetId = this.data.id;
    return this;
  }
  getSheetId(): number {
    this.rec('getSheetId');
    return this.data.id;
  }
  /** The Spreadsheet object (spreadsheet.ts's FakeSpreadsheet). */
  getParent(): unknown {
    this.rec('getParent');
    return this.book.spreadsheet();
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.data.lastRow();
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.data.lastColumn();
  }
  getMaxRows(): number {
    this.rec('getMaxRows');
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    this.rec('getMaxColumns');
    return this.data.maxColumns;
  }
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.rec('getRange');
    if (typeof rowOrA1 === 'string') return this.rangeA1(rowOrA1);
    return this.rangeAt(rowOrA1, column as number, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): FakeRange {
    this.rec('getDataRange');
    return this.rangeAt(1, 1, Math.max(this.data.lastRow(), 1), Math.max(this.data.lastColumn(), 1));
  }
  /**
   * A rectangle's values in one call (spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)):
   * a count of -1 reaches the last row or column with content. On an empty sheet (or past the last row)
   * that is a range of no rows, refused as getRange refuses one: the page does not say, so the harsher reading.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.rec('getSheetValues');
    const rows = numRows === -1 ? this.data.lastRow() - Math.floor(startRow) + 1 : numRows;
    const columns = numColumns === -1 ? this.data.lastColumn() - Math.floor(startColumn) + 1 : numColumns;
    return this.rangeAt(startRow, startColumn, rows, columns).valuesUncounted();
  }
  getFrozenRows(): number {
    this.rec('getFrozenRows');
    return this.data.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.rec('setFrozenRows');
    if (rows < 0 || rows > this.data.maxRows) this.env.fail('Invalid argument: rows');
    this.data.frozenRows = Math.floor(rows);
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.rec('getConditionalFormatRules');
    return this.data.rules.map((r) => new FakeConditionalFormatRule(this.env, cloneRule(r)));
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.rec('setConditionalFormatRules');
    if (!Array.isArray(rules)) this.env.fail('Invalid argument: rules');
    this.data.rules = rules.map((r) => {
      if (!(r instanceof FakeConditionalFormatRule)) return this.env.fail('Invalid argument: rules');
      return cloneRule(r.data);
    });
  }

  // --- embedded charts ---
  private chartArg(chart: unknown, method: string): FakeEmbeddedChart {
    if (!(chart instanceof FakeEmbeddedChart)) {
      return this.env.fail(
        `The parameters (${typeof chart}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`,
      );
    }
    if (chart.book !== this.book)
      this.env.fail('Invalid argument: chart. It belongs to another spreadsheet.');
    return chart;
  }
  /** The index of a chart of this tab, by the chart's id. */
  private chartIndex(chart: FakeEmbeddedChart): number {
    const i = chart.id === null ? -1 : this.data.charts.findIndex((c) => c.id === chart.id);
    if (i === -1) this.env.fail(`The chart is not on the sheet "${this.data.name}".`);
    return i;
  }
  newChart(): FakeEmbeddedChartBuilder {
    this.rec('newChart');
    return FakeEmbeddedChartBuilder.create(this.book);
  }
  /** Adds the chart to this tab with a fresh id (which the chart object then reports). */
  insertChart(chart: unknown): void {
    this.rec('insertChart');
    insertChart(this.book, this.data.charts, this.chartArg(chart, 'insertChart'));
  }
  getCharts(): FakeEmbeddedChart[] {
    this.rec('getCharts');
    return this.data.charts.map((c) => new FakeEmbeddedChart(this.book, cloneSpec(c), c.id));
  }
  removeChart(chart: unknown): void {
    this.rec('removeChart');
    const i = this.chartIndex(this.chartArg(chart, 'removeChart'));
    this.data.charts.splice(i, 1);
  }
  clearContents(): this {
    this.rec('clearContents');
    for (const r of this.data.rows) {
      for (const c of r ?? []) {
        if (!c) continue;
        c.v = '';
        delete c.f;
      }
    }
    return this;
  }
  // reference/spreadsheet/sheet#getFormUrl(): the form answering into this tab, or null. The URL is the
  // form's id under /forms/d/ ending in /viewform, as scripts comparing it with getEditUrl() rely on.
  getFormUrl(): string | null {
    this.rec('getFormUrl');
    return this.data.formId === null ? null : `https://docs.google.com/forms/d/${this.data.formId}/viewform`;
  }
  // --- rows and columns ---
  private checkRows(position: number, howMany: number): void {
    if (!(position >= 1) || !(howMany >= 1) || position + howMany - 1 > this.data.maxRows) {
      this.env.fail('Those rows are out of bounds.');
    }
  }
  private checkColumns(position: number, howMany: number): void {
    if (!(position >= 1) || !(howMany >= 1) || position + howMany - 1 > this.data.maxColumns) {
      this.env.fail('Those columns are out of bounds.');
    }
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertRowsAfter');
    this.checkRows(afterPosition, 1);
    if (!(howMany >= 1)) this.env.fail('Those rows are out of bounds.');
    this.data.insertRows(afterPosition + 1, howMany, afterPosition);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.rec('deleteRows');
    this.checkRows(rowPosition, howMany);
    const frozenDeleted = Math.max(
      0,
      Math.min(rowPosition + howMany - 1, this.data.frozenRows) - rowPosition + 1,
    );
    if (this.data.maxRows - howMany <= this.data.frozenRows - frozenDeleted) {
      this.env.fail('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.data.deleteRows(rowPosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertColumnsAfter');
    this.checkColumns(afterPosition, 1);
    if (!(howMany >= 1)) this.env.fail('Those columns are out of bounds.');
    this.data.insertColumns(afterPosition + 1, howMany, afterPosition);
    return this;
  }
}
