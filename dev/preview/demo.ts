// Seeds the preview's spreadsheet: set-up through the add-on itself, then the demo rows written in the
// tabs as a person pasting them would (one block per tab).
import type { AddOn } from '../gas';
import { demoData, type DemoData } from '../demo-data';
import { TABLES, type TableKey } from '../../src/shared/schema';

export function seedDemoSchool(
  addOn: AddOn,
  today = new Date().toISOString().slice(0, 10),
  data: DemoData = demoData(today),
): void {
  const setUp = addOn.run('setUpDatabase');
  if (!setUp.ok) throw new Error(`demo set-up failed: ${setUp.message}`);
  const stamp = `${today} 08:00`;
  const tables: [TableKey, readonly object[]][] = [
    ['schools', data.schools],
    ['partners', data.partners],
    ['contacts', data.contacts],
    ['agreements', data.agreements],
    ['checkIns', data.checkIns],
    ['needs', data.needs],
  ];
  const ss = addOn.workspace.spreadsheet;
  for (const [key, rows] of tables) {
    const sheet = ss.getSheetByName(TABLES[key].tab);
    if (!sheet || rows.length === 0) continue;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const columns = TABLES[key].columns;
    const values = rows.map((row) => {
      const record = row as Record<string, unknown>;
      return headers.map((header) => {
        const column = columns.find((c) => c.header === header);
        if (!column) return '';
        if (column.type === 'timestamp') return stamp;
        const v = record[column.key];
        if (Array.isArray(v)) return v.join(', ');
        if (typeof v === 'string' && column.type !== 'date' && /^[\d(+=-]/.test(v)) return `'${v}`;
        return v ?? '';
      });
    });
    const needed = values.length + 1 - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
    sheet.getRange(2, 1, values.length, headers.length).setValues(values);
  }
  // A new spreadsheet comes with an empty "Sheet1", and set-up leaves it: the coordinator deletes it.
  const blank = ss.getSheetByName('Sheet1');
  if (blank && blank.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(blank);
  addOn.workspace.calls.reset();
}

/** The demo school's coordinator, as the signature on emails to partners (Settings). */
export const DEMO_SENDER = {
  name: 'Marisol Vega',
  role: 'Community schools coordinator',
  school: 'Riverside Community School',
} as const;

/**
 * Gives the coordinator's signature, as the first send's confirmation or Settings would: every email to
 * partners needs it. The preview and the browser tests leave it out, so that the sidebar asks.
 */
export function signEmails(addOn: AddOn, sender: typeof DEMO_SENDER = DEMO_SENDER): void {
  const saved = addOn.run('saveSettings', { sender });
  if (!saved.ok) throw new Error(`demo signature failed: ${saved.message}`);
  addOn.workspace.calls.reset();
}

/** The demo school's year as "Plan the year" asks it: five 90-minute gatherings, second Tuesdays, 3:30. */
export const DEMO_YEAR = {
  model: 'five',
  startYear: 2026,
  weekday: 2,
  week: 2,
  start: '15:30',
  minutes: 90,
  location: 'Library',
} as const;
