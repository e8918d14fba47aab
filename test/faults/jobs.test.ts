// Faults mid-job: every multi-step job is run once cleanly, then again with a failure injected at each
// of its service calls in turn (a service error, the time limit, a spent quota), then resumed as a
// person or a trigger would. The end state must equal the clean run's: nothing missing, nothing doubled.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { DEMO_YEAR, seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type { GatheringDraft, Listed } from '../../src/shared/contract';
import type { Gathering } from '../../src/shared/records';
import { tally } from '../report';

const NOW = new Date('2026-08-20T15:00:00Z');
const FAULTS = [
  'We are sorry, a server error occurred. Please wait a bit and try again.',
  'Exceeded maximum execution time',
  'Service invoked too many times for one day: email.',
];
const DAY = 24 * 60 * 60 * 1000;
/** The other school's spreadsheet the network rollup reads, per add-on. */
const rollupSources = new WeakMap<AddOn, string>();

function run(addOn: AddOn, name: string, ...args: unknown[]): unknown {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
  return outcome.value;
}

/** What a person would see afterwards, without the ids and stamps that differ from run to run. */
function endState(addOn: AddOn) {
  const w = addOn.workspace;
  const norm = (v: unknown): string => {
    if (Object.prototype.toString.call(v) === '[object Date]') return '<date>';
    return (
      String(v)
        .replace(/\b[A-Z]-[0-9a-z]{10}\b/g, '<id>')
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<ts>')
        .replace(/https:\/\/docs\.google\.com\/\S+/g, '<url>')
        .replace(/\b[0-9a-f]{48}\b/g, '<code>')
        // A gathering's Calendar fingerprint hashes its event's description, which names its random id.
        .replace(/\bv1:[0-9a-f]{16}:/g, 'v1:<fingerprint>:')
        .replace(/[\w-]+@google\.com/g, '<event>')
    );
  };
  const tabs = w
    .inspect()
    .tabs.flatMap((t) => t.values.slice(1).map((r) => `${t.name}: ${r.map(norm).join('|')}`))
    .sort();
  const docs = w
    .inspectDrive()
    .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document' && !f.trashed)
    .map((f) => norm(JSON.stringify(w.inspectDocument(f.id).tree)))
    .sort();
  const events = w.calendar
    .inspect()
    .map((e) => norm(`${e.title}|${e.start}|${e.end}|${e.location}|${[...e.guests].sort().join(',')}`))
    .sort();
  const mail = w.mail.sent.map((m) => norm(`${m.to.join(',')}|${m.subject}|${m.body}`)).sort();
  // What Calendar emailed guests: each guest invited once, however often the job was resumed.
  const calendarMail = [
    ...w.calendar.invitations.map((i) => norm(`invitation|${i.title}|${i.email}`)),
    ...w.calendar.notices.map((n) => norm(`${n.kind}|${n.title}|${n.email}`)),
  ].sort();
  return {
    tabs,
    docs,
    events,
    mail,
    calendarMail,
    triggers: w.triggers
      .list()
      .map((t) => t.handler)
      .sort(),
  };
}

/** A short account of how two end states differ, or '' when they are the same. */
function difference(expected: ReturnType<typeof endState>, got: ReturnType<typeof endState>): string {
  for (const part of ['tabs', 'docs', 'events', 'mail', 'calendarMail', 'triggers'] as const) {
    const [a, b] = [expected[part], got[part]];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const missing = a.filter((x) => !b.includes(x));
    const extra = b.filter((x) => !a.includes(x));
    // Show where the first missing and the first extra entry part ways.
    const at = [...(missing[0] ?? '')].findIndex((c, i) => c !== (extra[0] ?? '')[i]);
    const clip = (x: string | undefined) => (x ?? '').slice(Math.max(0, at - 60), at + 140);
    return `${part}: expected ${a.length}, got ${b.length}; missing ${missing.length} (${clip(missing[0])}); extra ${extra.length} (${clip(extra[0])})`;
  }
  return '';
}

interface Job {
  readonly name: string;
  /** State before the job; not faulted. */
  readonly before: (addOn: AddOn) => void;
  /** The job itself, as the sidebar runs it. */
  readonly job: (addOn: AddOn) => void;
}

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => NOW });
  seedDemoSchool(addOn, '2026-08-20');
  signEmails(addOn);
  return addOn;
}

const YEAR = DEMO_YEAR;
const invited = (addOn: AddOn) =>
  (run(addOn, 'getDirectory') as { partners: { record: { id: string; status: string } }[] }).partners
    .filter((p) => p.record.status === 'active')
    .slice(0, 6)
    .map((p) => p.record.id);
const gatherings = (addOn: AddOn) =>
  (run(addOn, 'getDirectory') as { gatherings: Listed<Gathering>[] }).gatherings;
const planYear = (addOn: AddOn) =>
  run(addOn, 'addGatherings', run(addOn, 'planYear', YEAR) as GatheringDraft[], invited(addOn));
const survey = (addOn: AddOn) => {
  const bank = run(addOn, 'surveyQuestions', 'convening feedback') as { questions: unknown[] };
  return run(addOn, 'createSurvey', {
    kind: 'convening feedback',
    title: 'Feedback',
    questions: bank.questions,
    opens: '',
    closes: '',
    threshold: null,
  }) as Listed<{ id: string }>;
};
const surveyId = (addOn: AddOn) =>
  (run(addOn, 'getDirectory') as { surveys: Listed<{ id: string }>[] }).surveys[0].record.id;
const SEND = {
  subject: 'Feedback',
  message: 'Dear {{contact.name}}: {{survey.link}}',
  audience: 'all',
  batch: 500,
};

const JOBS: Job[] = [
  { name: 'plan a year', before: () => undefined, job: planYear },
  {
    name: 'generate agendas',
    before: planYear,
    job: (a) => {
      for (const g of gatherings(a)) run(a, 'makeAgenda', g.record.id, false);
    },
  },
  {
    name: 'create events',
    before: planYear,
    job: (a) => {
      for (const g of gatherings(a)) run(a, 'putOnCalendar', g.record.id, false);
    },
  },
  {
    name: 'create events with invitations',
    before: planYear,
    job: (a) => {
      for (const g of gatherings(a)) run(a, 'putOnCalendar', g.record.id, true);
    },
  },
  {
    name: 'make agendas and events, many per execution',
    before: planYear,
    job: (a) => {
      let ids = gatherings(a).map((g) => g.record.id);
      while (ids.length) {
        const result = run(a, 'syncGatherings', { ids, sendInvites: false, agendas: true }) as {
          remaining: string[];
        };
        ids = result.remaining;
      }
    },
  },
  {
    name: 'sync events with invitations, many per execution',
    before: (a) => {
      planYear(a);
      run(a, 'syncGatherings', {
        ids: gatherings(a).map((g) => g.record.id),
        sendInvites: false,
        agendas: false,
      });
    },
    job: (a) => {
      run(a, 'syncGatherings', {
        ids: gatherings(a).map((g) => g.record.id),
        sendInvites: true,
        agendas: false,
      });
    },
  },
  {
    name: 'update events',
    before: (a) => {
      planYear(a);
      for (const g of gatherings(a)) run(a, 'putOnCalendar', g.record.id, false);
      const [first] = gatherings(a);
      const { id, created: _c, updated: _u, ...values } = first.record;
      run(a, 'saveGathering', {
        id,
        version: first.version,
        values: { ...values, start: '16:00', end: '17:30', invited: values.invited.slice(2) },
      });
    },
    job: (a) => {
      for (const g of gatherings(a)) run(a, 'putOnCalendar', g.record.id, true);
    },
  },
  {
    name: 'send a survey',
    before: survey,
    job: (a) => run(a, 'sendSurvey', { ...SEND, surveyId: surveyId(a), partnerIds: invited(a) }),
  },
  {
    name: 'remind a survey',
    before: (a) => {
      survey(a);
      run(a, 'sendSurvey', { ...SEND, surveyId: surveyId(a), partnerIds: invited(a) });
    },
    job: (a) => run(a, 'remindSurvey', surveyId(a), 0, 500),
  },
  {
    name: 'follow-up emails',
    before: (a) => {
      planYear(a);
      const [g] = gatherings(a);
      run(a, 'saveActionItem', {
        values: {
          what: 'Share the calendar',
          who: 'Marisol',
          byWhen: '',
          gatheringId: g.record.id,
          partnerId: g.record.invited[0],
          status: 'open',
        },
      });
      // The day after the gathering, marked held: a follow-up goes only then.
      a.workspace.clock.set(new Date(`${g.record.date}T15:00:00Z`));
      a.workspace.clock.advance(DAY);
      run(a, 'markHeld', g.record.id);
    },
    job: (a) => run(a, 'sendFollowUp', gatherings(a)[0].record.id),
  },
  {
    name: 'network rollup',
    before: (a) => {
      const other = a.workspace.addSpreadsheet('Eastside');
      other
        .insertSheet('Partners')
        .getRange(1, 1, 2, 3)
        .setValues([
          ['Partner ID', 'Organization', 'Status'],
          ['P-00000000e1', 'Eastside Tutors', 'active'],
        ]);
      rollupSources.set(a, other.getUrl());
    },
    job: (a) => {
      // A read-only job: it must read every source, however often it is resumed.
      const result = run(a, 'rollupNetwork', [rollupSources.get(a)]) as { sources: { ok: boolean }[] };
      if (!result.sources.every((s) => s.ok)) throw new Error('rollup could not read a source');
    },
  },
];

/** Finishes what a fault interrupted: the person presses the button again, then the triggers run. */
function resume(addOn: AddOn, job: Job): void {
  try {
    job.job(addOn);
  } catch {
    // A retry can stop on the quota too; the trigger finishes it.
  }
  addOn.workspace.clock.advance(DAY + 60 * 1000);
  addOn.workspace.triggers.runDue();
}

let points = 0;
let mismatches = 0;

afterAll(() => {
  tally(`fault points injected: ${points}, end states differing: ${mismatches}`);
});

describe.each(JOBS)('$name', (job) => {
  it('ends as a clean run does, whichever call fails', () => {
    const clean = demo();
    job.before(clean);
    clean.workspace.calls.reset();
    job.job(clean);
    const calls = clean.workspace.calls.total();
    clean.workspace.clock.advance(DAY + 60 * 1000);
    clean.workspace.triggers.runDue();
    const expected = endState(clean);
    expect(calls).toBeGreaterThan(0);
    // Every call up to 25; past that, an even sample of about 25 (FAULT_POINTS raises it for a deep run).
    const step = Math.max(1, Math.ceil(calls / Number(process.env.FAULT_POINTS ?? 25)));
    for (let at = 1; at <= calls; at += step) {
      const addOn = demo();
      job.before(addOn);
      addOn.workspace.calls.failAt(at, FAULTS[at % FAULTS.length]);
      try {
        job.job(addOn);
      } catch {
        // The fault stopped the job: that is what is being tried.
      }
      addOn.workspace.calls.clearFault();
      resume(addOn, job);
      points += 1;
      const got = endState(addOn);
      const differs = difference(expected, got);
      if (differs) {
        mismatches += 1;
        throw new Error(
          `${job.name}: fault "${FAULTS[at % FAULTS.length]}" at call ${at} of ${calls}: ${differs}`,
        );
      }
    }
  });
});
