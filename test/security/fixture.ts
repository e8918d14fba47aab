// A seeded school with one of everything a server function can be pointed at: partners, contacts, a
// gathering with its agenda Doc, an action item, an open survey, a tab to import from. Built once and
// saved as a workspace state; each test starts from a fresh copy of that state.
import { loadAddOn, type AddOn, type RunOutcome } from '../../dev/gas';
import { seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type { WorkspaceState } from '../../dev/workspace';
import type {
  AgendaResult,
  Directory,
  IntakeView,
  Listed,
  ProposedChanges,
  SaveResult,
} from '../../src/shared/contract';
import type { ActionItem, Gathering, Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';

export const TODAY = '2026-09-01';
export const NOW = new Date(`${TODAY}T15:00:00Z`);
export const IMPORT_TAB = 'Old partner list';

/** Ids and names the valid calls point at. */
export interface Ctx {
  readonly partnerId: string;
  readonly otherPartnerId: string;
  /** A prospect: it can start vetting. */
  readonly prospectId: string;
  /** Another spreadsheet's link, for the network rollup. */
  readonly otherSpreadsheetUrl: string;
  readonly gatheringId: string;
  /** A gathering whose day has passed, marked held: its follow-up may go. */
  readonly pastGatheringId: string;
  readonly actionItemId: string;
  readonly surveyId: string;
  /** A change a partner proposed to its own details, waiting for the coordinator. */
  readonly changeId: string;
  /** An intake answer kept as a possible duplicate, waiting for the coordinator. */
  readonly intakeAnswerId: string;
  readonly agendaDocId: string;
  readonly templateDocId: string;
  readonly calendarId: string;
}

export interface Fixture {
  readonly state: WorkspaceState;
  readonly ctx: Ctx;
}

export function ok<T>(addOn: AddOn, name: string, ...args: unknown[]): T {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.message}`);
  return outcome.value as T;
}

export function saved<T>(result: SaveResult<T>): Listed<T> {
  if (result.status !== 'saved') throw new Error(`not saved: ${JSON.stringify(result).slice(0, 500)}`);
  return result.entry;
}

/** Runs as the Docs add-on inside that document, as the preview server does. */
export function inDoc(addOn: AddOn, docId: string, work: () => RunOutcome): RunOutcome {
  addOn.workspace.setHost('docs');
  addOn.workspace.setActiveDocument(docId);
  try {
    return work();
  } finally {
    addOn.workspace.setHost('sheets');
    addOn.workspace.setActiveDocument(null);
  }
}

export function fresh(state: WorkspaceState): AddOn {
  return loadAddOn({ state, now: () => NOW });
}

let built: Fixture | undefined;

export function fixture(): Fixture {
  if (built) return built;
  const addOn = loadAddOn({ now: () => NOW });
  seedDemoSchool(addOn, TODAY);
  signEmails(addOn);
  const d = ok<Directory>(addOn, 'getDirectory');
  const withEmail = d.partners.filter((p) =>
    d.contacts.some((c) => c.record.partnerId === p.record.id && c.record.email),
  );
  const [partner, other] = withEmail;
  const prospect = d.partners.find((p) => p.record.status === 'prospect');
  if (!partner || !other || !prospect) throw new Error('The demo school lacks partners to point at.');
  const [gathering, past] = ok<Listed<Gathering>[]>(
    addOn,
    'addGatherings',
    [
      {
        kind: 'multi-partner gathering',
        title: 'Fall partner gathering',
        date: '2026-09-24',
        start: '15:30',
        end: '17:00',
        location: 'School library',
        objectives: 'Meet each other',
        topic: 'The year ahead',
      },
      {
        kind: 'multi-partner gathering',
        title: 'Summer partner meet-up',
        date: '2026-08-27',
        start: '15:30',
        end: '17:00',
        location: 'School library',
        objectives: 'Plan the fall',
        topic: 'What is new',
      },
    ],
    [partner.record.id, other.record.id],
  );
  ok(addOn, 'markHeld', past.record.id);
  const made = ok<AgendaResult>(addOn, 'makeAgenda', gathering.record.id, false);
  const agendaDocId = /\/d\/([^/]+)/.exec(made.url)?.[1] ?? '';
  const item = saved(
    ok<SaveResult<ActionItem>>(addOn, 'saveActionItem', {
      values: { what: 'Share the events calendar', status: 'open', gatheringId: gathering.record.id },
    }),
  );
  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'end-of-year partnership survey');
  const survey = ok<Listed<Survey>>(addOn, 'createSurvey', {
    kind: 'end-of-year partnership survey',
    title: 'End of year survey',
    questions: bank.questions,
    opens: TODAY,
    closes: '2026-10-01',
    threshold: 3,
  });
  const w = addOn.workspace;
  ok(addOn, 'askToCheckDetails', [other.record.id], 10);
  const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(w.mail.sent.at(-1)?.body ?? '')?.[0] ?? '';
  w.forms.submit(link, { 'Main contact: phone': '+1 555 010 0199' });
  const changeId = ok<ProposedChanges>(addOn, 'getProposedChanges').partners[0]?.changes[0]?.id;
  if (!changeId) throw new Error('The details check proposed no change.');
  const intake = ok<{ url: string }>(addOn, 'makeIntakeForm');
  const applicant = {
    'Organization name': other.record.name,
    'Focus areas': ['tutoring'],
    'Services you offer': 'Homework help',
    'Main contact: name': 'Pat Lee',
    'Main contact: email': 'pat@applicant.example.org',
  };
  w.forms.submit(intake.url, applicant);
  const intakeAnswerId = ok<IntakeView>(addOn, 'getIntake').review[0]?.id;
  if (!intakeAnswerId) throw new Error('The intake answer was not kept for review.');
  const template = w.addDocument('Our agenda template', [
    '{{gathering.title}}',
    'At {{gathering.location}}, {{gathering.date}} {{gathering.time}}',
    'Objectives: {{gathering.objectives}} Topic: {{gathering.topic}}',
    'Partners: {{partners.names}}; roles: {{gathering.facilitator}}, {{gathering.noteTaker}}',
    '{{school.name}}: {{school.vision}}',
    // Last: a table placeholder on the template's last line (F5: Docs refused to remove that paragraph).
    '{{table:partners}}',
  ]);
  const source = w.spreadsheet.insertSheet(IMPORT_TAB);
  source.getRange(1, 1, 3, 3).setValues([
    ['Agency', 'E-mail', 'Notes'],
    ['Northside Tutors', 'ana@northside.example.org', 'from the old list'],
    ['Eastgate Arts', 'lee@eastgate.example.org', ''],
  ]);
  const otherSchool = w.addSpreadsheet('Eastgate Partner Hub');
  built = {
    state: w.toJSON(),
    ctx: {
      partnerId: partner.record.id,
      otherPartnerId: other.record.id,
      prospectId: prospect.record.id,
      otherSpreadsheetUrl: otherSchool.getUrl(),
      gatheringId: gathering.record.id,
      pastGatheringId: past.record.id,
      actionItemId: item.record.id,
      surveyId: survey.record.id,
      changeId,
      intakeAnswerId,
      agendaDocId,
      templateDocId: template.getId(),
      calendarId: w.services.CalendarApp.getDefaultCalendar().getId(),
    },
  };
  return built;
}
