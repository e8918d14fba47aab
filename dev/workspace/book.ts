// One spreadsheet's fakes: keeps one FakeSheet per tab and the Spreadsheet object, and turns a Range into
// stored coordinates. The fakes it makes see it as model.ts's BookHandle, so none of them imports it.
import type { RangeRef } from './conditional';
import type { Env } from './env';
import { BookHandle, SheetData, SpreadsheetData } from './model';
import { FakeRange } from './range';
import { FakeSheet } from './sheet';
import { FakeSpreadsheet } from './spreadsheet';

export class Book implements BookHandle<FakeSheet, FakeSpreadsheet> {
  private readonly sheets = new WeakMap<SheetData, FakeSheet>();
  private fake: FakeSpreadsheet | null = null;

  constructor(
    readonly env: Env,
    readonly data: SpreadsheetData,
  ) {}

  toRef(range: unknown): RangeRef {
    if (!(range instanceof FakeRange)) return this.env.fail('Invalid argument: ranges');
    return {
      sheetId: range.sheet.data.id,
      row: range.row,
      column: range.column,
      numRows: range.numRows,
      numColumns: range.numColumns,
    };
  }

  sheet(d: SheetData): FakeSheet {
    let s = this.sheets.get(d);
    if (!s) {
      s = new FakeSheet(this, d);
      this.sheets.set(d, s);
    }
    return s;
  }

  spreadsheet(): FakeSpreadsheet {
    this.fake ??= new FakeSpreadsheet(this);
    return this.fake;
  }

  activeSheetData(): SheetData {
    const d = this.data.activeSheetId === null ? undefined : this.data.sheetById(this.data.activeSheetId);
    return d ?? this.data.sheets[0];
  }

  /** Tab names are unique ignoring case, as in Sheets. */
  checkNewName(name: string, self: SheetData | null): void {
    if (name.trim() === '') this.env.fail('Invalid argument: name');
    if (name.length > 100) this.env.fail('The sheet name cannot be longer than 100 characters.');
    const clash = this.data.sheets.find((s) => s !== self && s.name.toLowerCase() === name.toLowerCase());
    if (clash) this.env.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** Adds a tab; the first tab of a spreadsheet has id 0 like in Sheets, later ones random ids. */
  addSheet(name: string | null, index?: number): SheetData {
    let finalName = name;
    if (finalName === null) {
      let n = this.data.sheets.length + 1;
      while (this.data.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    this.checkNewName(finalName, null);
    let id = this.data.sheets.length === 0 ? 0 : this.env.nextRandom() % 2147483647;
    while (this.data.sheetById(id)) id = this.env.nextRandom() % 2147483647;
    const d = new SheetData(finalName, id);
    const at =
      index === undefined ? this.data.sheets.length : Math.max(0, Math.min(index, this.data.sheets.length));
    this.data.sheets.splice(at, 0, d);
    return d;
  }
}
