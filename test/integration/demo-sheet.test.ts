// `npm run demo-sheet`'s CSV files imported into a new spreadsheet, one tab per file, as Google Sheets
// imports them with "Convert text to numbers, dates, and formulas" unticked (every cell the file's text),
// then set-up over them: nothing lost, nothing doubled, and Partner Hub reads the demo school whole.
import { loadAddOn } from '../../dev/gas';
import { demoCsvFiles, parseCsv } from '../../dev/demo-sheet-files';
import { demoData } from '../../dev/demo-data';
import type { SetUpReport } from '../../src/shared/contract';
import { TABLES, TABLE_KEYS } from '../../src/shared/schema';
import { directory, ok } from './helpers';

const TODAY = '2026-09-14';

describe('npm run demo-sheet', () => {
  it('writes one CSV per tab with every header set-up expects, in its order', () => {
    const files = demoCsvFiles(TODAY);
    expect([...files.keys()].sort()).toEqual(TABLE_KEYS.map((k) => `${TABLES[k].tab}.csv`).sort());
    for (const key of TABLE_KEYS) {
      const [headers] = parseCsv(files.get(`${TABLES[key].tab}.csv`) ?? '');
      expect(headers).toEqual(TABLES[key].columns.map((c) => c.header));
    }
  });

  it('imports into a new spreadsheet, and set-up adds nothing, loses nothing and doubles nothing', () => {
    const addOn = loadAddOn();
    const ss = addOn.workspace.spreadsheet;
    const imported = new Map<string, string[][]>();
    for (const [file, text] of demoCsvFiles(TODAY)) {
      const rows = parseCsv(text);
      const sheet = ss.insertSheet(file.replace(/\.csv$/, ''));
      // Unticked conversion: each cell holds the file's text (an apostrophe keeps the fake from parsing it).
      sheet
        .getRange(1, 1, rows.length, rows[0].length)
        .setValues(rows.map((row) => row.map((v) => (v === '' ? '' : `'${v}`))));
      imported.set(sheet.getName(), rows);
    }
    const tabsBefore = ss.getSheets().map((s) => s.getName());
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report).toEqual({ created: [], addedColumns: [], idsAssigned: 0, unchanged: true });
    expect(ss.getSheets().map((s) => s.getName())).toEqual(tabsBefore);
    for (const [tab, rows] of imported) {
      const values = addOn.workspace.inspect().tabs.find((t) => t.name === tab)?.values ?? [];
      const used = values.filter((row) => row.some((v) => v !== ''));
      expect(used.map((row) => row.slice(0, rows[0].length).map(String))).toEqual(rows);
      expect(values[0]).toHaveLength(rows[0].length);
    }
    // Partner Hub reads every demo row, dates, yes/no and lists included, without a warning.
    const d = directory(addOn);
    const demo = demoData(TODAY);
    expect(d.missing).toEqual([]);
    expect(d.partners.map((p) => p.record.id)).toEqual(demo.partners.map((p) => p.id));
    expect(d.contacts).toHaveLength(demo.contacts.length);
    expect(d.agreements).toHaveLength(demo.agreements.length);
    expect(d.checkIns).toHaveLength(demo.checkIns.length);
    expect(d.needs).toHaveLength(demo.needs.length);
    const warnings = [d.partners, d.contacts, d.agreements, d.checkIns, d.needs, d.schools].flatMap((list) =>
      list.flatMap((e) => e.warnings.map((w) => w.message)),
    );
    expect(warnings).toEqual([]);
    const first = d.partners[0].record;
    const want = demo.partners[0];
    expect([first.lastCheckIn, first.singleFunding, first.focusAreas, first.grades]).toEqual([
      want.lastCheckIn,
      want.singleFunding,
      want.focusAreas,
      want.grades,
    ]);
    expect(d.partners.map((p) => p.record.grades)).toContain('3-8');
  });
});
