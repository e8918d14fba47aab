// SpreadsheetApp Sheet: dimensions, ranges, row/column edits, frozen panes, rules, protections and charts.
import { parseA1 } from './a1';
import type { Book } from './book';
import { cloneSpec, FakeEmbeddedChart, FakeEmbeddedChartBuilder, insertChart } from './charts';
import { cloneRule, FakeConditionalFormatRule } from './conditional';
import { Counted } from './env';
import { ProtectionData, SheetData } from './model';
import { FakeRange } from './range';
import { sortRows } from './sort';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class FakeProtection extends Counted {
  constructor(
    private readonly sheet: FakeSheet,
    readonly data: ProtectionData,
  ) {
    super(sheet.book.env, 'SpreadsheetApp', 'Protection');
  }
  setWarningOnly(warningOnly: boolean): this {
    this.rec('setWarningOnly');
    this.data.warningOnly = Boolean(warningOnly);
    return this;
  }
  isWarningOnly(): boolean {
    this.rec('isWarningOnly');
    return this.data.warningOnly;
  }
  setDescription(description: string): this {
    this.rec('setDescription');
    this.data.description = String(description);
    return this;
  }
  getDescription(): string {
    this.rec('getDescription');
    return this.data.description;
  }
  addEditor(email: unknown): this {
    this.rec('addEditor');
    this.data.editors.push(String(email));
    return this;
  }
  addEditors(emails: unknown[]): this {
    this.rec('addEditors');
    this.data.editors.push(...emails.map(String));
    return this;
  }
  removeEditors(emails: unknown[]): this {
    this.rec('removeEditors');
    const drop = new Set(emails.map(String));
    this.data.editors = this.data.editors.filter((e) => !drop.has(e));
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    this.rec('getEditors');
    return this.data.editors.map((email) => ({ getEmail: () => email }));
  }
  setDomainEdit(editable: boolean): this {
    this.rec('setDomainEdit');
    this.data.domainEdit = Boolean(editable);
    return this;
  }
  canDomainEdit(): boolean {
    this.rec('canDomainEdit');
    return this.data.domainEdit;
  }
  canEdit(): boolean {
    this.rec('canEdit');
    return true;
  }
  getProtectionType(): string {
    this.rec('getProtectionType');
    return this.data.range ? 'RANGE' : 'SHEET';
  }
  remove(): void {
    this.rec('remove');
    this.sheet.data.protections = this.sheet.data.protections.filter((p) => p !== this.data);
  }
}

export class FakeSheet
  extends Counted
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'getSheetId'
      | 'getIndex'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getFrozenRows'
      | 'getFrozenColumns'
      | 'isSheetHidden'
      | 'getColumnWidth'
    >
{
  constructor(
    readonly book: Book,
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
  getSheetName(): string {
    this.rec('getSheetName');
    return this.data.name;
  }
  setName(name: string): this {
    this.rec('setName');
    this.book.checkNewName(String(name), this.data);
    this.data.name = String(name);
    return this;
  }
  getSheetId(): number {
    this.rec('getSheetId');
    return this.data.id;
  }
  getIndex(): number {
    this.rec('getIndex');
    return this.book.data.sheets.indexOf(this.data) + 1;
  }
  getParent(): ReturnType<Book['spreadsheet']> {
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
  /** Writes after the last row with content, growing the sheet as needed. */
  appendRow(rowContents: unknown[]): this {
    this.rec('appendRow');
    if (!Array.isArray(rowContents) || rowContents.length === 0) {
      this.env.fail("The parameters () don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    }
    const row = this.data.lastRow() + 1;
    if (row > this.data.maxRows) this.data.insertRows(this.data.maxRows + 1, row - this.data.maxRows, null);
    if (rowContents.length > this.data.maxColumns) {
      this.data.insertColumns(this.data.maxColumns + 1, rowContents.length - this.data.maxColumns, null);
    }
    new FakeRange(this, row, 1, 1, rowContents.length).writeValuesUncounted([rowContents]);
    return this;
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
  getFrozenColumns(): number {
    this.rec('getFrozenColumns');
    return this.data.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this.rec('setFrozenColumns');
    if (columns < 0 || columns > this.data.maxColumns) this.env.fail('Invalid argument: columns');
    this.data.frozenColumns = Math.floor(columns);
  }
  setColumnWidth(column: number, width: number): this {
    this.rec('setColumnWidth');
    this.data.columnWidths[column] = width;
    return this;
  }
  setColumnWidths(start: number, count: number, width: number): this {
    this.rec('setColumnWidths');
    for (let c = start; c < start + count; c++) this.data.columnWidths[c] = width;
    return this;
  }
  getColumnWidth(column: number): number {
    this.rec('getColumnWidth');
    return this.data.columnWidths[column] ?? 100;
  }
  setRowHeight(row: number, height: number): this {
    this.rec('setRowHeight');
    this.data.rowHeights[row] = height;
    return this;
  }
  autoResizeColumn(column: number): this {
    this.rec('autoResizeColumn');
    this.data.autoResized.push(column);
    return this;
  }
  autoResizeColumns(start: number, count: number): this {
    this.rec('autoResizeColumns');
    for (let c = start; c < start + count; c++) this.data.autoResized.push(c);
    return this;
  }
  /** Sorts the rows below the frozen rows by one column, whole rows moving. */
  sort(columnPosition: number, ascending?: boolean): this {
    this.rec('sort');
    const first = this.data.frozenRows + 1;
    const last = this.data.lastRow();
    if (columnPosition < 1 || columnPosition > this.data.maxColumns)
      this.env.fail('Invalid argument: columnPosition');
    if (last >= first) {
      sortRows(this.data, first, last - first + 1, 1, this.data.maxColumns, [
        { column: columnPosition, ascending: ascending !== false },
      ]);
    }
    return this;
  }
  getConditionalFormatRules(): FakeConditionalFormatRule<FakeRange>[] {
    this.rec('getConditionalFormatRules');
    return this.data.rules.map(
      (r) => new FakeConditionalFormatRule(this.env, cloneRule(r), this.book.resolver),
    );
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
  /** Saves a chart rebuilt from modify(): the tab's chart with the same id takes its settings. */
  updateChart(chart: unknown): void {
    this.rec('updateChart');
    const c = this.chartArg(chart, 'updateChart');
    const i = this.chartIndex(c);
    this.data.charts[i] = { ...cloneSpec(c.spec), id: this.data.charts[i].id };
  }
  removeChart(chart: unknown): void {
    this.rec('removeChart');
    const i = this.chartIndex(this.chartArg(chart, 'removeChart'));
    this.data.charts.splice(i, 1);
  }

  clear(): this {
    this.rec('clear');
    for (const r of this.data.rows) {
      if (!r) continue;
      r.forEach((c, j) => {
        r[j] = c?.dv ? { v: '', dv: c.dv } : undefined;
      });
    }
    return this;
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
  clearFormats(): this {
    this.rec('clearFormats');
    for (const r of this.data.rows) {
      for (const c of r ?? []) {
        if (!c) continue;
        delete c.fmt;
        delete c.st;
      }
    }
    return this;
  }
  hideSheet(): this {
    this.rec('hideSheet');
    if (this.book.data.sheets.filter((s) => !s.hidden && s !== this.data).length === 0) {
      this.env.fail("You can't hide all the sheets in a document.");
    }
    this.data.hidden = true;
    return this;
  }
  showSheet(): this {
    this.rec('showSheet');
    this.data.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.rec('isSheetHidden');
    return this.data.hidden;
  }
  setTabColor(color: string | null): this {
    this.rec('setTabColor');
    this.data.tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    this.rec('getTabColor');
    return this.data.tabColor;
  }
  // reference/spreadsheet/sheet#getFormUrl(): the form answering into this tab, or null. The URL is the
  // form's id under /forms/d/ ending in /viewform, as scripts comparing it with getEditUrl() rely on.
  getFormUrl(): string | null {
    this.rec('getFormUrl');
    return this.data.formId === null ? null : `https://docs.google.com/forms/d/${this.data.formId}/viewform`;
  }
  activate(): this {
    this.rec('activate');
    this.book.data.activeSheetId = this.data.id;
    return this;
  }
  protect(): FakeProtection {
    this.rec('protect');
    return this.addProtection();
  }
  /** A new protection of the whole sheet, or of one range (Range.protect() comes here). */
  addProtection(range?: string): FakeProtection {
    const p: ProtectionData = {
      description: '',
      warningOnly: false,
      editors: [this.env.userEmail],
      domainEdit: false,
      ...(range ? { range } : {}),
    };
    this.data.protections.push(p);
    return new FakeProtection(this, p);
  }
  getProtections(type?: unknown): FakeProtection[] {
    this.rec('getProtections');
    const wanted = type === undefined ? undefined : String(type);
    return this.data.protections
      .filter((p) => wanted === undefined || wanted === (p.range ? 'RANGE' : 'SHEET'))
      .map((p) => new FakeProtection(this, p));
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
  insertRowAfter(afterPosition: number): this {
    this.rec('insertRowAfter');
    this.checkRows(afterPosition, 1);
    this.data.insertRows(afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.rec('insertRowsBefore');
    this.checkRows(beforePosition, 1);
    if (!(howMany >= 1)) this.env.fail('Those rows are out of bounds.');
    this.data.insertRows(beforePosition, howMany, beforePosition);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    this.rec('insertRowBefore');
    this.checkRows(beforePosition, 1);
    this.data.insertRows(beforePosition, 1, beforePosition);
    return this;
  }
  insertRows(rowIndex: number, numRows?: number): void {
    this.rec('insertRows');
    this.checkRows(rowIndex, 1);
    this.data.insertRows(rowIndex, numRows ?? 1, rowIndex);
  }
  deleteRow(rowPosition: number): this {
    this.rec('deleteRow');
    this.deleteRowsInner(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.rec('deleteRows');
    this.deleteRowsInner(rowPosition, howMany);
  }
  private deleteRowsInner(at: number, n: number): void {
    this.checkRows(at, n);
    const frozenDeleted = Math.max(0, Math.min(at + n - 1, this.data.frozenRows) - at + 1);
    if (this.data.maxRows - n <= this.data.frozenRows - frozenDeleted) {
      this.env.fail('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.data.deleteRows(at, n);
  }
  insertColumnAfter(afterPosition: number): this {
    this.rec('insertColumnAfter');
    this.checkColumns(afterPosition, 1);
    this.data.insertColumns(afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertColumnsAfter');
    this.checkColumns(afterPosition, 1);
    if (!(howMany >= 1)) this.env.fail('Those columns are out of bounds.');
    this.data.insertColumns(afterPosition + 1, howMany, afterPosition);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    this.rec('insertColumnBefore');
    this.checkColumns(beforePosition, 1);
    this.data.insertColumns(beforePosition, 1, beforePosition);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.rec('insertColumnsBefore');
    this.checkColumns(beforePosition, 1);
    if (!(howMany >= 1)) this.env.fail('Those columns are out of bounds.');
    this.data.insertColumns(beforePosition, howMany, beforePosition);
    return this;
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    this.rec('insertColumns');
    this.checkColumns(columnIndex, 1);
    this.data.insertColumns(columnIndex, numColumns ?? 1, columnIndex);
  }
  deleteColumn(columnPosition: number): this {
    this.rec('deleteColumn');
    this.deleteColumnsInner(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.rec('deleteColumns');
    this.deleteColumnsInner(columnPosition, howMany);
  }
  private deleteColumnsInner(at: number, n: number): void {
    this.checkColumns(at, n);
    if (n >= this.data.maxColumns)
      this.env.fail('Sorry, it is not possible to delete all non-frozen columns.');
    this.data.deleteColumns(at, n);
  }
}
