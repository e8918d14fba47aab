// The demo school (the preview's data) as one CSV file per tab, with every header set-up expects, for
// File > Import into a new Google Sheet with "Convert text to numbers, dates, and formulas" unticked:
// every cell then arrives as the text in the file (grades such as 3-8 stay grades, not March 8), and
// Partner Hub reads the yyyy-mm-dd dates and TRUE/FALSE as dates and yes/no.
import { demoData, type DemoData } from './demo-data';
import { TABLES, TABLE_KEYS, type TableKey } from '../src/shared/schema';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value === undefined || value === null ? '' : String(value);
}

/** File name (the tab's name: Sheets names an imported tab after the file) → CSV text. */
export function demoCsvFiles(today: string, data: DemoData = demoData(today)): Map<string, string> {
  const rows: Partial<Record<TableKey, readonly object[]>> = {
    schools: data.schools,
    partners: data.partners,
    contacts: data.contacts,
    agreements: data.agreements,
    checkIns: data.checkIns,
    needs: data.needs,
  };
  const stamp = `${today} 08:00`;
  const files = new Map<string, string>();
  for (const key of TABLE_KEYS) {
    const columns = TABLES[key].columns;
    const lines = [columns.map((c) => csvCell(c.header)).join(',')];
    for (const row of rows[key] ?? []) {
      const record = new Map(Object.entries(row));
      lines.push(
        columns
          .map((c) => csvCell(c.type === 'timestamp' && !record.has(c.key) ? stamp : cell(record.get(c.key))))
          .join(','),
      );
    }
    files.set(`${TABLES[key].tab}.csv`, lines.join('\r\n') + '\r\n');
  }
  return files;
}

/** The rows of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}
