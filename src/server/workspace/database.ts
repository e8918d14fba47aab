// The spreadsheet as a database: finds each tab (by the sheet id set-up recorded, so a renamed tab is
// still ours), reads a table with one getValues(), and saves under the document lock after re-reading.
import { headerKey, TABLES, type Table, type TableKey } from '../../shared/schema';
import type { RecordOf, School, Stored } from '../../shared/records';
import { dateInZone, mayConvert, storedAs, type DateInZone } from '../domain/cells';
import {
  findHeaderRow,
  mapHeaders,
  planWrites,
  readRows,
  type Block,
  type HeaderMap,
  type Rec,
  type RowChange,
} from '../domain/table';
import { UserError } from '../domain/errors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TABS_PROPERTY = 'partnerHub.tabs';

/** A tab as read: its rows' records typed by the table they come from (`Database.read('partners')`). */
export interface TableData<T = Rec> {
  readonly table: Table;
  readonly sheet: Sheet | null;
  readonly map: HeaderMap;
  readonly values: unknown[][];
  readonly rows: Stored<T>[];
  readonly needsId: readonly number[];
  /** The tab's sheet id when it was found by the id set-up recorded (known without a call). */
  readonly sheetId?: number;
}

export class Database {
  private zone: string | undefined;
  private zoned: DateInZone | undefined;
  /** Dates as the spreadsheet's time zone has them: the zone is asked the first time a date needs it. */
  readonly toDate: DateInZone = Object.assign((date: Date) => this.inZone()(date), {
    time: (date: Date) => this.inZone().time?.(date) ?? '',
  });
  private tabIds: Record<string, number> | undefined;
  private sheetList: Sheet[] | undefined;
  /** Each tab's name as headerKey makes it, asked once per execution. */
  private sheetKeys: Map<Sheet, string> | undefined;
  /** Each table's tab as found this execution. */
  private readonly found = new Map<TableKey, { sheet: Sheet; id?: number }>();

  constructor(
    readonly spreadsheet: Spreadsheet,
    private readonly properties: GoogleAppsScript.Properties.Properties,
    /**
     * True when this spreadsheet is the container of the execution (its menu or sidebar): only then is
     * there a document lock for it. A trigger or the Docs sidebar writes it from outside.
     */
    readonly inContainer = true,
  ) {}

  /** The spreadsheet's time zone, asked once, when first needed (reading a date, or today). */
  get timeZone(): string {
    return (this.zone ??= this.spreadsheet.getSpreadsheetTimeZone());
  }

  private inZone(): DateInZone {
    return (this.zoned ??= dateInZone(this.timeZone));
  }

  today(): string {
    return this.toDate(new Date());
  }

  /** The tab of a table: by the sheet id recorded at set-up, else by a tab whose name matches. */
  sheetOf(key: TableKey): Sheet | null {
    return this.find(key).sheet;
  }

  /**
   * Which of `keys` have a tab, found as sheetOf() finds it (the recorded id, else the name in any case
   * and spacing), for all of them in one Sheets API call (spreadsheets/get of the tabs' ids and titles)
   * and the spreadsheet's id. Without the advanced service, or for one or two keys, a lookup a tab.
   */
  tabsPresent(keys: readonly TableKey[]): Set<TableKey> {
    const api = sheetsApi();
    if (!api || keys.length < 3) return new Set(keys.filter((k) => this.sheetOf(k)));
    const got = api.Spreadsheets.get(this.spreadsheet.getId(), {
      fields: 'sheets.properties(sheetId,title)',
    });
    const tabs = (got.sheets ?? []).map((s) => ({
      id: s.properties?.sheetId ?? 0,
      name: headerKey(s.properties?.title ?? ''),
    }));
    const recorded = this.recordedTabs();
    return new Set(
      keys.filter(
        (k) =>
          tabs.some((t) => t.id === recorded[k]) || tabs.some((t) => t.name === headerKey(TABLES[k].tab)),
      ),
    );
  }

  private find(key: TableKey): { sheet: Sheet | null; id?: number } {
    const known = this.found.get(key);
    if (known) return known;
    const id = this.recordedTabs()[key];
    if (id !== undefined) {
      const byId = this.spreadsheet.getSheetById(id);
      if (byId) return this.remember(key, { sheet: byId, id });
    }
    const named = this.byName(key);
    return named ? this.remember(key, { sheet: named }) : { sheet: null };
  }

  /** A tab found is found for the rest of the execution (a missing one is looked for again: set-up adds it). */
  private remember(key: TableKey, tab: { sheet: Sheet; id?: number }): { sheet: Sheet; id?: number } {
    this.found.set(key, tab);
    return tab;
  }

  private byName(key: TableKey): Sheet | null {
    // Without a recorded id (a trigger has no document properties): the tab's own name in one call, then
    // a tab whose name matches it in any case and spacing.
    const named = this.sheetList ? null : this.spreadsheet.getSheetByName(TABLES[key].tab);
    if (named) return named;
    const wanted = headerKey(TABLES[key].tab);
    const keys = (this.sheetKeys ??= new Map(this.sheets().map((s) => [s, headerKey(s.getName())])));
    return this.sheets().find((s) => keys.get(s) === wanted) ?? null;
  }

  /** A tab this execution inserted: known by its name from now on, without asking for the list again. */
  added(sheet: Sheet, name: string): void {
    if (!this.sheetList) return;
    this.sheetList.push(sheet);
    this.sheetKeys?.set(sheet, headerKey(name));
  }

  sheets(): Sheet[] {
    return (this.sheetList ??= this.spreadsheet.getSheets());
  }

  /** Tabs were added outside SpreadsheetApp (the Sheets API): the list of tabs is asked again when needed. */
  tabsAdded(): void {
    this.sheetList = undefined;
    this.sheetKeys = undefined;
  }

  forgetSheets(): void {
    this.sheetList = undefined;
    this.sheetKeys = undefined;
    this.found.clear();
  }

  recordedTabs(): Record<string, number> {
    if (!this.tabIds) {
      const raw = this.properties.getProperty(TABS_PROPERTY);
      let parsed: unknown = null;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        parsed = null;
      }
      this.tabIds = {};
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number') this.tabIds[k] = v;
      }
    }
    return this.tabIds;
  }

  /** Records the sheet ids of several tables in one write, if any differs from what is recorded. */
  recordTabs(ids: Partial<Record<TableKey, number>>): void {
    const recorded = this.recordedTabs();
    if (Object.entries(ids).every(([k, v]) => recorded[k] === v)) return;
    const tabs = { ...recorded, ...ids };
    this.properties.setProperty(TABS_PROPERTY, JSON.stringify(tabs));
    this.tabIds = tabs;
  }

  recordTab(key: TableKey, sheet: Sheet): void {
    const tabs = { ...this.recordedTabs(), [key]: sheet.getSheetId() };
    this.properties.setProperty(TABS_PROPERTY, JSON.stringify(tabs));
    this.tabIds = tabs;
  }

  /** The whole tab in one call (two with finding the tab). */
  read<K extends TableKey>(key: K): TableData<RecordOf<K>> {
    const { sheet, id } = this.find(key);
    const values = sheet ? allValues(sheet) : [];
    // An empty tab's data range is A1 alone, holding ''.
    if (values.length === 1 && values[0].every((v) => v === '')) values.length = 0;
    return { ...this.parse(key, sheet, values), ...(id !== undefined ? { sheetId: id } : {}) };
  }

  /** The school this spreadsheet keeps: the first row of its Schools tab (one read). */
  school(): School | undefined {
    return this.read('schools').rows[0]?.record;
  }

  /** A table from values already in hand (what was read, or what this execution just wrote). */
  parse<K extends TableKey>(key: K, sheet: Sheet | null, values: unknown[][]): TableData<RecordOf<K>> {
    const table: Table = TABLES[key];
    const headerRow = findHeaderRow(table, values);
    const map = mapHeaders(table, values[headerRow] ?? [], headerRow);
    const { rows, needsId } = readRows(table, values, map, this.toDate);
    return { table, sheet, map, values, rows: recordsOf<RecordOf<K>>(rows), needsId };
  }

  /**
   * The lock keeps other saves out, not a person sorting or inserting rows by hand (nor, from a trigger
   * or the Docs sidebar, a save in the spreadsheet's own sidebar). Just before writing, the id column of
   * the rows to write is read again (one call): a row that moved, or a new row's place that is no longer
   * blank, and nothing is written.
   */
  private assertRowsInPlace<T>(data: TableData<T>, changes: readonly RowChange[], maxRows: number): void {
    const at = data.map.index.id;
    const rows = changes.map((c) => c.row).filter((row) => row <= maxRows);
    if (at === undefined || !data.sheet || !rows.length) return;
    const first = Math.min(...rows);
    const ids = data.sheet.getSheetValues(first, at + 1, Math.max(...rows) - first + 1, 1);
    for (const row of rows) {
      const expected = row <= data.values.length ? data.values[row - 1][at] : '';
      if (ids[row - first][0] === expected) continue;
      throw new UserError(
        row <= data.values.length
          ? `Rows of the ${data.table.tab} tab moved while saving (a sort or an inserted row). Nothing was written: save again.`
          : `Someone added a row to the ${data.table.tab} tab while this was saving. Nothing was written: save again.`,
      );
    }
  }

  /**
   * Writes the planned cells of some rows: one setValues() per block of adjacent changed cells. Returns
   * the blocks written (see rowsAfter).
   */
  write<T>(data: TableData<T>, changes: readonly RowChange[]): Block[] {
    if (!data.sheet)
      throw new UserError(`The ${data.table.tab} tab is missing. Run "Set up partner database" first.`);
    const blocks = planWrites(data.table, data.map, data.values, changes, this.toDate);
    const lastRow = Math.max(0, ...blocks.map((b) => b.row + b.values.length - 1));
    // The rows read are there already: the sheet's size is asked only when the write goes past them.
    const maxRows =
      lastRow > data.values.length ? data.sheet.getMaxRows() : lastRow > 0 ? data.values.length : 0;
    if (blocks.length) this.assertRowsInPlace(data, changes, maxRows);
    if (lastRow > maxRows) data.sheet.insertRowsAfter(maxRows, lastRow - maxRows);
    writeBlocks(data.sheet, blocks);
    return blocks;
  }

  /**
   * Reads a table and at once writes the changes `plan` makes of what was read (null: none), with no
   * service call in between: that read is the check that the rows are in place, so write's re-check
   * is not repeated. Existing rows only. `bridge` (for a log only the add-on writes): a row's change
   * is one rectangle (see planWrites).
   */
  update<K extends TableKey>(
    key: K,
    plan: (data: TableData<RecordOf<K>>) => readonly RowChange[] | null,
    bridge = false,
  ): Block[] | null {
    const data = this.read(key);
    const changes = plan(data);
    if (!changes) return null;
    if (!data.sheet)
      throw new UserError(`The ${data.table.tab} tab is missing. Run "Set up partner database" first.`);
    if (changes.some((c) => c.row > data.values.length))
      throw new Error('update() changes existing rows only');
    const blocks = planWrites(data.table, data.map, data.values, changes, this.toDate, bridge);
    writeBlocks(data.sheet, blocks);
    return blocks;
  }

  /**
   * Some rows as a write of `blocks` left them, without reading them back: the values read, with each
   * written cell as Sheets stores it. Text written for Sheets to parse (a date, a time of day) may be
   * stored as something else depending on the cell's format: rows with such a cell are read back, in
   * one call.
   */
  rowsAfter<T>(data: TableData<T>, blocks: readonly Block[], rows: readonly number[]): Stored<T>[] {
    const header = data.values[data.map.headerRow] ?? [];
    const wanted = new Set(rows);
    const lines = new Map<number, unknown[]>(
      rows.map((row) => [row, [...(data.values[row - 1] ?? header.map(() => ''))]]),
    );
    let unsure = false;
    for (const block of blocks)
      block.values.forEach((cells, i) => {
        const line = lines.get(block.row + i);
        if (!line) return;
        cells.forEach((cell, j) => {
          line[block.column - 1 + j] = storedAs(cell);
          unsure ||= mayConvert(cell);
        });
      });
    if (unsure && data.sheet && rows.length) {
      const first = Math.min(...rows);
      const read = data.sheet.getSheetValues(first, 1, Math.max(...rows) - first + 1, header.length);
      for (const row of rows) lines.set(row, read[row - first]);
    }
    const map = mapHeaders(data.table, header);
    return [...wanted].flatMap((row) =>
      recordsOf<T>(readRows(data.table, [header, lines.get(row) ?? []], map, this.toDate).rows).map((r) => ({
        ...r,
        row,
      })),
    );
  }
}

/**
 * The one place rows read from a table's tab become its records (Database.parse, rowsAfter, a row read
 * back): readRows gives every column of the table its value of its column type (domain/cells.ts),
 * which is what RecordOf<K> says. T is always the TableData's own, from Database.read<K>.
 */
export function recordsOf<T>(rows: readonly Stored<Rec>[]): Stored<T>[] {
  return rows as Stored<T>[];
}

/** The Sheets advanced service, or null when appsscript.json does not enable it. */
export function sheetsApi(): GoogleAppsScript.Sheets | null {
  return typeof Sheets === 'undefined' ? null : (Sheets ?? null);
}

/** One setValues() a block. */
function writeBlocks(sheet: Sheet, blocks: readonly Block[]): void {
  for (const block of blocks)
    sheet
      .getRange(block.row, block.column, block.values.length, block.values[0].length)
      .setValues(block.values);
}

/**
 * Every value of a tab, as getDataRange().getValues() gives them, in one call: getSheetValues with -1
 * reaches the last row and column with content (spreadsheet/sheet#getSheetValues). On an empty tab that
 * extent is no rows at all, which Sheets may refuse: then the data range (A1 alone). A read changes
 * nothing, so asking again after any failure is safe.
 */
function allValues(sheet: Sheet): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch {
    return sheet.getDataRange().getValues();
  }
}

/**
 * Runs `work` holding a lock, so two saves never interleave. In the spreadsheet's own menu or sidebar
 * that is its document lock. Outside it (a time-driven or form-submit trigger, the Docs sidebar) Apps
 * Script offers no lock for the spreadsheet: getDocumentLock() is null in a trigger and is the Doc's lock
 * in Docs, and the script lock would be shared by every school that installed the add-on. There the
 * user lock keeps this person's own executions apart, and Database.write re-reads the rows it is about
 * to write (ids in place, new rows still blank) just before writing, so a save from the sidebar that
 * landed meanwhile is never overwritten.
 */
export function withSheetLock<T>(db: Database, work: () => T): T {
  const busy = 'Someone else is saving to this spreadsheet right now. Try again in a moment.';
  const lock = db.inContainer ? LockService.getDocumentLock() : null;
  if (!lock) return withUserLock(busy, () => flushed(work));
  if (!lock.tryLock(10000)) throw new UserError(busy);
  try {
    return flushed(work);
  } finally {
    lock.releaseLock();
  }
}

function flushed<T>(work: () => T): T {
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
  }
}

let userLockDepth = 0;

/**
 * Runs `work` holding this user's lock (their other executions of the add-on wait; other people's do
 * not). Taken once per execution: nested calls run inside the hold they are in.
 */
export function withUserLock<T>(busy: string, work: () => T): T {
  if (userLockDepth > 0) {
    userLockDepth++;
    try {
      return work();
    } finally {
      userLockDepth--;
    }
  }
  const lock = LockService.getUserLock();
  if (!lock.tryLock(10000)) throw new UserError(busy);
  userLockDepth = 1;
  try {
    return work();
  } finally {
    userLockDepth = 0;
    lock.releaseLock();
  }
}

export function openDatabase(): Database {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const properties = PropertiesService.getDocumentProperties();
  if (!spreadsheet || !properties) throw new UserError('Open Partner Hub from a spreadsheet.');
  return new Database(spreadsheet, properties);
}

/**
 * A spreadsheet opened by id, as a trigger or the Docs sidebar does. There may be no document
 * properties then: tabs are found by name.
 */
export function openDatabaseById(id: string): Database {
  let spreadsheet: Spreadsheet;
  try {
    spreadsheet = SpreadsheetApp.openById(id);
  } catch {
    throw new UserError('Partner Hub cannot open the partner spreadsheet. Check that you can open it.');
  }
  const active = SpreadsheetApp.getActiveSpreadsheet();
  const own = active && active.getId() === id ? PropertiesService.getDocumentProperties() : null;
  return own ? new Database(spreadsheet, own) : new Database(spreadsheet, noProperties(), false);
}

/** The spreadsheet a trigger's event came from (a form answer's tab): written from outside, tabs found by name. */
export function openDatabaseOutside(spreadsheet: Spreadsheet): Database {
  return new Database(spreadsheet, noProperties(), false);
}

function noProperties(): GoogleAppsScript.Properties.Properties {
  const store: Record<string, string> = {};
  const props = {
    getProperty: (key: string) => store[key] ?? null,
    setProperty: (key: string, value: string) => ((store[key] = value), props),
  };
  return props as unknown as GoogleAppsScript.Properties.Properties;
}
