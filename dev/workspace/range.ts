// SpreadsheetApp Range: 1-based, reads give fresh copies, writes parse like typing.
import { a1 } from './a1';
import { Counted, Env, isDate } from './env';
import type { Cell, CellStyle, ProtectionData, RangeOwner, SheetData } from './model';
import { ruleData, satisfies } from './validation';
import { CellValue, parseInput, Parsed } from './values';

type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeProtection extends Counted {
  constructor(
    env: Env,
    readonly data: ProtectionData,
  ) {
    super(env, 'SpreadsheetApp', 'Protection');
  }
  setWarningOnly(warningOnly: boolean): this {
    this.rec('setWarningOnly');
    this.data.warningOnly = Boolean(warningOnly);
    return this;
  }
  setDescription(description: string): this {
    this.rec('setDescription');
    this.data.description = String(description);
    return this;
  }
}

export class FakeRange extends Counted implements Pick<Range, 'getValues'> {
  constructor(
    readonly sheet: RangeOwner,
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

  /** A new protection of this range (its editors: the user). */
  protect(): FakeProtection {
    this.rec('protect');
    const p: ProtectionData = {
      description: '',
      warningOnly: false,
      editors: [this.env.userEmail],
      domainEdit: false,
      range: a1(this.row, this.column, this.numRows, this.numColumns),
    };
    this.data.protections.push(p);
    return new FakeProtection(this.env, p);
  }
  getSheet(): RangeOwner {
    this.rec('getSheet');
    return this.sheet;
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
  setValues(values: unknown[][]): this {
    this.rec('setValues');
    return this.writeValuesUncounted(values);
  }
  /** setValues without counting: a form's answer written into its response tab (forms.ts). */
  writeValuesUncounted(values: unknown[][]): this {
    const grid = this.checkShape(values, 'setValues');
    this.write((i, j) => grid[i][j], false);
    return this;
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

  // --- formatting (recorded per cell) ---
  setFontWeight(fontWeight: string | null): this {
    this.rec('setFontWeight');
    this.style('fontWeight', fontWeight);
    return this;
  }
  setBackground(color: string | null): this {
    this.rec('setBackground');
    this.style('background', color);
    return this;
  }
}
