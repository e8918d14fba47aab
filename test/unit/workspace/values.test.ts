import { createWorkspace } from '../../../dev/workspace';
import { inspectCell } from '../../../dev/workspace/by-hand';

function sheet() {
  const ws = createWorkspace({ timeZone: 'America/Chicago' });
  const s = ws.services.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  const tab = () => ws.inspect().tabs[0];
  /** What the Sheets UI shows in row r, column c (1-based). */
  const display = (r: number, c: number) => tab().display[r - 1][c - 1];
  const format = (r: number, c: number) => inspectCell(ws.spreadsheet.getSheets()[0], r, c).format;
  return { ws, s, tab, display, format };
}

describe('strings are parsed as if typed', () => {
  const cases: [string, unknown][] = [
    ['0123', 123],
    ['-5', -5],
    ['+5', 5],
    ['1,234.5', 1234.5],
    ['22 34', 2234],
    ['$12.50', 12.5],
    ['50%', 0.5],
    ['1e3', 1000],
    ['TRUE', true],
    ['false', false],
    ['tRuE', true],
    ['555-123-4567', '555-123-4567'],
    ['(555) 123-4567', '(555) 123-4567'],
    ['hello', 'hello'],
    ['1,23', '1,23'],
  ];
  test.each(cases)('%s', (input, expected) => {
    const { s } = sheet();
    s.getRange(1, 1).setValues([[input]]);
    expect(s.getRange(1, 1).getValues()).toEqual([[expected]]);
  });

  test('month-day with a dash and month names are dates, as Sheets reads them in a US locale', () => {
    const { s } = sheet();
    s.getRange(1, 1, 1, 5).setValues([['3-8', 'Jan 5', '5 Jan', 'March 3, 2027', '13-40']]);
    const [[a, b, c, d, e]] = s.getRange(1, 1, 1, 5).getValues();
    const day = (v: unknown) =>
      v instanceof Date ? `${v.getMonth() + 1}/${v.getDate()}` : `text:${String(v)}`;
    expect([a, b, c, d].map(day)).toEqual(['3/8', '1/5', '1/5', '3/3']);
    expect((d as Date).getFullYear()).toBe(2027);
    expect(e).toBe('13-40');
  });

  test('dates are wall-clock times in the spreadsheet zone, across DST', () => {
    const { s, display } = sheet();
    s.getRange(1, 1, 1, 5).setValues([
      ['2026-03-07', '2026-03-09', '9/15/2026', '2026-03-08 15:30', '11/1/2026 1:30'],
    ]);
    const [a, b, c, d, e] = s.getRange(1, 1, 1, 5).getValues()[0] as Date[];
    expect(a.toISOString()).toBe('2026-03-07T06:00:00.000Z'); // CST
    expect(b.toISOString()).toBe('2026-03-09T05:00:00.000Z'); // CDT
    expect(c.toISOString()).toBe('2026-09-15T05:00:00.000Z');
    expect(d.toISOString()).toBe('2026-03-08T20:30:00.000Z');
    expect(e).toBeInstanceOf(Date);
    expect(display(1, 4)).toBe('2026-03-08 15:30:00');
    expect(display(1, 3)).toBe('9/15/2026');
  });

  test('a leading + or - that is not a number starts a formula', () => {
    const { s, tab } = sheet();
    s.getRange('A1:B1').setValues([['+Partners United', '- bring snacks']]);
    expect(s.getRange('A1:B1').getValues()).toEqual([['#ERROR!', '#ERROR!']]);
    expect(tab().formulas[0][0]).toBe('=+Partners United');
  });

  test('invalid dates stay text', () => {
    const { s } = sheet();
    s.getRange('A1:B1').setValues([['2026-02-30', '13/1/2026']]);
    expect(s.getRange('A1:B1').getValues()).toEqual([['2026-02-30', '13/1/2026']]);
  });

  test('times land on 1899-12-30 in the zone', () => {
    const { s, display } = sheet();
    s.getRange('A1:B1').setValues([['15:30', '9:05 am']]);
    const [t1, t2] = s.getRange('A1:B1').getValues()[0] as Date[];
    expect(t1.toISOString()).toBe('1899-12-30T21:30:00.000Z');
    expect(t2.toISOString()).toBe('1899-12-30T15:05:00.000Z');
    expect(display(1, 1)).toBe('15:30:00');
  });

  test("'@' format and a leading apostrophe keep text", () => {
    const { s, tab, format } = sheet();
    s.getRange('A1:A2').setNumberFormat('@');
    s.getRange('A1:A2').setValues([['0123'], ['=1+1']]);
    s.getRange('B1:B2').setValues([["'05"], ["'=name"]]);
    expect(s.getRange('A1:B2').getValues()).toEqual([
      ['0123', '05'],
      ['=1+1', '=name'],
    ]);
    expect(tab().formulas).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(format(1, 1)).toBe('@');
    expect(format(1, 3)).toBe('');
  });

  test('formulas are recorded; only trivial ones compute', () => {
    const { s, tab } = sheet();
    s.getRange('A1:C1').setValues([['="text"', '=123', '=SUM(B2:B3)']]);
    expect(s.getRange('A1:C1').getValues()).toEqual([['text', 123, '#ERROR!']]);
    expect(tab().formulas).toEqual([['="text"', '=123', '=SUM(B2:B3)']]);
  });

  test('non-strings are stored as is; null and undefined become empty; objects throw', () => {
    const { s } = sheet();
    const d = new Date('2026-01-02T03:04:05Z');
    s.getRange('A1:E1').setValues([[42, true, d, null, undefined]]);
    const row = s.getRange('A1:E1').getValues()[0];
    expect(row).toEqual([42, true, d, '', '']);
    expect(row[2]).not.toBe(d);
    expect(() => s.getRange('A1').setValues([[{}]])).toThrow(/Cannot convert/);
    expect(() => s.getRange('A1').setValues([[[1, 2]]])).toThrow(/Cannot convert/);
  });

  test('getValues gives fresh arrays and Dates every time', () => {
    const { s } = sheet();
    s.getRange('A1').setValues([['2026-09-15']]);
    const first = s.getRange('A1:B2').getValues();
    (first[0][0] as Date).setFullYear(1999);
    first[1][1] = 'changed';
    const second = s.getRange('A1:B2').getValues();
    expect((second[0][0] as Date).getFullYear()).toBe(2026);
    expect(second).toEqual([
      [second[0][0], ''],
      ['', ''],
    ]);
  });

  test('display values follow number formats', () => {
    const { s, tab, display } = sheet();
    s.getRange('A1:D1').setValues([[1234.5, '50%', '$12.5', true]]);
    s.getRange('A1').setNumberFormat('#,##0.00');
    expect(tab().display).toEqual([['1,234.50', '50%', '$12.50', 'TRUE']]);
    s.getRange('E1').setValues([[new Date('2026-07-04T15:00:00Z')]]);
    expect(display(1, 5)).toBe('7/4/2026 10:00:00');
    s.getRange('E1').setNumberFormat('yyyy-mm-dd hh:mm');
    expect(display(1, 5)).toBe('2026-07-04 10:00');
    s.getRange('E1').setNumberFormat('mmmm d, yyyy h:mm am/pm');
    expect(display(1, 5)).toBe('July 4, 2026 10:00 AM');
  });
});
