// SpreadsheetApp Range: 1-based, reads give fresh copies, writes parse like typing.
import { a1 } from './a1';
import { Counted, isDate } from './env';
import type { Cell, CellStyle, SheetData } from './model';
import type { FakeProtection, FakeSheet } from './sheet';
import { sortRows, SortSpec } from './sort';
import { FakeDataValidation, ruleData, satisfies, ValidationData } from './validation';
import { CellValue, displayValue, parseInput, Parsed } from './values';

type Range = GoogleAppsScript.Spreadsheet.Range;

const DEFAULT_STYLE: Required<Omit<CellStyle, 'note'>> = {
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  background: '#ffffff',
  fontColor: '#000000',
  wrap: true,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
};

export class FakeRange
  extends Counted
  implements
    Pick<
      Range,
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getA1Notation'
      | 'getValues'
      | 'getValue'
      | 'getDisplayValues'
      | 'getDisplayValue'
      | 'getFormulas'
      | 'getFormula'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'getBackground'
      | 'getBackgrounds'
      | 'getNote'
      | 'getNotes'
      | 'getWrap'
      | 'getWraps'
      | 'isBlank'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    super(sheet.book.env, 'SpreadsheetApp', 'Range');
  }

  private get data(): SheetData {
    return this.sheet.data;
  }

  private get zone(): string {
    return this.sheet.book.data.timeZone;
  }

  private grid<T>(f: (cell: Cell | undefined, row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: T[] = [];
      const r = this.data.rows[this.row - 1 + i];
      for (let j = 0; j < this.numColumns; j++)
        line.push(f(r?.[this.column - 1 + j], this.row + i, this.column + j));
      out.push(line);
    }
    return out;
  }

  /**
   * Sets one property per cell from a grid; `undefined` removes it. A removal on a cell that does not
   * exist is skipped instead of making and tidying one, which keeps whole-column writes over a thousand
   * empty rows cheap in the fake. Same result as each().
   */
  private setEach<T>(grid: (T | undefined)[][], set: (cell: Cell, value: T | undefined) => void): void {
    for (let i = 0; i < this.numRows; i++) {
      const line = grid[i];
      const row = this.row + i;
      for (let j = 0; j < this.numColumns; j++) {
        const column = this.column + j;
        const value = line[j];
        if (value === undefined && this.data.cell(row, column) === undefined) continue;
        set(this.data.writable(row, column), value);
        this.data.tidy(row, column);
      }
    }
  }

  private each(f: (cell: Cell, row: number, column: number) => void): void {
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numColumns; j++) {
        const row = this.row + i;
        const column = this.column + j;
        f(this.data.writable(row, column), row, column);
        this.data.tidy(row, column);
      }
    }
  }

  private out(v: CellValue): CellValue {
    return isDate(v) ? this.sheet.book.env.date(v.getTime()) : v;
  }

  /** Checks that a 2-D argument has this range's shape, with Apps Script's messages. */
  private checkShape(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values)) {
      this.env.fail(
        `The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (values.length !== this.numRows) {
      this.env.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values) {
      if (!Array.isArray(row)) {
        this.env.fail(
          `The parameters (${typeof row}[]) don't match the method signature for SpreadsheetApp.Range.${method}.`,
        );
      }
      if (row.length !== this.numColumns) {
        this.env.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numColumns}.`,
        );
      }
    }
    return values as unknown[][];
  }

  /** Parses every input, checks validation rules, then writes: all or nothing, like Sheets. */
  private write(inputs: (row: number, column: number) => unknown, asFormula: boolean): void {
    const fail = (m: string): never => this.env.fail(m);
    const parsed: Parsed[][] = this.grid((cell, row, column) => {
      const input = inputs(row - this.row, column - this.column);
      if (asFormula) {
        const f = String(input ?? '');
        if (f.startsWith('=')) return parseInput(f, '', this.zone, fail);
        if (f === '') return { value: '' };
      }
      const p = parseInput(input, cell?.fmt ?? '', this.zone, fail);
      if (cell?.dv && !cell.dv.allowInvalid && !satisfies(cell.dv, p.value)) {
        this.env.fail(
          `The data you entered in cell ${a1(row, column)} violates the data validation rules set on this cell.`,
        );
      }
      return p;
    });
    this.each((cell, row, column) => {
      const p = parsed[row - this.row][column - this.column];
      cell.v = p.value;
      if (p.formula === undefined) delete cell.f;
      else cell.f = p.formula;
      if (p.autoFormat && (cell.fmt === undefined || cell.fmt.toLowerCase() === 'general'))
        cell.fmt = p.autoFormat;
    });
  }

  private style<K extends keyof CellStyle>(key: K, value: CellStyle[K] | null): void {
    this.each((cell) => {
      if (value === null || value === undefined || value === '') {
        if (cell.st) {
          delete cell.st[key];
          if (Object.keys(cell.st).length === 0) delete cell.st;
        }
      } else {
        cell.st = { ...cell.st, [key]: value };
      }
    });
  }

  private styles<K extends keyof CellStyle>(key: K, values: unknown, method: string): void {
    const grid = this.checkShape(values, method);
    this.each((cell, row, column) => {
      const v = grid[row - this.row][column - this.column];
      if (v === null || v === undefined || v === '') {
        if (cell.st) delete cell.st[key];
        if (cell.st && Object.keys(cell.st).length === 0) delete cell.st;
      } else {
        cell.st = { ...cell.st, [key]: v as CellStyle[K] };
      }
    });
  }

  private readStyle<K extends keyof CellStyle>(key: K): NonNullable<CellStyle[K]>[][] {
    const fallback = key === 'note' ? '' : DEFAULT_STYLE[key as Exclude<K, 'note'>];
    return this.grid((c) => (c?.st?.[key] ?? fallback) as NonNullable<CellStyle[K]>);
  }

  // --- geometry ---
  getRow(): number {
    this.rec('getRow');
    return this.row;
  }
  getRowIndex(): number {
    this.rec('getRowIndex');
    return this.row;
  }
  getColumn(): number {
    this.rec('getColumn');
    return this.column;
  }
  getNumRows(): number {
    this.rec('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.rec('getNumColumns');
    return this.numColumns;
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.column + this.numColumns - 1;
  }
  getA1Notation(): string {
    this.rec('getA1Notation');
    return a1(this.row, this.column, this.numRows, this.numColumns);
  }
  protect(): FakeProtection {
    this.rec('protect');
    return this.sheet.addProtection(a1(this.row, this.column, this.numRows, this.numColumns));
  }
  getSheet(): FakeSheet {
    this.rec('getSheet');
    return this.sheet;
  }
  getGridId(): number {
    this.rec('getGridId');
    return this.data.id;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.rec('offset');
    return this.sheet.rangeAt(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    );
  }
  getCell(row: number, column: number): FakeRange {
    this.rec('getCell');
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns)
      this.env.fail('Cell reference out of range');
    return this.sheet.rangeAt(this.row + row - 1, this.column + column - 1, 1, 1);
  }
  activate(): this {
    this.rec('activate');
    this.sheet.book.data.activeSheetId = this.data.id;
    this.sheet.book.data.activeRange = a1(this.row, this.column, this.numRows, this.numColumns);
    return this;
  }

  // --- values ---
  getValues(): CellValue[][] {
    this.rec('getValues');
    return this.valuesUncounted();
  }
  /** getValues without counting, for Sheet.getSheetValues, which is one call of its own. */
  valuesUncounted(): CellValue[][] {
    return this.grid((c) => this.out(c?.v ?? ''));
  }
  getValue(): CellValue {
    this.rec('getValue');
    return this.out(this.data.cell(this.row, this.column)?.v ?? '');
  }
  getDisplayValues(): string[][] {
    this.rec('getDisplayValues');
    return this.grid((c) => displayValue(c?.v ?? '', c?.fmt ?? '', this.zone));
  }
  getDisplayValue(): string {
    this.rec('getDisplayValue');
    const c = this.data.cell(this.row, this.column);
    return displayValue(c?.v ?? '', c?.fmt ?? '', this.zone);
  }
  isBlank(): boolean {
    this.rec('isBlank');
    return this.grid((c) => c === undefined || (c.v === '' && c.f === undefined)).every((r) =>
      r.every(Boolean),
    );
  }
  setValues(values: unknown[][]): this {
    this.rec('setValues');
    return this.writeValuesUncounted(values);
  }
  /** setValues without counting, for appendRow, which is one call of its own. */
  writeValuesUncounted(values: unknown[][]): this {
    const grid = this.checkShape(values, 'setValues');
    this.write((i, j) => grid[i][j], false);
    return this;
  }
  /** Like Apps Script, sets every cell of the range to the value. */
  setValue(value: unknown): this {
    this.rec('setValue');
    this.write(() => value, false);
    return this;
  }
  getFormulas(): string[][] {
    this.rec('getFormulas');
    return this.grid((c) => c?.f ?? '');
  }
  getFormula(): string {
    this.rec('getFormula');
    return this.data.cell(this.row, this.column)?.f ?? '';
  }
  setFormula(formula: string): this {
    this.rec('setFormula');
    this.write(() => formula, true);
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.rec('setFormulas');
    const grid = this.checkShape(formulas, 'setFormulas');
    this.write((i, j) => grid[i][j], true);
    return this;
  }
  clearContent(): this {
    this.rec('clearContent');
    this.each((c) => {
      c.v = '';
      delete c.f;
    });
    return this;
  }
  clearFormat(): this {
    this.rec('clearFormat');
    this.each((c) => {
      delete c.fmt;
      if (c.st) c.st = c.st.note ? { note: c.st.note } : undefined;
      if (!c.st) delete c.st;
    });
    return this;
  }
  clearNote(): this {
    this.rec('clearNote');
    this.style('note', null);
    return this;
  }
  /** Contents and formats, or what the options name; validations stay unless asked. */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    this.rec('clear');
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    this.each((c) => {
      if (!only || o.contentsOnly) {
        c.v = '';
        delete c.f;
      }
      if (!only || o.formatOnly) {
        delete c.fmt;
        if (c.st) c.st = c.st.note ? { note: c.st.note } : undefined;
        if (!c.st) delete c.st;
      }
      if (o.validationsOnly) delete c.dv;
      if (o.commentsOnly && c.st) delete c.st.note;
    });
    return this;
  }

  // --- number formats ---
  getNumberFormats(): string[][] {
    this.rec('getNumberFormats');
    return this.grid((c) => c?.fmt ?? 'General');
  }
  getNumberFormat(): string {
    this.rec('getNumberFormat');
    return this.data.cell(this.row, this.column)?.fmt ?? 'General';
  }
  setNumberFormat(format: string): this {
    this.rec('setNumberFormat');
    const f = String(format);
    this.each((c) => {
      if (f === '' || f.toLowerCase() === 'general') delete c.fmt;
      else c.fmt = f;
    });
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    this.rec('setNumberFormats');
    // A script usually passes the same row array for every row: each distinct row is read once.
    const seen = new Map<unknown[], (string | undefined)[]>();
    const grid = this.checkShape(formats, 'setNumberFormats').map((line) => {
      let out = seen.get(line);
      if (!out) {
        out = line.map((x) => {
          const f = String(x ?? '');
          return f === '' || f.toLowerCase() === 'general' ? undefined : f;
        });
        seen.set(line, out);
      }
      return out;
    });
    this.setEach(grid, (c, f) => {
      if (f === undefined) delete c.fmt;
      else c.fmt = f;
    });
    return this;
  }

  // --- data validation ---
  private rule(d: ValidationData | undefined): FakeDataValidation | null {
    return d ? new FakeDataValidation(this.env, d) : null;
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    this.rec('getDataValidations');
    return this.grid((c) => this.rule(c?.dv));
  }
  getDataValidation(): FakeDataValidation | null {
    this.rec('getDataValidation');
    return this.rule(this.data.cell(this.row, this.column)?.dv);
  }
  setDataValidation(rule: unknown): this {
    this.rec('setDataValidation');
    const d = ruleData(rule, this.env);
    this.each((c) => {
      if (d) c.dv = d;
      else delete c.dv;
    });
    return this;
  }
  setDataValidations(rules: unknown[][]): this {
    this.rec('setDataValidations');
    const grid = this.checkShape(rules, 'setDataValidations');
    const data = grid.map((r) => r.map((x) => ruleData(x, this.env) ?? undefined));
    this.setEach(data, (c, d) => {
      if (d) c.dv = d;
      else delete c.dv;
    });
    return this;
  }
  clearDataValidations(): this {
    this.rec('clearDataValidations');
    this.each((c) => delete c.dv);
    return this;
  }
  /** Checkbox validation; empty cells become FALSE, as in Sheets. */
  insertCheckboxes(): this {
    this.rec('insertCheckboxes');
    const dv: ValidationData = { type: 'CHECKBOX', values: [], allowInvalid: true, helpText: '' };
    this.each((c) => {
      c.dv = dv;
      if (c.v === '' && c.f === undefined) c.v = false;
    });
    return this;
  }

  // --- formatting (recorded per cell) ---
  setFontWeight(fontWeight: string | null): this {
    this.rec('setFontWeight');
    this.style('fontWeight', fontWeight);
    return this;
  }
  setFontWeights(fontWeights: unknown[][]): this {
    this.rec('setFontWeights');
    this.styles('fontWeight', fontWeights, 'setFontWeights');
    return this;
  }
  getFontWeight(): string {
    this.rec('getFontWeight');
    return this.readStyle('fontWeight')[0][0];
  }
  getFontWeights(): string[][] {
    this.rec('getFontWeights');
    return this.readStyle('fontWeight');
  }
  setFontStyle(fontStyle: string | null): this {
    this.rec('setFontStyle');
    this.style('fontStyle', fontStyle);
    return this;
  }
  getFontStyles(): string[][] {
    this.rec('getFontStyles');
    return this.readStyle('fontStyle');
  }
  setFontSize(size: number): this {
    this.rec('setFontSize');
    this.style('fontSize', size);
    return this;
  }
  setFontFamily(family: string | null): this {
    this.rec('setFontFamily');
    this.style('fontFamily', family);
    return this;
  }
  setBackground(color: string | null): this {
    this.rec('setBackground');
    this.style('background', color);
    return this;
  }
  setBackgrounds(colors: unknown[][]): this {
    this.rec('setBackgrounds');
    this.styles('background', colors, 'setBackgrounds');
    return this;
  }
  getBackground(): string {
    this.rec('getBackground');
    return this.readStyle('background')[0][0];
  }
  getBackgrounds(): string[][] {
    this.rec('getBackgrounds');
    return this.readStyle('background');
  }
  setFontColor(color: string | null): this {
    this.rec('setFontColor');
    this.style('fontColor', color);
    return this;
  }
  getFontColor(): string {
    this.rec('getFontColor');
    return this.readStyle('fontColor')[0][0];
  }
  getFontColors(): string[][] {
    this.rec('getFontColors');
    return this.readStyle('fontColor');
  }
  setWrap(wrap: boolean): this {
    this.rec('setWrap');
    this.style('wrap', Boolean(wrap));
    return this;
  }
  getWrap(): boolean {
    this.rec('getWrap');
    return this.readStyle('wrap')[0][0];
  }
  getWraps(): boolean[][] {
    this.rec('getWraps');
    return this.readStyle('wrap');
  }
  setHorizontalAlignment(alignment: string | null): this {
    this.rec('setHorizontalAlignment');
    this.style('horizontalAlignment', alignment);
    return this;
  }
  getHorizontalAlignments(): string[][] {
    this.rec('getHorizontalAlignments');
    return this.readStyle('horizontalAlignment');
  }
  setVerticalAlignment(alignment: string | null): this {
    this.rec('setVerticalAlignment');
    this.style('verticalAlignment', alignment);
    return this;
  }
  setNote(note: string | null): this {
    this.rec('setNote');
    this.style('note', note === null ? null : String(note));
    return this;
  }
  setNotes(notes: unknown[][]): this {
    this.rec('setNotes');
    this.styles('note', notes, 'setNotes');
    return this;
  }
  getNote(): string {
    this.rec('getNote');
    return this.readStyle('note')[0][0];
  }
  getNotes(): string[][] {
    this.rec('getNotes');
    return this.readStyle('note');
  }

  /** sort(column) / sort({column, ascending}) / sort([...]); columns are sheet positions. */
  sort(sortSpecObj: unknown): this {
    this.rec('sort');
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s): SortSpec => {
      if (typeof s === 'number') return { column: s, ascending: true };
      if (s && typeof s === 'object' && 'column' in s) {
        const o = s as { column: unknown; ascending?: unknown };
        return { column: Number(o.column), ascending: o.ascending !== false };
      }
      return this.env.fail('Invalid argument: sortSpecObj');
    });
    for (const s of specs) {
      if (s.column < this.column || s.column >= this.column + this.numColumns) {
        this.env.fail(`The column ${s.column} is out of range.`);
      }
    }
    sortRows(this.data, this.row, this.numRows, this.column, this.numColumns, specs);
    return this;
  }
}
