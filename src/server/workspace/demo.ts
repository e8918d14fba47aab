// "Try with demo data" and "Remove demo data": the demo school appended after the rows already in each
// tab (one block per tab), and removed again by its marked ids (one deleteRows per run of adjacent demo
// rows), so nothing a person typed is touched.
import type { DemoFill, DemoRemoval } from '../../shared/contract';
import { isDemoId } from '../../shared/demo';
import { TABLE_KEYS, TABLES } from '../../shared/schema';
import { DEMO_TABLES, demoRows } from '../domain/demo';
import { UserError } from '../domain/errors';
import { setUp } from './setup';
import type { Database } from './database';

export function fillDemo(db: Database): DemoFill {
  if (TABLE_KEYS.some((key) => db.read(key).rows.some((r) => isDemoId(String(r.record.id))))) {
    throw new UserError('The demo data is already in this spreadsheet. Nothing was added.');
  }
  const setUpReport = setUp(db);
  const rows = demoRows(db.today(), new Date().toISOString());
  const tabs: { tab: string; rows: number }[] = [];
  for (const key of DEMO_TABLES) {
    const data = db.read(key);
    const first = data.values.length + 1;
    db.write(
      data,
      rows[key].map((values, i) => ({ row: first + i, values })),
    );
    tabs.push({ tab: TABLES[key].tab, rows: rows[key].length });
  }
  return { setUp: setUpReport, tabs };
}

export function removeDemo(db: Database): DemoRemoval {
  const tabs: { tab: string; rows: number }[] = [];
  let kept = 0;
  for (const key of TABLE_KEYS) {
    const data = db.read(key);
    const at = data.map.index.id;
    if (!data.sheet || at === undefined) continue;
    const demo = data.rows.filter((r) => isDemoId(String(r.record.id))).map((r) => r.row);
    // Rows a person added that point at a demo partner stay: say so rather than delete their work.
    kept += data.rows.filter(
      (r) =>
        !isDemoId(String(r.record.id)) &&
        Object.entries(r.record).some(
          ([field, value]) =>
            field !== 'id' &&
            TABLES[key].columns.some((c) => c.key === field && c.type === 'ref') &&
            typeof value === 'string' &&
            isDemoId(value),
        ),
    ).length;
    if (!demo.length) continue;
    // Runs of adjacent rows, deleted from the bottom so the rows above keep their numbers.
    const runs: { start: number; count: number }[] = [];
    for (const row of [...demo].sort((a, b) => a - b)) {
      const last = runs[runs.length - 1];
      if (last && last.start + last.count === row) last.count++;
      else runs.push({ start: row, count: 1 });
    }
    // The id column again, just before deleting: a sort since the read and nothing is deleted.
    const low = runs[0].start;
    const high = runs[runs.length - 1].start + runs[runs.length - 1].count - 1;
    const ids = data.sheet.getRange(low, at + 1, high - low + 1, 1).getValues();
    for (const row of demo) {
      if (ids[row - low][0] !== data.values[row - 1][at]) {
        throw new UserError(
          `Rows of the ${data.table.tab} tab moved while removing the demo data. Nothing more was removed: try again.`,
        );
      }
    }
    // Sheets refuses to delete every row below the frozen header: keep one blank row when that would happen.
    const maxRows = data.sheet.getMaxRows();
    if (demo.length >= maxRows - data.sheet.getFrozenRows()) data.sheet.insertRowsAfter(maxRows, 1);
    for (const run of runs.reverse()) data.sheet.deleteRows(run.start, run.count);
    tabs.push({ tab: data.table.tab, rows: demo.length });
  }
  return { tabs, kept };
}
