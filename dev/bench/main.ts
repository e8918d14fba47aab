// `npm run bench`: every user action of dev/bench/cases/ on the built bundle over the in-memory
// Workspace, end to end as the sidebar or a trigger does it: service calls by service, executions,
// bytes to the page, an estimate of the time on Google, and whether it is within its budget. Then the
// pure gap analysis's time and the bundle sizes. `npm run bench -- gaps` runs the cases whose name has "gaps";
// `--methods` also prints each case's calls by method (SpreadsheetApp.Range.getValues 3, …).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BUILD_DIR } from '../gas';
import { kb, measure, SECONDS_PER_CALL, SECONDS_PER_EXECUTION, TODAY } from './action';
import { CASES } from './cases';
import { analyzeGaps, landscape } from '../../src/server/domain/gaps';
import type { Need, Partner, School } from '../../src/shared/records';
import { TABLES, type Table } from '../../src/shared/schema';
import { mapHeaders, readRows } from '../../src/server/domain/table';
import { dateInZone } from '../../src/server/domain/cells';
import { network } from './cases/core';

const args = process.argv.slice(2);
const methods = args.includes('--methods');
const only = args.find((a) => !a.startsWith('--'))?.toLowerCase();

function time(seconds: number): string {
  return seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`;
}

console.log(
  `Partner Hub bench: whole user actions, counted on the in-memory Workspace. ~time = ${SECONDS_PER_CALL} s a ` +
    `service call + ${SECONDS_PER_EXECUTION} s an execution (google.script.run call or trigger run).\n`,
);
let over = 0;
for (const c of CASES.filter((x) => !only || x.name.toLowerCase().includes(only))) {
  const f = measure(c);
  const services = Object.entries(f.byService)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const excess = c.budget?.check(f) ?? '';
  const pastCeiling =
    excess && (!c.ceiling || f.own > c.ceiling.calls || f.executions > (c.ceiling.executions ?? Infinity));
  if (pastCeiling && !c.pending) over += 1;
  const verdict = !c.budget
    ? c.pending
      ? `no budget yet (${c.pending})`
      : ''
    : !excess
      ? `within budget (${c.budget.text})`
      : c.pending
        ? `OVER budget (${c.budget.text}): ${excess} [${c.pending}]`
        : c.ceiling && !pastCeiling
          ? `target NOT met (${c.budget.text}): ${excess}; held at ≤ ${c.ceiling.calls} calls until it is`
          : `OVER budget (${c.budget.text}): ${excess}`;
  console.log(
    `${c.name}\n    ${f.calls} calls (${services || 'none'}), ${f.executions} executions, ${kb(f.bytes)} to the page, ~${time(f.seconds)}` +
      (f.executions > 1
        ? `\n    most in one execution: ${Object.entries(f.perExecution)
            .map(([s, n]) => `${s} ${Number(n.toFixed(1))}`)
            .join(', ')}`
        : '') +
      (f.reload.executions
        ? `\n    of which the sidebar's reload after it: ${f.reload.calls} calls, ${f.reload.executions} execution, ${kb(f.reload.bytes)}`
        : '') +
      `\n    ${verdict}` +
      (methods
        ? Object.entries(f.byMethod)
            .sort(([, a], [, b]) => b - a)
            .map(([m, n]) => `\n      ${m} ${n}`)
            .join('')
        : ''),
  );
}

if (!only || 'gaps'.includes(only)) {
  // The pure analysis alone on the 5,000-partner network: what the 200 ms bound is about.
  const data = network(5000, 3000, 100);
  // Read as the add-on reads the tabs, so every field the analysis looks at is there.
  const read = (table: Table, rows: readonly Record<string, unknown>[]) => {
    const header = table.columns.map((c) => c.header);
    const cells = rows.map((r) =>
      table.columns.map((c) => {
        const v = r[c.key];
        return Array.isArray(v) ? v.join(', ') : (v ?? '');
      }),
    );
    return readRows(table, [header, ...cells], mapHeaders(table, header), dateInZone('UTC')).rows;
  };
  const input = {
    partners: read(TABLES.partners, data.partners).map((r) => r.record as Partner),
    needs: read(TABLES.needs, data.needs).map((r) => r.record as Need),
    agreements: [],
    schools: read(TABLES.schools, data.schools).map((r) => r.record as School),
    today: TODAY,
  };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    landscape(input, analyzeGaps(input));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const median = [...times].sort((a, b) => a - b)[2];
  console.log(
    `\npure gap analysis + landscape, 5,000 partners / 3,000 needs: ${median.toFixed(1)} ms (median of 5)`,
  );
}

console.log('\nBundle sizes');
for (const file of fs.readdirSync(BUILD_DIR).filter((f) => /\.(js|html)$/.test(f))) {
  const body = fs.readFileSync(path.join(BUILD_DIR, file));
  console.log(
    `${file.padEnd(24)} ${(body.length / 1024).toFixed(1).padStart(7)} KiB raw ${(zlib.gzipSync(body).length / 1024).toFixed(1).padStart(7)} KiB gzip`,
  );
}
if (over) {
  console.log(
    `\n${over} case(s) over budget (or over the ceiling that holds them until their target is met).`,
  );
  process.exitCode = 1;
}
