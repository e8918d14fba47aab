// `npm run bench`: named cases on the built bundle over the in-memory Workspace. For each: the service
// calls by service (what Apps Script charges for), the median time, and the bundle sizes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadAddOn, BUILD_DIR, type AddOn } from '../gas';
import { seedDemoSchool } from '../preview/demo';
import { scaledData } from '../demo-data';
import { TABLES } from '../../src/shared/schema';
import type { Need, Partner, School } from '../../src/shared/records';
import { analyzeGaps, landscape } from '../../src/server/domain/gaps';

interface Case {
  readonly name: string;
  /** Makes a fresh add-on for one run; not timed or counted. */
  readonly prepare: () => AddOn;
  readonly run: (addOn: AddOn) => void;
}

const TODAY = '2026-11-23';

function seeded(partners: number): () => AddOn {
  return () => {
    const addOn = loadAddOn();
    seedDemoSchool(addOn, TODAY, scaledData(partners, TODAY));
    return addOn;
  };
}

function mustRun(addOn: AddOn, name: string, ...args: unknown[]): unknown {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
  return outcome.value;
}

const CASES: Case[] = [
  {
    name: 'set up an empty spreadsheet',
    prepare: () => loadAddOn(),
    run: (a) => mustRun(a, 'setUpDatabase'),
  },
  { name: 'set up again (nothing to do)', prepare: seeded(50), run: (a) => mustRun(a, 'setUpDatabase') },
  ...[50, 500, 5000].map((n) => ({
    name: `directory, ${n} partners`,
    prepare: seeded(n),
    run: (a: AddOn) => mustRun(a, 'getDirectory'),
  })),
  { name: 'open the sidebar, 2000 partners', prepare: seeded(2000), run: (a) => a.call('openSidebar') },
  {
    name: 'save one partner, 2000 partners',
    prepare: seeded(2000),
    run: (a) => {
      const d = mustRun(a, 'getDirectory') as {
        partners: { record: Record<string, unknown>; version: string }[];
      };
      const p = d.partners[1000];
      const { id, created: _c, updated: _u, ...values } = p.record;
      const result = mustRun(a, 'savePartner', {
        id,
        version: p.version,
        values: { ...values, notes: 'Bench edit' },
      }) as { status: string };
      if (result.status !== 'saved') throw new Error(`save: ${result.status}`);
    },
  },
];

/** A seeded add-on with the five-gathering year planned and `invite` partners invited to each. */
function withYear(invite: number): () => AddOn {
  return () => {
    const addOn = seeded(invite)();
    const drafts = mustRun(addOn, 'planYear', {
      model: 'five',
      startYear: 2026,
      weekday: 2,
      week: 2,
      start: '15:30',
      minutes: 90,
      location: 'Library',
    });
    const ids = (mustRun(addOn, 'getDirectory') as { partners: { record: { id: string } }[] }).partners.map(
      (p) => p.record.id,
    );
    mustRun(addOn, 'addGatherings', drafts, ids.slice(0, invite));
    return addOn;
  };
}

function firstGathering(addOn: AddOn): string {
  return (mustRun(addOn, 'getDirectory') as { gatherings: { record: { id: string } }[] }).gatherings[0].record
    .id;
}

CASES.push(
  {
    name: 'agenda Doc, 40 partners invited',
    prepare: withYear(40),
    run: (a) => mustRun(a, 'makeAgenda', firstGathering(a), false),
  },
  {
    name: 'calendar event, 40 partners invited',
    prepare: withYear(40),
    run: (a) => mustRun(a, 'putOnCalendar', firstGathering(a), true),
  },
  {
    name: "a year's plan: 5 gatherings, agendas, events",
    prepare: seeded(40),
    run: (a) => {
      const drafts = mustRun(a, 'planYear', {
        model: 'five',
        startYear: 2026,
        weekday: 2,
        week: 2,
        start: '15:30',
        minutes: 90,
        location: 'Library',
      });
      const rows = mustRun(a, 'addGatherings', drafts, []) as { record: { id: string } }[];
      for (const row of rows) {
        mustRun(a, 'makeAgenda', row.record.id, false);
        mustRun(a, 'putOnCalendar', row.record.id, false);
      }
    },
  },
);

/** A survey and the partners whose contacts add up to 400. */
function withSurvey(): { addOn: AddOn; surveyId: string; partnerIds: string[] } {
  const addOn = seeded(200)();
  const bank = mustRun(addOn, 'surveyQuestions', 'end-of-year partnership survey') as {
    questions: unknown[];
  };
  const survey = mustRun(addOn, 'createSurvey', {
    kind: 'end-of-year partnership survey',
    title: 'End of year',
    questions: bank.questions,
    opens: '',
    closes: '',
    threshold: 3,
  }) as { record: { id: string } };
  const d = mustRun(addOn, 'getDirectory') as {
    partners: { record: { id: string } }[];
    contacts: { record: { partnerId: string } }[];
  };
  const partnerIds: string[] = [];
  let contacts = 0;
  for (const p of d.partners) {
    const n = d.contacts.filter((c) => c.record.partnerId === p.record.id).length;
    if (contacts + n > 400) continue;
    partnerIds.push(p.record.id);
    contacts += n;
  }
  if (contacts !== 400) throw new Error(`bench: ${contacts} contacts, not 400`);
  return { addOn, surveyId: survey.record.id, partnerIds };
}

const SEND = {
  subject: 'Survey',
  message: 'Dear {{contact.name}}: {{survey.link}}',
  audience: 'all',
  batch: 500,
};
let current: { surveyId: string; partnerIds: string[] } = { surveyId: '', partnerIds: [] };

CASES.push(
  {
    name: 'send a survey to 400 contacts',
    prepare: () => {
      const made = withSurvey();
      current = made;
      return made.addOn;
    },
    run: (a) => {
      const r = mustRun(a, 'sendSurvey', {
        ...SEND,
        surveyId: current.surveyId,
        partnerIds: current.partnerIds,
      }) as { sent: string[] };
      if (r.sent.length !== 400) throw new Error(`sent ${r.sent.length}`);
    },
  },
  {
    name: 'summarize 400 survey responses',
    prepare: () => {
      const made = withSurvey();
      current = made;
      mustRun(made.addOn, 'sendSurvey', { ...SEND, surveyId: made.surveyId, partnerIds: made.partnerIds });
      const form = made.addOn.workspace.services.FormApp;
      const scales = form
        .openById(String(made.addOn.workspace.inspect().tabs.find((t) => t.name === 'Surveys')?.values[1][3]))
        .getItems()
        .filter((i) => String(i.getType()) === 'SCALE')
        .map((i) => i.getTitle());
      made.addOn.workspace.mail.sent.forEach((m, i) => {
        const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)?.[0] ?? '';
        made.addOn.workspace.forms.submit(
          link,
          Object.fromEntries(scales.map((t, j) => [t, 1 + ((i + j) % 5)])),
        );
      });
      return made.addOn;
    },
    run: (a) => {
      const v = mustRun(a, 'getSurvey', current.surveyId) as { summary: { responded: number } };
      if (v.summary.responded !== 400) throw new Error(`responded ${v.summary.responded}`);
    },
  },
);

/** A network of 100 schools, 5,000 partners and 3,000 needs, written straight into the tabs. */
function network(): {
  partners: Record<string, unknown>[];
  needs: Record<string, unknown>[];
  schools: Record<string, unknown>[];
} {
  const focus = [
    'tutoring',
    'mentoring',
    'student success coaching',
    'health and mental health',
    'family engagement',
    'basic needs',
    'translation',
    'enrichment and expanded learning',
  ];
  const statuses = ['active', 'active', 'active', 'onboarding', 'vetting', 'paused', 'prospect', 'ended'];
  const grades = ['K-2', '3-5', '6-8', 'K-8', '9-12', 'K-5', ''];
  const schools = Array.from({ length: 100 }, (_, i) => ({
    id: `S-${String(i).padStart(10, '0')}`,
    name: `School ${i}`,
  }));
  const partners = Array.from({ length: 5000 }, (_, i) => ({
    id: `P-${String(i).padStart(10, '0')}`,
    name: `Partner ${i}`,
    status: statuses[i % statuses.length],
    focusAreas: [focus[i % focus.length], focus[(i * 7) % focus.length]],
    schools: [`School ${i % 100}`, `School ${(i * 13) % 100}`].join(', '),
    grades: grades[i % grades.length],
    cadence: 'monthly',
    lastCheckIn: '2026-09-01',
    funding: i % 5 ? 'A, B' : 'A',
  }));
  const needs = Array.from({ length: 3000 }, (_, i) => ({
    id: `N-${String(i).padStart(10, '0')}`,
    school: `School ${i % 100}`,
    focusArea: focus[(i * 3) % focus.length],
    grades: grades[(i * 5) % grades.length],
    priority: ['high', 'medium', 'low'][i % 3],
    status: 'open',
  }));
  return { partners, needs, schools };
}

function seedNetwork(addOn: AddOn): void {
  mustRun(addOn, 'setUpDatabase');
  const data = network();
  const ss = addOn.workspace.spreadsheet;
  const put = (
    tab: string,
    rows: Record<string, unknown>[],
    columns: readonly { key: string; header: string }[],
  ) => {
    const sheet = ss.getSheetByName(tab)!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const values = rows.map((r) =>
      headers.map((h) => {
        const c = columns.find((x) => x.header === h);
        const v = c ? r[c.key] : '';
        return Array.isArray(v) ? v.join(', ') : (v ?? '');
      }),
    );
    if (values.length + 1 > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), values.length + 1 - sheet.getMaxRows());
    sheet.getRange(2, 1, values.length, headers.length).setValues(values);
  };
  put('Schools', data.schools, TABLES.schools.columns);
  put('Partners', data.partners, TABLES.partners.columns);
  put('Needs', data.needs, TABLES.needs.columns);
}

CASES.push({
  name: 'gaps and landscape: 100 schools, 5,000 partners, 3,000 needs',
  prepare: () => {
    const addOn = loadAddOn();
    seedNetwork(addOn);
    return addOn;
  },
  run: (a) => mustRun(a, 'getGaps'),
});

/** The pure analysis alone, on the same network: what the 200 ms bound is about. */
function pureGaps(): void {
  const data = network();
  const input = {
    partners: data.partners as unknown as Partner[],
    needs: data.needs as unknown as Need[],
    agreements: [],
    schools: data.schools as unknown as School[],
    today: '2026-11-23',
  };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    landscape(input, analyzeGaps(input));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(
    `${'pure gap analysis + landscape (same network)'.padEnd(36)} ${median(times).toFixed(1).padStart(8)} ms     0 calls`,
  );
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv[2];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(
  `Partner Hub bench: median of ${RUNS} runs (time includes the in-memory Workspace; calls are what Apps Script charges for)\n`,
);
for (const c of CASES.filter((x) => !only || x.name.includes(only))) {
  const times: number[] = [];
  let calls: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    const addOn = c.prepare();
    addOn.workspace.calls.reset();
    const start = process.hrtime.bigint();
    c.run(addOn);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    calls = addOn.workspace.calls.byService();
  }
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const detail = Object.entries(calls)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  console.log(
    `${c.name.padEnd(36)} ${median(times).toFixed(1).padStart(8)} ms  ${String(total).padStart(4)} calls (${detail})`,
  );
}

if (!only || 'pure gap analysis'.includes(only) || only.includes('gap')) pureGaps();

console.log('\nBundle sizes');
for (const file of fs.readdirSync(BUILD_DIR).filter((f) => /\.(js|html)$/.test(f))) {
  const body = fs.readFileSync(path.join(BUILD_DIR, file));
  console.log(
    `${file.padEnd(24)} ${(body.length / 1024).toFixed(1).padStart(7)} KiB raw ${(zlib.gzipSync(body).length / 1024).toFixed(1).padStart(7)} KiB gzip`,
  );
}
