// The tabs set-up makes, in one request of the Sheets advanced service (API v4, enabled in
// appsscript.json): each tab added with its frozen header row, the headers written bold on their
// colour, protected with a warning, the dropdowns and number formats over the body and the highlight
// rules, all in one `Spreadsheets.batchUpdate` (one service call instead of about fifteen a tab through
// SpreadsheetApp). The batch is atomic: it makes every tab or none. What a person sees afterwards is
// what the SpreadsheetApp path makes (test/integration/setup-batch.test.ts compares the two).
import { TABLES, type Column, type Table, type TableKey } from '../../shared/schema';
import { highlightRules, numberFormatFor, validationFor, type ValidationSpec } from '../domain/formats';
import { sheetsApi, type Database } from './database';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type DataValidationRule = GoogleAppsScript.Sheets.Schema.DataValidationRule;
type Color = GoogleAppsScript.Sheets.Schema.Color;

/** The header row's look and the note on its warning-only protection (both paths use these). */
export const HEADER_BACKGROUND = '#e8f0fe';
export const HEADER_PROTECTION = 'Partner Hub finds columns by these headers. Rename with care.';

/** A new tab's size, as SpreadsheetApp's insertSheet makes one (wider when a table needs it). */
export const NEW_TAB_ROWS = 1000;
export const NEW_TAB_COLUMNS = 26;

/**
 * Makes the tabs of `keys` (none of which exists) in one batchUpdate and returns their sheet ids. The
 * ids are chosen here, so that the requests after each addSheet can name its tab; one already in use
 * would fail the whole batch, so the spreadsheet's ids are asked first (a call a tab it has).
 */
export function makeTabs(db: Database, keys: readonly TableKey[]): Partial<Record<TableKey, number>> {
  const api = sheetsApi();
  if (!api) throw new Error('The Sheets advanced service is off: appsscript.json must enable it.');
  const taken = new Set(db.sheets().map((s) => s.getSheetId()));
  const ids: Partial<Record<TableKey, number>> = {};
  const requests: Request[] = [];
  for (const key of keys) {
    const id = freeId(key, taken);
    taken.add(id);
    ids[key] = id;
    requests.push(...tabRequests(TABLES[key], id));
  }
  api.Spreadsheets.batchUpdate({ requests }, db.spreadsheet.getId());
  db.tabsAdded();
  return ids;
}

/** A sheet id for a tab (a table's key, a report's name): the same one each time unless it is taken. */
export function freeId(key: string, taken: ReadonlySet<number>): number {
  // FNV-1a of the key, into the positive 31-bit range Sheets uses.
  let hash = 0x811c9dc5;
  for (const ch of `partnerHub.${key}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  let id = 1 + (hash % 2147483646);
  while (taken.has(id)) id = id === 2147483646 ? 1 : id + 1;
  return id;
}

/** What makes one table's tab: the same, cell for cell, as SpreadsheetApp's path in setup.ts. */
export function tabRequests(table: Table, sheetId: number): Request[] {
  const width = table.columns.length;
  const body = (from: number, to: number): GridRange => ({
    sheetId,
    startRowIndex: 1,
    endRowIndex: NEW_TAB_ROWS,
    startColumnIndex: from,
    endColumnIndex: to,
  });
  const requests: Request[] = [
    {
      addSheet: {
        properties: {
          sheetId,
          title: table.tab,
          gridProperties: {
            rowCount: NEW_TAB_ROWS,
            columnCount: Math.max(NEW_TAB_COLUMNS, width),
            frozenRowCount: 1,
          },
        },
      },
    },
    {
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: table.columns.map((c) => ({
              userEnteredValue: { stringValue: c.header },
              userEnteredFormat: { textFormat: { bold: true }, backgroundColor: color(HEADER_BACKGROUND) },
            })),
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat(textFormat.bold,backgroundColor)',
      },
    },
    {
      addProtectedRange: {
        protectedRange: {
          range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width },
          description: HEADER_PROTECTION,
          warningOnly: true,
        },
      },
    },
  ];
  // Adjacent columns with the same dropdown, or the same number format, share one request.
  for (const run of runs(table.columns, (c) => {
    const spec = validationFor(c);
    return spec && JSON.stringify(spec);
  })) {
    const spec = validationFor(table.columns[run.from]);
    if (spec) requests.push({ setDataValidation: { range: body(run.from, run.to), rule: rule(spec) } });
  }
  for (const run of runs(table.columns, numberFormatFor)) {
    const column = table.columns[run.from];
    const pattern = numberFormatFor(column);
    if (!pattern) continue;
    requests.push({
      repeatCell: {
        range: body(run.from, run.to),
        cell: { userEnteredFormat: { numberFormat: { type: formatType(column), pattern } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    });
  }
  const position = (key: string) => {
    const at = table.columns.findIndex((c) => c.key === key);
    return at < 0 ? undefined : at + 1;
  };
  highlightRules(table, position).forEach((h, index) => {
    const at = (position(h.column) ?? 1) - 1;
    requests.push({
      addConditionalFormatRule: {
        index,
        rule: {
          ranges: [body(at, at + 1)],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: h.formula }] },
            format: { backgroundColor: color(h.background) },
          },
        },
      },
    });
  });
  return requests;
}

/** Runs of adjacent columns with the same non-empty key: [from, to) column indexes. */
function runs(
  columns: readonly Column[],
  keyOf: (c: Column) => string | null,
): { from: number; to: number }[] {
  const out: { from: number; to: number; key: string }[] = [];
  columns.forEach((c, i) => {
    const key = keyOf(c);
    if (!key) return;
    const last = out[out.length - 1];
    if (last && last.to === i && last.key === key) last.to = i + 1;
    else out.push({ from: i, to: i + 1, key });
  });
  return out;
}

/** A dropdown or check as SpreadsheetApp's builder makes it in setup.ts (Rules). */
function rule(spec: ValidationSpec): DataValidationRule {
  switch (spec.kind) {
    case 'list':
      return {
        condition: { type: 'ONE_OF_LIST', values: spec.values.map((v) => ({ userEnteredValue: v })) },
        strict: spec.strict,
        showCustomUi: true,
        inputMessage: spec.help,
      };
    case 'checkbox':
      return { condition: { type: 'BOOLEAN' } };
    case 'date':
      return { condition: { type: 'DATE_IS_VALID' }, inputMessage: spec.help };
    case 'email':
      return { condition: { type: 'TEXT_IS_EMAIL' }, inputMessage: spec.help };
  }
}

/** The API's type for a column's number format (its pattern says the rest). */
function formatType(column: Column): string {
  switch (column.type) {
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'DATE_TIME';
    case 'time':
      return 'TEXT';
    default:
      return 'NUMBER';
  }
}

/** '#rrggbb' as the API's Color (channels from 0 to 1). */
function color(hex: string): Color {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16) / 255;
  return { red: channel(1), green: channel(3), blue: channel(5) };
}
