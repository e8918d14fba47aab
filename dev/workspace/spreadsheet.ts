// SpreadsheetApp Spreadsheet: its tabs, name, URL and time zone.
import { Counted } from './env';
import type { BookHandle } from './model';
import type { FakeSheet } from './sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class FakeSpreadsheet
  extends Counted
  implements Pick<Spreadsheet, 'getId' | 'getName' | 'getUrl' | 'getSpreadsheetTimeZone'>
{
  constructor(readonly book: BookHandle<FakeSheet>) {
    super(book.env, 'SpreadsheetApp', 'Spreadsheet');
  }

  private sheetArg(sheet: unknown): FakeSheet {
    const found = this.book.data.sheets.map((d) => this.book.sheet(d)).find((s) => s === sheet);
    return found ?? this.env.fail('Invalid argument: sheet');
  }

  getId(): string {
    this.rec('getId');
    return this.book.data.id;
  }
  getName(): string {
    this.rec('getName');
    return this.book.data.name;
  }
  getUrl(): string {
    this.rec('getUrl');
    return this.book.data.url;
  }
  getSpreadsheetTimeZone(): string {
    this.rec('getSpreadsheetTimeZone');
    return this.book.data.timeZone;
  }
  getSheets(): FakeSheet[] {
    this.rec('getSheets');
    return this.book.data.sheets.map((d) => this.book.sheet(d));
  }
  getSheetByName(name: string): FakeSheet | null {
    this.rec('getSheetByName');
    const d = this.book.data.sheets.find((s) => s.name === String(name));
    return d ? this.book.sheet(d) : null;
  }
  getSheetById(id: number): FakeSheet | null {
    this.rec('getSheetById');
    const d = this.book.data.sheetById(Number(id));
    return d ? this.book.sheet(d) : null;
  }
  /** insertSheet() | insertSheet(name) | insertSheet(name, index) | insertSheet(index); index is 0-based. */
  insertSheet(a?: unknown, b?: unknown): FakeSheet {
    this.rec('insertSheet');
    const name = typeof a === 'string' ? a : null;
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
    const d = this.book.addSheet(name, index);
    this.book.data.activeSheetId = d.id;
    return this.book.sheet(d);
  }
  deleteSheet(sheet: unknown): void {
    this.rec('deleteSheet');
    const s = this.sheetArg(sheet);
    const visible = this.book.data.sheets.filter((d) => !d.hidden && d !== s.data);
    if (visible.length === 0) this.env.fail("You can't remove all the visible sheets in a document.");
    this.book.data.sheets = this.book.data.sheets.filter((d) => d !== s.data);
    if (this.book.data.activeSheetId === s.data.id)
      this.book.data.activeSheetId = this.book.data.sheets[0].id;
  }
  getActiveSheet(): FakeSheet {
    this.rec('getActiveSheet');
    return this.book.sheet(this.book.activeSheetData());
  }
  setActiveSheet(sheet: unknown): FakeSheet {
    this.rec('setActiveSheet');
    const s = this.sheetArg(sheet);
    this.book.data.activeSheetId = s.data.id;
    return s;
  }
  // reference/spreadsheet/spreadsheet#moveActiveSheet(Integer): to a 1-based position; throws past the
  // number of sheets.
  moveActiveSheet(pos: number): void {
    this.rec('moveActiveSheet');
    const sheets = this.book.data.sheets;
    if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 1 || pos > sheets.length)
      this.env.fail('Invalid argument: pos');
    const active = this.book.activeSheetData();
    const rest = sheets.filter((d) => d !== active);
    rest.splice(pos - 1, 0, active);
    this.book.data.sheets = rest;
    this.book.data.activeSheetId = active.id;
  }
}
