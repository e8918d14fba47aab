// The smoke test for a real Google account. Built only into build-smoke/ (`npm run smoke`), beside the
// whole add-on, and run once from the Apps Script editor of a project bound to a scratch spreadsheet: it
// takes every service path the add-on uses through the same server functions the sidebar calls, on
// scratch files it makes, writes a pass/fail table to a "Smoke test" tab, and cleans up after itself.
// The same function runs in `npm test` on the in-memory Workspace (test/integration/smoke.test.ts).
import type {
  AgendaResult,
  EventResult,
  Listed,
  SaveResult,
  SendResult,
  TestMailResult,
} from '../shared/contract';
import type { Contact, Gathering, Partner, Survey } from '../shared/records';
import { TOKEN_QUESTION_TITLE } from '../server/domain/survey-bank';
import { serve } from '../server/api';
import { openDatabase } from '../server/workspace/database';
import { trashIfOurs } from '../server/workspace/drive-files';

export const SMOKE_TAB = 'Smoke test';
const PENDING_KEY = 'partnerHub.smoke.trigger';
const HEADER = ['Step', 'Result', 'What happened', 'At'];

interface Check {
  readonly step: string;
  readonly result: 'pass' | 'FAIL' | 'waiting';
  readonly detail: string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A server function as the sidebar calls it; a refused call fails the step with its message. */
function call<T>(name: Parameters<typeof serve>[0], ...args: unknown[]): T {
  return serve(name, args) as T;
}

function saved<T>(result: SaveResult<T>, what: string): Listed<T> {
  if (result.status === 'saved') return result.entry;
  throw new Error(`${what} was not saved: ${JSON.stringify(result)}`);
}

function check(condition: boolean, failure: string): void {
  if (!condition) throw new Error(failure);
}

/** Tomorrow in the spreadsheet's zone, yyyy-mm-dd: the scratch gathering never lands in the past. */
function tomorrow(zone: string): string {
  return Utilities.formatDate(new Date(Date.now() + 24 * 60 * 60 * 1000), zone, 'yyyy-MM-dd');
}

export function runSmokeTest(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet)
    throw new Error('Run the smoke test from the Apps Script project bound to a scratch spreadsheet.');
  const checks: Check[] = [];
  const step = (name: string, work: () => string): boolean => {
    try {
      checks.push({ step: name, result: 'pass', detail: work() });
      return true;
    } catch (error) {
      checks.push({ step: name, result: 'FAIL', detail: messageOf(error) });
      return false;
    }
  };
  // The runner's own address: the id of their default calendar (no extra scope needed for it).
  const me = CalendarApp.getDefaultCalendar().getId();
  const made: { docs: string[]; calendar: GoogleAppsScript.Calendar.Calendar | null } = {
    docs: [],
    calendar: null,
  };
  let partner: Partner | null = null;
  let gathering: Gathering | null = null;
  let survey: Survey | null = null;

  step('Set up the partner database', () => {
    call('setUpDatabase');
    const missing = call<{ missing: string[] }>('getDirectory').missing;
    check(missing.length === 0, `still missing: ${missing.join(', ')}`);
    return 'every tab and column is there';
  });

  step('Save a partner and its main contact (text kept as typed)', () => {
    partner = saved(
      call<SaveResult<Partner>>('savePartner', {
        values: {
          name: 'Smoke Test 1e5 Partner',
          status: 'active',
          focusAreas: ['tutoring'],
          cadence: 'monthly',
        },
      }),
      'The partner',
    ).record;
    saved(
      call<SaveResult<Contact>>('saveContact', {
        values: { partnerId: partner.id, name: 'Smoke tester', email: me, primary: true },
      }),
      'The contact',
    );
    const found = call<{ partners: Listed<Partner>[] }>('getDirectory').partners.find(
      (p) => p.record.id === partner?.id,
    );
    check(
      found?.record.name === 'Smoke Test 1e5 Partner',
      `read back as ${JSON.stringify(found?.record.name)}`,
    );
    return `partner ${partner.id} with contact ${me}`;
  });

  step('An agenda Doc from a template with {{placeholders}}', () => {
    if (!partner) throw new Error('no partner to invite');
    const template = DocumentApp.create('Partner Hub smoke template');
    made.docs.push(template.getId());
    template.getBody().appendParagraph('Agenda: {{gathering.title}} on {{gathering.date}}');
    const templateUrl = template.getUrl();
    template.saveAndClose();
    call('saveSettings', { templates: { '1-on-1 check-in': templateUrl } });
    const title = 'Smoke check-in, Room $5 \\ Ca$h';
    const [added] = call<Listed<Gathering>[]>(
      'addGatherings',
      [
        {
          kind: '1-on-1 check-in',
          title,
          date: tomorrow(spreadsheet.getSpreadsheetTimeZone()),
          start: '15:30',
          end: '16:00',
          location: 'Library',
          objectives: 'Try every service once',
          topic: '',
        },
      ],
      [partner.id],
    );
    gathering = added.record;
    const agenda = call<AgendaResult>('makeAgenda', gathering.id, false);
    check(agenda.status === 'made', `makeAgenda said ${agenda.status}`);
    const doc = DocumentApp.openByUrl(agenda.url);
    made.docs.push(doc.getId());
    const text = doc.getBody().getText();
    check(text.includes(`Agenda: ${title}`), `the Doc reads "${text.slice(0, 120)}"`);
    return `made ${agenda.url}`;
  });

  step('The gathering on a scratch calendar, with an invitation to a guest', () => {
    if (!gathering) throw new Error('no gathering to put on the calendar');
    const calendar = CalendarApp.createCalendar('Partner Hub smoke test');
    made.calendar = calendar;
    call('saveSettings', { calendarId: calendar.getId() });
    const result = call<EventResult>('putOnCalendar', gathering.id, true);
    const event = calendar.getEventById(result.eventId);
    check(event !== null, 'the event is not on the scratch calendar');
    const guests = event ? event.getGuestList().map((g) => g.getEmail().toLowerCase()) : [];
    check(guests.includes(me.toLowerCase()), `guests are ${guests.join(', ') || 'none'}`);
    check(result.invitationsSent, 'Partner Hub did not ask Calendar to send the invitation');
    return `event ${result.eventId}; invitation to ${me}`;
  });

  step('A survey Form, published, sent by email to yourself', () => {
    if (!partner) throw new Error('no partner to send to');
    const kind = 'convening feedback';
    const bank = call<{ questions: unknown[] }>('surveyQuestions', kind);
    survey = call<Listed<Survey>>('createSurvey', {
      kind,
      title: 'Partner Hub smoke survey',
      questions: bank.questions,
      opens: '',
      closes: '',
      threshold: null,
    }).record;
    made.docs.push(survey.formId);
    check(FormApp.openById(survey.formId).isPublished(), 'the Form is not published: it takes no answers');
    // Every email to partners is signed: the signature the send confirmation would ask for.
    call('saveSettings', {
      sender: { name: 'Partner Hub smoke test', role: 'Smoke test', school: spreadsheet.getName() },
    });
    const sent = call<SendResult>('sendSurvey', {
      surveyId: survey.id,
      subject: 'Partner Hub smoke test: one email to yourself',
      message: 'This is the Partner Hub smoke test. {{survey.link}}',
      audience: 'primary',
      partnerIds: [partner.id],
      batch: 5,
    });
    check(sent.sent.length === 1 && sent.sent[0] === me, `sent to ${sent.sent.join(', ') || 'nobody'}`);
    return `1 email to ${me}; ${sent.quotaLeft} left in today's quota`;
  });

  step('"Send a test to me": one email to your own address (Session, userinfo.email)', () => {
    if (!survey || !partner) throw new Error('no survey to test');
    const result = call<TestMailResult>(
      'sendSurveyTest',
      {
        surveyId: survey.id,
        subject: 'Partner Hub smoke test: the test email',
        message: 'This is the Partner Hub smoke test. {{survey.link}}',
        audience: 'primary',
        partnerIds: [partner.id],
        batch: 5,
      },
      '',
    );
    // Google may keep the address from the add-on (consumer accounts, other domains): then it is asked for.
    if (result.status === 'needs') {
      check(!result.sender, 'the signature saved in the step before was not found');
      return 'Google gave no address for you: the sidebar asks for it (nothing sent)';
    }
    check(result.to.toLowerCase() === me.toLowerCase(), `sent to ${result.to}, not ${me}`);
    return `1 test email to ${result.to}`;
  });

  step('An answer through the prefilled link, matched by its code', () => {
    if (!survey) throw new Error('no survey to answer');
    const id = survey.id;
    const recipient = openDatabase()
      .read('surveyResponses')
      .rows.find((r) => r.record.surveyId === id);
    const token = recipient ? String(recipient.record.token) : '';
    check(token !== '' && survey.prefill.includes('PHCODE'), 'no code to answer with');
    // The code is what the prefilled link carries; a script answers through FormApp with it.
    const form = FormApp.openById(survey.formId);
    const item = form.getItems().find((i) => i.getTitle() === TOKEN_QUESTION_TITLE);
    if (!item) throw new Error('the Form has no code question');
    form.createResponse().withItemResponse(item.asTextItem().createResponse(token)).submit();
    const refreshed = call<{ matched: number; flaggedAnswers: number }>('refreshResponses', id);
    check(
      refreshed.matched === 1 && refreshed.flaggedAnswers === 0,
      `matched ${refreshed.matched}, flagged ${refreshed.flaggedAnswers}`,
    );
    return 'the answer came back into the response tab and was matched to its partner';
  });

  const triggerRow = checks.length + 1;
  step('A time-driven trigger', () => {
    ScriptApp.newTrigger('smokeTriggerCheck')
      .timeBased()
      .after(60 * 1000)
      .create();
    PropertiesService.getUserProperties().setProperty(
      PENDING_KEY,
      JSON.stringify({ spreadsheetId: spreadsheet.getId(), row: triggerRow + 1 }),
    );
    return 'made; it runs within the hour and writes its result on this row';
  });
  if (checks[checks.length - 1].result === 'pass') {
    checks[checks.length - 1] = { ...checks[checks.length - 1], result: 'waiting' };
  }

  step('Clean up the scratch Docs, Form and calendar', () => {
    const left = made.docs.filter((id) => !trashIfOurs(id));
    made.calendar?.deleteCalendar();
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() !== 'smokeTriggerCheck') ScriptApp.deleteTrigger(t);
    check(left.length === 0, `could not trash ${left.join(', ')}`);
    return `${made.docs.length} files in the trash, the calendar deleted, the add-on's triggers removed`;
  });

  writeTable(spreadsheet, checks);
}

function writeTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, checks: readonly Check[]): void {
  const sheet = spreadsheet.getSheetByName(SMOKE_TAB) ?? spreadsheet.insertSheet(SMOKE_TAB);
  sheet.clearContents();
  const at = new Date().toISOString();
  const rows = [HEADER, ...checks.map((c) => [c.step, c.result, c.detail, at])];
  // Plain text, never parsed: a message may start with "=" or look like a number.
  sheet.getRange(1, 1, rows.length, HEADER.length).setNumberFormat('@').setValues(rows);
}

/** The trigger the smoke test made: runs with no spreadsheet open, writes its row, removes itself. */
export function smokeTriggerCheck(): void {
  const store = PropertiesService.getUserProperties();
  const pending = store.getProperty(PENDING_KEY);
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getHandlerFunction() === 'smokeTriggerCheck') ScriptApp.deleteTrigger(t);
  if (!pending) return;
  store.deleteProperty(PENDING_KEY);
  const { spreadsheetId, row } = JSON.parse(pending) as { spreadsheetId: string; row: number };
  SpreadsheetApp.openById(spreadsheetId)
    .getSheetByName(SMOKE_TAB)
    ?.getRange(row, 2, 1, 3)
    .setValues([['pass', 'ran, opened the spreadsheet by id and wrote here', new Date().toISOString()]]);
}
