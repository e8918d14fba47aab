// "Try with demo data" and "Remove demo data" on the built add-on: the demo school fills a new
// spreadsheet in one block per tab, and removing it takes exactly the demo rows, never a row a person added.
import { loadAddOn } from '../../dev/gas';
import { byHand } from '../../dev/workspace/by-hand';
import type { DemoFill, DemoRemoval } from '../../src/shared/contract';
import { addPartner, failure, ok, snapshot } from './helpers';

const TABS = ['Schools', 'Partners', 'Contacts', 'Agreements', 'Check-ins', 'Needs'];

function rowsOf(addOn: ReturnType<typeof loadAddOn>, tab: string): unknown[][] {
  const found = addOn.workspace.inspect().tabs.find((t) => t.name === tab);
  if (!found) throw new Error(`no ${tab} tab`);
  return found.values.slice(1).filter((row) => row.some((v) => v !== ''));
}

describe('demo data', () => {
  it('sets up a new spreadsheet and fills it with the demo school, in one block per tab', () => {
    const addOn = loadAddOn();
    addOn.workspace.calls.reset();
    const filled = ok<DemoFill>(addOn, 'fillDemoData');
    expect(filled.setUp.created).toEqual(expect.arrayContaining(TABS));
    expect(filled.tabs.map((t) => t.tab)).toEqual(TABS);
    for (const { tab, rows } of filled.tabs) {
      expect(rows).toBeGreaterThan(0);
      expect(rowsOf(addOn, tab)).toHaveLength(rows);
      // Every demo row's id says "demo".
      for (const row of rowsOf(addOn, tab)) expect(String(row[0])).toMatch(/^[A-Z]-demo[0-9a-f]+$/);
    }
    const partners = rowsOf(addOn, 'Partners');
    expect(partners.every((row) => row.some((v) => String(v).startsWith('Demo data:')))).toBe(true);
    // Contiguous blocks: one setValues per demo tab, however many rows; the new tabs (their headers
    // with them) in one request of the Sheets API.
    expect(addOn.workspace.calls.count('SpreadsheetApp.Range.setValues')).toBe(filled.tabs.length);
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    expect(failure(addOn, 'fillDemoData')).toBe(
      'The demo data is already in this spreadsheet. Nothing was added.',
    );
  });

  it('removes exactly the demo rows, and keeps a partner and a contact a person added', () => {
    const addOn = loadAddOn();
    ok<DemoFill>(addOn, 'fillDemoData');
    const mine = addPartner(addOn, { name: 'Our Own Tutors' });
    const demoPartner = String(rowsOf(addOn, 'Partners')[0][0]);
    const contact = ok<{ status: string }>(addOn, 'saveContact', {
      values: { partnerId: demoPartner, name: 'Ana Hand-Added' },
    });
    expect(contact.status).toBe('saved');
    addOn.workspace.calls.reset();
    const removed = ok<DemoRemoval>(addOn, 'removeDemoData');
    const deletes = addOn.workspace.calls.count('SpreadsheetApp.Sheet.deleteRows');
    // Demo rows were written together, and the hand-added ones after them: one deleteRows per tab.
    expect(deletes).toBe(removed.tabs.length);
    expect(removed.kept).toBe(1);
    expect(rowsOf(addOn, 'Partners').map((r) => r[0])).toEqual([mine.record.id]);
    expect(rowsOf(addOn, 'Contacts').map((r) => r[2])).toEqual(['Ana Hand-Added']);
    for (const tab of ['Schools', 'Agreements', 'Check-ins', 'Needs']) expect(rowsOf(addOn, tab)).toEqual([]);
    // The headers stay; removing again finds nothing and changes nothing.
    const before = snapshot(addOn);
    const again = ok<DemoRemoval>(addOn, 'removeDemoData');
    expect(again.tabs).toEqual([]);
    expect(snapshot(addOn)).toEqual(before);
  });

  it('removes demo rows a sort mixed with a person’s rows, run by run', () => {
    const addOn = loadAddOn();
    ok<DemoFill>(addOn, 'fillDemoData');
    const mine = addPartner(addOn, { name: 'Lighthouse Tutors' });
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners');
    if (!sheet) throw new Error('no Partners tab');
    // A person sorts the tab by name: their partner lands among the demo ones.
    byHand.sortRange(sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()), 2);
    ok<DemoRemoval>(addOn, 'removeDemoData');
    expect(rowsOf(addOn, 'Partners').map((r) => r[0])).toEqual([mine.record.id]);
  });
});
