// Set-up, the Gaps tab, agenda Docs, survey sends and form answers: the server-side budgets of issue 11.
import type { AddOn } from '../../gas';
import { DEMO_YEAR, seedDemoSchool, signEmails } from '../../preview/demo';
import { scaledData } from '../../demo-data';
import { TABLES } from '../../../src/shared/schema';
import { SURVEY_SEND_BATCH } from '../../../src/shared/survey';
import type { SendResult } from '../../../src/shared/contract';
import { action, fresh, mustRun, TODAY, within, type Action, type Budget, type Session } from '../action';

export const SIZES = [50, 500, 5000] as const;

export function seeded(partners: number): AddOn {
  const addOn = fresh();
  seedDemoSchool(addOn, TODAY, scaledData(partners, TODAY));
  return addOn;
}

/** The sidebar's set-up button: setUpDatabase, then the reload it does after. */
const setUp = (s: Session) => {
  s.run('setUpDatabase');
  s.reload();
};

const YEAR = DEMO_YEAR;

/** Seeded with `partners` partners, the five-gathering year planned and `invite` of them invited to each. */
export function withYear(partners: number, invite: number): { addOn: AddOn; state: string } {
  const addOn = seeded(partners);
  const drafts = mustRun(addOn, 'planYear', YEAR);
  const ids = mustRun<{ partners: { record: { id: string } }[] }>(addOn, 'getDirectory').partners.map(
    (p) => p.record.id,
  );
  const rows = mustRun<{ record: { id: string } }[]>(addOn, 'addGatherings', drafts, ids.slice(0, invite));
  return { addOn, state: rows[rows.length - 1].record.id };
}

/** A survey and the partners whose contacts add up to `recipients`. */
export function withSurvey(recipients: number): {
  addOn: AddOn;
  state: { surveyId: string; partnerIds: string[] };
} {
  const addOn = seeded(Math.max(50, recipients / 2));
  signEmails(addOn);
  const bank = mustRun<{ questions: unknown[] }>(addOn, 'surveyQuestions', 'end-of-year partnership survey');
  const survey = mustRun<{ record: { id: string } }>(addOn, 'createSurvey', {
    kind: 'end-of-year partnership survey',
    title: 'End of year',
    questions: bank.questions,
    opens: '',
    closes: '',
    threshold: 3,
  });
  const d = mustRun<{
    partners: { record: { id: string } }[];
    contacts: { record: { partnerId: string } }[];
  }>(addOn, 'getDirectory');
  const partnerIds: string[] = [];
  let contacts = 0;
  for (const p of d.partners) {
    const n = d.contacts.filter((c) => c.record.partnerId === p.record.id).length;
    if (contacts + n > recipients) continue;
    partnerIds.push(p.record.id);
    contacts += n;
  }
  if (contacts !== recipients) throw new Error(`bench: ${contacts} contacts, not ${recipients}`);
  return { addOn, state: { surveyId: survey.record.id, partnerIds } };
}

const SEND = { subject: 'Survey', message: 'Dear {{contact.name}}: {{survey.link}}', audience: 'all' };

/** The sidebar's "Send": batches of SURVEY_SEND_BATCH until none is left for the batch, then a reload. */
function sendAsTheSidebar(s: Session, surveyId: string, partnerIds: string[]): string[] {
  const sent: string[] = [];
  for (let first = true; ; first = false) {
    const r = s.run<SendResult>('sendSurvey', {
      ...SEND,
      surveyId,
      partnerIds: first ? partnerIds : [],
      batch: SURVEY_SEND_BATCH,
    });
    sent.push(...r.sent);
    if (r.queued === 0 || r.stoppedBy !== 'batch') break;
  }
  s.reload();
  return sent;
}

/** Answers to the survey's Form: one per email sent, through each email's prefilled link. */
function answer(addOn: AddOn, scales: readonly string[], from: number, to: number): number {
  let fired = 0;
  for (const m of addOn.workspace.mail.sent.slice(from, to)) {
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)?.[0] ?? '';
    const values = Object.fromEntries(scales.map((t, j) => [t, 1 + ((fired + j) % 5)]));
    fired += addOn.workspace.forms.submit(link, values).fired.length;
  }
  return fired;
}

/** The scale questions' titles of the survey's Form (read before counting starts). */
function scalesOf(addOn: AddOn, surveyId: string): string[] {
  const row = addOn.workspace
    .inspect()
    .tabs.find((t) => t.name === 'Surveys')
    ?.values.find((r) => r[0] === surveyId);
  return addOn.workspace.services.FormApp.openById(String(row?.[3]))
    .getItems()
    .filter((i) => String(i.getType()) === 'SCALE')
    .map((i) => i.getTitle());
}

/** Besides the emails themselves: at most one call per email and 15 per execution, in at most 5 executions. */
const SEND_BUDGET: Budget = {
  text: '≤ 5 executions; besides the emails and the reload ≤ 1 call per email + 15 per execution',
  check: (f) => {
    const emails = f.byMethod['MailApp.sendEmail'] ?? 0;
    const other = f.own - emails;
    const over: string[] = [];
    if (f.executions > 5) over.push(`${f.executions} executions`);
    if (other > emails + 15 * f.executions)
      over.push(`${other} other calls for ${emails} emails in ${f.executions} executions`);
    return over.join(', ');
  },
};

/** A network of schools, partners and needs, written straight into the tabs (as imported lists are). */
export function network(partners: number, needs: number, schoolCount: number) {
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
  const id = (p: string, i: number) => `${p}-${String(i).padStart(10, '0')}`;
  return {
    schools: Array.from({ length: schoolCount }, (_, i) => ({ id: id('S', i), name: `School ${i}` })),
    partners: Array.from({ length: partners }, (_, i) => ({
      id: id('P', i),
      name: `Partner ${i}`,
      status: statuses[i % statuses.length],
      focusAreas: [focus[i % focus.length], focus[(i * 7) % focus.length]],
      schools: [`School ${i % schoolCount}`, `School ${(i * 13) % schoolCount}`].join(', '),
      grades: grades[i % grades.length],
      cadence: 'monthly',
      lastCheckIn: '2026-09-01',
      funding: i % 5 ? 'A, B' : 'A',
    })),
    needs: Array.from({ length: needs }, (_, i) => ({
      id: id('N', i),
      school: `School ${i % schoolCount}`,
      focusArea: focus[(i * 3) % focus.length],
      grades: grades[(i * 5) % grades.length],
      priority: ['high', 'medium', 'low'][i % 3],
      status: 'open',
    })),
  };
}

export function seedNetwork(partners: number): AddOn {
  const addOn = fresh();
  mustRun(addOn, 'setUpDatabase');
  const data = network(partners, (partners * 3) / 5, Math.max(5, partners / 50));
  const ss = addOn.workspace.spreadsheet;
  const put = (
    tab: string,
    rows: Record<string, unknown>[],
    columns: readonly { key: string; header: string }[],
  ) => {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`bench: no ${tab} tab`);
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
  return addOn;
}

/** A survey sent to 400 partners, every one of them answered. */
function answered400() {
  const made = withSurvey(400);
  mustRun(made.addOn, 'sendSurvey', { ...SEND, ...made.state, batch: 500 });
  answer(made.addOn, scalesOf(made.addOn, made.state.surveyId), 0, 400);
  return made;
}

export const CORE: Action[] = [
  action({
    name: 'set up an empty spreadsheet',
    row: 'set-up of an empty spreadsheet',
    prepare: () => ({ addOn: fresh(), state: null }),
    run: setUp,
    // 14 calls: the 15 tabs are made in one Sheets.Spreadsheets.batchUpdate (src/server/workspace/setup-batch.ts).
    budget: within({ calls: 150 }),
  }),
  action({
    name: 'set up again, nothing to do (50 partners)',
    partners: 50,
    prepare: () => ({ addOn: seeded(50), state: null }),
    run: setUp,
  }),
  ...SIZES.map((n) =>
    action({
      name: `rebuild the Gaps tab, ${n.toLocaleString('en-US')} partners / ${((n * 3) / 5).toLocaleString('en-US')} needs`,
      row: 'write the Gaps tab',
      partners: n,
      prepare: () => {
        const addOn = seedNetwork(n);
        mustRun(addOn, 'writeGapsTab');
        return { addOn, state: null };
      },
      run: (s) => void s.run('writeGapsTab'),
      budget: within({ calls: 20 }),
    }),
  ),
  action({
    name: 'write the Gaps tab the first time, 5,000 partners / 3,000 needs',
    row: 'write the Gaps tab',
    partners: 5000,
    prepare: () => ({ addOn: seedNetwork(5000), state: null }),
    run: (s) => void s.run('writeGapsTab'),
    // The tab made with its rows, sized, its header frozen and bold, in one Sheets API batch (and the
    // spreadsheet's id for it): 1 less than rewriting it, which clears it and asks for its range.
    budget: within({ calls: 20 }),
  }),
  ...[3, 40].map((invite) =>
    action({
      name: `agenda Doc, ${invite} partners invited`,
      row: 'agenda Doc, 3 or 40 partners',
      partners: 50,
      prepare: () => withYear(50, invite),
      // The agenda button: makeAgenda, then the reload the sidebar does after.
      run: (s, gathering: string) => {
        s.run('makeAgenda', gathering, false);
        s.reload();
      },
      // Issue 11's target is 60. The body is one Drive import whatever the roster (36 calls in all,
      // most of them the five tables read and the link written under the lock): held near it.
      budget: within({ calls: 40 }),
    }),
  ),
  action({
    name: 'survey send to 400, as the sidebar does it',
    row: 'survey send to 400',
    prepare: () => withSurvey(400),
    run: (s, st: { surveyId: string; partnerIds: string[] }) => {
      const sent = sendAsTheSidebar(s, st.surveyId, st.partnerIds);
      if (sent.length !== 400) throw new Error(`sent ${sent.length}`);
    },
    budget: SEND_BUDGET,
  }),
  action({
    name: 'one form answer, 400 already in (trigger)',
    row: 'one form answer, 400 already in',
    prepare: () => {
      const made = withSurvey(402);
      const s = { surveyId: made.state.surveyId, partnerIds: made.state.partnerIds };
      mustRun(made.addOn, 'sendSurvey', { ...SEND, ...s, batch: 500 });
      const scales = scalesOf(made.addOn, s.surveyId);
      answer(made.addOn, scales, 0, 400);
      return { addOn: made.addOn, state: scales };
    },
    run: (s, scales: string[]) => {
      s.triggers(
        () => answer(s.addOn, scales, 400, 401),
        (fired) => fired,
      );
    },
    // The answer's tab and spreadsheet 3 (whose survey it is: its sheet id), Surveys and Survey
    // Responses read 2 + 2, the Form's timestamp 1, the recipient's row written in one block 2.
    budget: within({ calls: 10, executions: 1 }),
  }),
  action({
    name: 'make the survey report, 400 answers (with the Summary tab chart as a picture)',
    prepare: answered400,
    run: (s, st: { surveyId: string }) => {
      s.run('makeSurveyReport', st.surveyId, false);
    },
    // The survey read as getSurvey does, the Survey Summary tab written for it (~25 calls under the
    // lock), one Drive import, then one getAs and the Doc opened once to put the picture in (12).
    budget: within({ calls: 70, executions: 1 }),
  }),
  action({
    name: 'survey results, 400 answers',
    prepare: answered400,
    run: (s, st: { surveyId: string }) => {
      const v = s.run<{ summary: { responded: number } }>('getSurvey', st.surveyId);
      if (v.summary.responded !== 400) throw new Error(`responded ${v.summary.responded}`);
    },
  }),
];
