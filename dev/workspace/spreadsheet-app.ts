// The SpreadsheetApp service object and the set of spreadsheets it can open.
import { Book } from './book';
import { FakeConditionalFormatRuleBuilder } from './conditional';
import { Counted, Env } from './env';
import { SpreadsheetData } from './model';
import type { FakeSpreadsheet } from './spreadsheet';
import type { FakeUi } from './ui';
import { FakeDataValidationBuilder } from './validation';

const URL_ID = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/;

export class SpreadsheetRegistry {
  readonly books = new Map<string, Book>();
  readonly denied = new Set<string>();
  activeId = '';

  constructor(private readonly env: Env) {}

  create(name: string, timeZone: string, id?: string): Book {
    const data = new SpreadsheetData(id ?? this.env.nextFileId(), name, timeZone);
    const book = new Book(this.env, data);
    book.addSheet('Sheet1');
    data.activeSheetId = data.sheets[0].id;
    this.books.set(data.id, book);
    return book;
  }

  /** Adds a restored spreadsheet. */
  adopt(data: SpreadsheetData): Book {
    const book = new Book(this.env, data);
    this.books.set(data.id, book);
    return book;
  }

  idOf(idOrUrl: string): string {
    return URL_ID.exec(idOrUrl)?.[1] ?? idOrUrl;
  }

  open(idOrUrl: unknown, method: 'openById' | 'openByUrl'): Book {
    const text = String(idOrUrl);
    if (method === 'openByUrl' && !URL_ID.test(text)) this.env.fail('Invalid argument: url');
    const id = this.idOf(text);
    if (this.denied.has(id)) this.env.fail('You do not have permission to access the requested document.');
    const book = this.books.get(id);
    if (!book)
      this.env.fail(
        `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`,
      );
    return book;
  }
}

export class FakeSpreadsheetApp extends Counted {
  constructor(
    env: Env,
    private readonly registry: SpreadsheetRegistry,
    private readonly ui: FakeUi,
  ) {
    super(env, 'SpreadsheetApp', null);
  }

  private active(): Book {
    const book = this.registry.books.get(this.registry.activeId);
    return book ?? this.env.fail('No active spreadsheet.');
  }
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    this.rec('getActiveSpreadsheet');
    return this.env.host === 'sheets' ? this.active().spreadsheet() : null;
  }
  getUi(): FakeUi {
    this.rec('getUi');
    if (this.env.host !== 'sheets') this.env.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }
  openById(id: string): FakeSpreadsheet {
    this.rec('openById');
    return this.registry.open(id, 'openById').spreadsheet();
  }
  newDataValidation(): FakeDataValidationBuilder {
    this.rec('newDataValidation');
    return new FakeDataValidationBuilder(this.env);
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.rec('newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this.env, this.active());
  }
  flush(): void {
    this.rec('flush');
  }
}
