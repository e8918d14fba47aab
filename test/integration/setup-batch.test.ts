// Set-up makes the missing tabs in one request of the Sheets advanced service. What a person then sees
// (headers, their look and protection, frozen rows, dropdowns, number formats, highlights) must be what
// the SpreadsheetApp path makes, which set-up still takes when the service is off: both are run here
// on an empty spreadsheet and compared cell for cell.
import vm from 'node:vm';
import { loadAddOn, type AddOn } from '../../dev/gas';
import { byHand } from '../../dev/workspace/by-hand';
import type { SpreadsheetState } from '../../dev/workspace/state';
import type { SetUpReport } from '../../src/shared/contract';
import { TABLES } from '../../src/shared/schema';
import { expectSame, ok } from './helpers';

function setUp(api: boolean): { addOn: AddOn; report: SetUpReport } {
  const addOn = loadAddOn();
  // The service off, as in a copy of the script whose manifest does not enable it.
  if (!api) vm.runInContext('delete globalThis.Sheets', addOn.context);
  addOn.workspace.calls.reset();
  const report = ok<SetUpReport>(addOn, 'setUpDatabase');
  return { addOn, report };
}

/** The container spreadsheet with sheet ids replaced by tab names (the two paths choose different ids). */
function seen(addOn: AddOn): unknown {
  const state = addOn.workspace.toJSON();
  const book = state.spreadsheets.find((s) => s.id === state.activeSpreadsheetId);
  if (!book) throw new Error('no container spreadsheet');
  const names = new Map(book.sheets.map((s) => [s.id, s.name]));
  const plain = JSON.parse(JSON.stringify(book)) as SpreadsheetState;
  return plain.sheets.map((s) => ({
    ...s,
    id: names.get(s.id),
    rules: s.rules.map((r) =>
      JSON.parse(JSON.stringify(r), (k: string, v: unknown) =>
        k === 'sheetId' && typeof v === 'number' ? names.get(v) : v,
      ),
    ),
  }));
}

describe('set-up of an empty spreadsheet', () => {
  test('makes every tab in one batchUpdate, and the sheet looks as the SpreadsheetApp path makes it', () => {
    const batch = setUp(true);
    const each = setUp(false);
    expect(batch.report).toEqual(each.report);
    expect(batch.report.created).toHaveLength(Object.keys(TABLES).length);
    expect(batch.addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    expect(batch.addOn.workspace.calls.count('SpreadsheetApp.Spreadsheet.insertSheet')).toBe(0);
    expect(each.addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(0);
    expect(batch.addOn.workspace.calls.total()).toBeLessThan(20);

    const made = seen(batch.addOn);
    expectSame(made, seen(each.addOn));
    // Not an empty comparison: dropdowns, checks, formats, highlights and protections are all there.
    const text = JSON.stringify(made);
    for (const part of [
      'VALUE_IN_LIST',
      'CHECKBOX',
      'DATE_IS_VALID_DATE',
      'TEXT_IS_VALID_EMAIL',
      'CUSTOM_FORMULA',
    ])
      expect(text).toContain(part);
    for (const part of ['"fmt":"yyyy-mm-dd"', '"fmt":"@"', '"warningOnly":true', '"fontWeight":"bold"'])
      expect(text).toContain(part);
    // What the tabs show, as Apps Script would read them.
    const view = (addOn: AddOn) => addOn.workspace.inspect().tabs.map(({ sheetId: _id, ...tab }) => tab);
    expectSame(view(batch.addOn), view(each.addOn));
    // The recorded tabs are the new ones, found by id from now on.
    const tabs = (addOn: AddOn) =>
      JSON.parse(addOn.workspace.toJSON().properties.document['partnerHub.tabs'] ?? '{}') as Record<
        string,
        number
      >;
    const ids = tabs(batch.addOn);
    expect(Object.keys(ids).sort()).toEqual(Object.keys(tabs(each.addOn)).sort());
    const byId = new Map(batch.addOn.workspace.inspect().tabs.map((t) => [t.sheetId, t.name]));
    for (const [key, id] of Object.entries(ids))
      expect(byId.get(id)).toBe(TABLES[key as keyof typeof TABLES].tab);
  });

  test('a second set-up finds everything in place; the rest of set-up still works on what the batch made', () => {
    const { addOn } = setUp(true);
    const again = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(again.unchanged).toBe(true);
    // A column people deleted comes back through SpreadsheetApp, as before.
    const partners = addOn.workspace.spreadsheet.getSheetByName('Partners');
    if (!partners) throw new Error('no Partners tab');
    byHand.deleteColumns(partners, partners.getLastColumn());
    addOn.workspace.calls.reset();
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report.addedColumns).toEqual([`Partners: ${TABLES.partners.columns.at(-1)?.header}`]);
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(0);
  });

  test('a tab holding the id set-up would choose is stepped over', () => {
    const first = setUp(true).addOn;
    const ids = JSON.parse(first.workspace.toJSON().properties.document['partnerHub.tabs'] ?? '{}') as Record<
      string,
      number
    >;
    const addOn = loadAddOn();
    const { Sheets } = addOn.workspace.services;
    const requests = [{ addSheet: { properties: { sheetId: ids.partners, title: 'Old partners' } } }];
    Sheets.Spreadsheets.batchUpdate({ requests }, addOn.workspace.spreadsheet.getId());
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report.created).toHaveLength(Object.keys(TABLES).length);
    const tabs = addOn.workspace.inspect().tabs;
    const partners = tabs.find((t) => t.name === 'Partners');
    expect(partners?.sheetId).not.toBe(ids.partners);
    expect(tabs.find((t) => t.sheetId === ids.partners)?.name).toBe('Old partners');
  });

  test('only the missing tabs are made in the batch, as they were made the first time', () => {
    const { addOn } = setUp(true);
    const ss = addOn.workspace.spreadsheet;
    const checkIns = ss.getSheetByName('Check-ins');
    const needs = ss.getSheetByName('Needs');
    if (!checkIns || !needs) throw new Error('tabs missing');
    ss.deleteSheet(checkIns);
    ss.deleteSheet(needs);
    addOn.workspace.calls.reset();
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report.created).toEqual(['Check-ins', 'Needs']);
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    // The same tabs as made the first time (their ids are free again, and chosen again).
    const fresh = setUp(true).addOn;
    const tab = (a: AddOn, name: string) => a.workspace.inspect().tabs.find((t) => t.name === name);
    expectSame(tab(addOn, 'Needs'), tab(fresh, 'Needs'));
  });
});
