// Every server function the sidebars call, tried with missing, extra, wrong-typed, out-of-range and
// oversized arguments derived from one valid call: each gets a clear error and nothing is written.
import type { AddOn, RunOutcome } from '../../dev/gas';
import type { ServerApi, ServerFunction } from '../../src/shared/contract';
import { SERVER_FUNCTION_NAMES } from '../../src/server/api';
import { CONVENING_GOALS } from '../../src/shared/convening';
import { TABLES } from '../../src/shared/schema';
import { deriveBadCalls, type BadCall, type DeriveOptions } from './derive';
import { fixture, fresh, IMPORT_TAB, inDoc, TODAY, type Ctx } from './fixture';
import { unreadable } from './messages';
import { changed, mutatingCalls, observe, type Observed } from './observe';
import { tally } from '../report';

type ValidCalls = { readonly [K in ServerFunction]: (ctx: Ctx) => Parameters<ServerApi[K]> };

/**
 * One valid call per function, as small as it can be: every field present is required, unless listed
 * in OPTIONS (removing it leaves a valid call, so its removal is not a bad call).
 */
const valid: ValidCalls = {
  getDirectory: () => [],
  getHome: () => [
    { query: '', status: '', focus: '', school: '', liaison: '', attention: false, offset: 0, limit: 100 },
  ],
  findPartners: () => [
    { query: 'x', status: '', focus: '', school: '', liaison: '', attention: false, offset: 0, limit: 100 },
  ],
  getPartner: (c) => [c.partnerId, ['contacts']],
  getTables: () => [['needs']],
  setUpDatabase: () => [],
  savePartner: () => [
    { values: { name: 'Eastgate Arts', status: 'prospect' }, contact: { values: { name: 'Ana Ruiz' } } },
  ],
  saveContact: (c) => [{ values: { partnerId: c.partnerId, name: 'Ana Ruiz' } }],
  saveAgreement: (c) => [{ values: { partnerId: c.partnerId, type: 'MOU' } }],
  saveSchool: () => [{ values: { name: 'Eastgate Middle School' } }],
  logCheckIn: (c) => [{ values: { partnerId: c.partnerId, date: TODAY } }],
  getImportSources: () => [],
  previewImport: () => [{ tab: IMPORT_TAB, mapping: { Agency: 'name' }, decisions: { '2': 'add' } }],
  runImport: () => [{ tab: IMPORT_TAB, mapping: { Agency: 'name' }, decisions: { '2': 'add' } }],
  planYear: () => [
    {
      model: 'custom',
      startYear: 2026,
      weekday: 3,
      week: 2,
      start: '15:30',
      minutes: 90,
      location: 'School library',
      months: [9],
    },
  ],
  planConvening: () => [
    {
      goals: [...CONVENING_GOALS.slice(0, 2)],
      date: '2026-10-10',
      days: 1,
      start: '09:00',
      location: 'School library',
      coConveners: 'City parks department',
    },
  ],
  addGatherings: (c) => [
    [
      {
        kind: 'multi-partner gathering',
        title: 'Winter partner gathering',
        date: '2027-01-20',
        start: '15:30',
        end: '17:00',
        location: 'School library',
        objectives: 'Share highlights',
        topic: 'Mid-year check',
      },
    ],
    [c.partnerId],
  ],
  saveGathering: (c) => [
    {
      values: {
        kind: 'other',
        title: 'Family night',
        date: '2026-11-05',
        start: '18:00',
        end: '19:30',
        status: 'planned',
        invited: [c.partnerId],
      },
    },
  ],
  saveActionItem: (c) => [
    {
      values: {
        what: 'Send the calendar',
        status: 'open',
        gatheringId: c.gatheringId,
        partnerId: c.partnerId,
      },
    },
  ],
  makeAgenda: (c) => [c.gatheringId, false],
  putOnCalendar: (c) => [c.gatheringId, false],
  syncGatherings: (c) => [{ ids: [c.gatheringId], sendInvites: false, agendas: false }],
  cancelGathering: (c) => [c.gatheringId],
  markHeld: (c) => [c.pastGatheringId],
  previewFollowUp: (c) => [c.pastGatheringId],
  sendFollowUp: (c) => [c.pastGatheringId],
  getSettings: () => [],
  saveSettings: (c) => [
    {
      templates: { 'multi-partner gathering': c.templateDocId },
      calendarId: c.calendarId,
      sender: { name: 'Marisol Vega', role: 'Community schools coordinator', school: 'Riverside' },
    },
  ],
  getAgendaInfo: () => [],
  insertIntoAgenda: () => ['partners'],
  captureActionItems: () => [],
  surveyQuestions: () => ['convening feedback'],
  createSurvey: () => [
    {
      kind: 'convening feedback',
      title: 'Convening feedback',
      questions: [{ id: 'custom-1', type: 'text', title: 'What worked?', required: false }],
      opens: '',
      closes: '',
      threshold: 3,
    },
  ],
  previewSurveyMail: (c) => [
    {
      surveyId: c.surveyId,
      subject: 'Our survey',
      message: 'Please answer: {{survey.link}}',
      audience: 'primary',
      partnerIds: [c.partnerId],
      batch: 10,
    },
  ],
  sendSurveyTest: (c) => [
    {
      surveyId: c.surveyId,
      subject: 'Our survey',
      message: 'Please answer: {{survey.link}}',
      audience: 'primary',
      partnerIds: [c.partnerId],
      batch: 10,
    },
    'coordinator@school.example',
  ],
  sendSurvey: (c) => [
    {
      surveyId: c.surveyId,
      subject: 'Our survey',
      message: 'Please answer: {{survey.link}}',
      audience: 'primary',
      partnerIds: [c.partnerId],
      batch: 10,
    },
  ],
  previewReminder: (c) => [c.surveyId, 7],
  remindSurvey: (c) => [c.surveyId, 7, 10],
  refreshResponses: (c) => [c.surveyId],
  getSurvey: (c) => [c.surveyId],
  writeSurveySummary: (c) => [c.surveyId],
  makeSurveyReport: (c) => [c.surveyId, false],
  closeSurvey: (c) => [c.surveyId],
  askToCheckDetails: (c) => [[c.partnerId], 10],
  getProposedChanges: () => [],
  decideChange: (c) => [c.changeId, 'accept'],
  previewDetailsReminder: () => [],
  remindDetails: () => [10],
  makeIntakeForm: () => [],
  getIntake: () => [],
  setIntakeDigest: () => [false, ''],
  decideIntake: (c) => [c.intakeAnswerId, 'dismiss', ''],
  saveNeed: () => [{ values: { school: 'Riverside Middle School', focusArea: 'tutoring', status: 'open' } }],
  getGaps: () => [],
  getNeedFigures: () => [],
  writeGapsTab: () => [],
  rollupNetwork: (c) => [[c.otherSpreadsheetUrl]],
  writeDashboard: () => [],
  openDashboard: () => [],
  startVetting: (c) => [c.prospectId],
  saveVetting: (c) => [{ values: { partnerId: c.prospectId } }],
  saveOnboarding: (c) => [{ values: { partnerId: c.prospectId } }],
  reviewContext: (c) => [c.partnerId],
  saveReview: (c) => [{ values: { partnerId: c.partnerId, year: '2026-27' } }],
  makePartnerDoc: (c) => ['vetting', c.partnerId],
  makeSchoolDoc: () => ['directory'],
  fillDemoData: () => [],
  removeDemoData: () => [],
};

const OPTIONS: Partial<Record<ServerFunction, DeriveOptions>> = {
  previewImport: { optional: ['0.decisions', '0.decisions.2'] },
  runImport: { optional: ['0.decisions', '0.decisions.2'] },
  planYear: { optional: ['0.months'] },
  savePartner: { optional: ['0.contact'] },
  saveSettings: {
    optional: ['0.templates', '0.templates.multi-partner gathering', '0.calendarId', '0.sender'],
  },
  createSurvey: { accepts: { '0.threshold': ['null'] } },
  saveActionItem: { optional: ['0.values.gatheringId', '0.values.partnerId'] },
  saveGathering: { optional: ['0.values.invited'] },
};

/** Functions of the Docs sidebar: they run inside the agenda Doc. */
const IN_DOC: readonly ServerFunction[] = ['getAgendaInfo', 'insertIntoAgenda', 'captureActionItems'];

const { state, ctx } = fixture();
let tried = 0;
let writes = 0;

function run(addOn: AddOn, fn: ServerFunction, args: unknown[]): RunOutcome {
  return IN_DOC.includes(fn)
    ? inDoc(addOn, ctx.agendaDocId, () => addOn.run(fn, ...args))
    : addOn.run(fn, ...args);
}

/** The column headers of a field key, which its field messages name ('name' → 'Organization', 'School'…). */
const headersOf = (key: string): string[] =>
  Object.values(TABLES).flatMap((t) => t.columns.filter((c) => c.key === key).map((c) => c.header));

/** Words beyond the function and the field that name what was wrong, by function. */
const NAMES: Partial<Record<ServerFunction, readonly string[]>> = {
  // The mapping's one entry maps a column to the partner's name, which the sidebar calls Organization.
  previewImport: ['Organization'],
  runImport: ['Organization'],
};

const hints = (fn: ServerFunction, call: BadCall): string[] => [
  ...(call.value ? [call.value] : []),
  ...(NAMES[fn] ?? []),
];

/** What is wrong with the outcome of a bad call, or '' when it was refused clearly. */
function judge(fn: ServerFunction, call: BadCall, outcome: RunOutcome): string {
  if (!outcome.ok) {
    const why = unreadable(outcome.message, fn, call.path, hints(fn, call));
    return why ? `message ${why}: ${JSON.stringify(outcome.message.slice(0, 300))}` : '';
  }
  const value = outcome.value as { status?: unknown; errors?: unknown } | null;
  if (value && value.status === 'invalid' && value.errors && typeof value.errors === 'object') {
    const errors = Object.entries(value.errors as Record<string, unknown>);
    if (!errors.length) return 'reported invalid with no message';
    for (const [key, message] of errors) {
      const why = unreadable(String(message), fn, call.path, [...hints(fn, call), key, ...headersOf(key)]);
      if (why) return `field message ${why}: ${JSON.stringify(String(message).slice(0, 300))}`;
    }
    return '';
  }
  return `was accepted: ${JSON.stringify(outcome.value)?.slice(0, 200)}`;
}

afterAll(() => {
  tally(`bad calls tried: ${tried}, writes: ${writes}`);
});

it('has one valid call for every server function, and no other', () => {
  expect(Object.keys(valid).sort()).toEqual([...SERVER_FUNCTION_NAMES].sort());
});

// One add-on serves every bad call: each call is checked to leave it as the fixture made it, so the next
// call starts from the fixture too; after a call that wrote, a fresh copy is loaded.
let shared: { addOn: AddOn; before: Observed } | undefined;
function clean(): { addOn: AddOn; before: Observed } {
  if (!shared) {
    const addOn = fresh(state);
    shared = { addOn, before: observe(addOn) };
  }
  return shared;
}

// Valid calls run one after another on their own add-on, in the table's order.
let validAddOn: AddOn | undefined;

describe.each(SERVER_FUNCTION_NAMES.map((fn) => [fn]))('%s', (fn: ServerFunction) => {
  it('refuses every bad call with a readable message and writes nothing', () => {
    const args = valid[fn](ctx) as unknown[];
    const calls = deriveBadCalls(args, OPTIONS[fn]);
    expect(calls.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const call of calls) {
      const { addOn, before } = clean();
      tried += 1;
      addOn.workspace.calls.reset();
      const outcome = run(addOn, fn, call.args);
      const mutators = mutatingCalls(addOn);
      const diff = changed(before, observe(addOn));
      const verdict = judge(fn, call, outcome);
      if (diff.length || mutators.length) {
        writes += 1;
        problems.push(`${call.label}: wrote ${[...diff, ...mutators].join(', ')}`);
        shared = undefined;
      }
      if (verdict) problems.push(`${call.label}: ${verdict}`);
    }
    expect(problems).toEqual([]);
  });

  it('accepts its valid call (so the bad calls fail for being bad)', () => {
    validAddOn ??= fresh(state);
    const outcome = run(validAddOn, fn, valid[fn](ctx) as unknown[]);
    if (!outcome.ok) throw new Error(`${fn}: ${outcome.message}`);
    expect((outcome.value as { status?: string } | null)?.status).not.toBe('invalid');
  });
});
