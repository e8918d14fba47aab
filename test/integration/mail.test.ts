// Emails to partners on the built bundle, through the one mail loop: what a failure leaves behind, and
// (below) the deliberate send: the plan a confirmation names, the test to the coordinator, the signature.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { DEMO_SENDER, seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type {
  FollowUpResult,
  Listed,
  MailPlan,
  SendResult,
  Settings,
  SurveyMailPreview,
  TestMailResult,
} from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { directory, failure, held, ok, plannedYear } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
  seedDemoSchool(addOn, '2027-05-20');
  signEmails(addOn);
  return addOn;
}

function makeSurvey(addOn: AddOn): Listed<Survey> {
  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'convening feedback');
  return ok<Listed<Survey>>(addOn, 'createSurvey', {
    kind: 'convening feedback',
    title: 'Feedback',
    questions: bank.questions,
    opens: '',
    closes: '',
    threshold: null,
  });
}

const request = (surveyId: string, partnerIds: readonly string[]) => ({
  surveyId,
  subject: 'Feedback',
  message: 'Dear {{contact.name}}: {{survey.link}}',
  audience: 'primary',
  partnerIds,
  batch: 500,
});

const activePartners = (addOn: AddOn) =>
  directory(addOn)
    .partners.filter((p) => p.record.status === 'active')
    .map((p) => p.record.id);

/** The next email MailApp is asked to send is refused as a bad address. */
function refuseNextAddress(addOn: AddOn): void {
  addOn.workspace.calls.before('MailApp.sendEmail', () => {
    throw new Error('Invalid email: nobody@');
  });
}

describe('the one mail loop', () => {
  it('reports a reminder refused for good once, and leaves no trigger to retry it every hour', () => {
    const addOn = demo();
    const s = makeSurvey(addOn);
    const partners = activePartners(addOn).slice(0, 3);
    ok<SendResult>(addOn, 'sendSurvey', request(s.record.id, partners));
    addOn.workspace.clock.advance(8 * DAY);
    refuseNextAddress(addOn);
    const r = ok<SendResult>(addOn, 'remindSurvey', s.record.id, 7, 500);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].error).toMatch(/Invalid email/);
    expect(r.sent).toHaveLength(partners.length - 1);
    expect(r.queued).toBe(0);
    expect(r.stoppedBy).toBeNull();
    expect(addOn.workspace.triggers.list().map((t) => t.handler)).toEqual(['onSurveySubmit']);
  });

  it('sends follow-ups a batch at a time: two progress writes for up to 25 emails, none twice', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    held(addOn, g);
    addOn.workspace.calls.reset();
    const first = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(first.sent.length).toBeGreaterThan(3);
    expect(first.sent.length).toBeLessThanOrEqual(25);
    const calls = addOn.workspace.calls;
    expect(
      calls.count('PropertiesService.Properties.setProperty') +
        calls.count('PropertiesService.Properties.setProperties'),
    ).toBe(2);
    const again = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(again.sent).toEqual([]);
    expect([...again.alreadySent].sort()).toEqual([...first.sent].sort());
    expect(addOn.workspace.mail.sent).toHaveLength(first.sent.length);
  });

  it('stops a follow-up on a passing error, and the trigger an hour later sends the rest once', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    held(addOn, g);
    let n = 0;
    // The third email meets a passing service error.
    const flaky = () => {
      n += 1;
      if (n === 3) throw new Error('We are sorry, a server error occurred. Please wait a bit and try again.');
      addOn.workspace.calls.before('MailApp.sendEmail', flaky);
    };
    addOn.workspace.calls.before('MailApp.sendEmail', flaky);
    const first = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(first.sent).toHaveLength(2);
    expect(first.failed).toEqual([]);
    expect(first.queued.length).toBeGreaterThan(0);
    addOn.workspace.clock.advance(61 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    const to = addOn.workspace.mail.sent.flatMap((m) => m.to);
    expect(to).toHaveLength(first.sent.length + first.queued.length);
    expect(new Set(to).size).toBe(to.length);
    expect(addOn.workspace.triggers.list()).toEqual([]);
  });
});

describe('a deliberate send', () => {
  /** Demo school and survey, with the signature not given yet. */
  function unsigned(): { addOn: AddOn; survey: Listed<Survey>; partners: string[] } {
    const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
    seedDemoSchool(addOn, '2027-05-20');
    return { addOn, survey: makeSurvey(addOn), partners: activePartners(addOn) };
  }
  const responseRows = (addOn: AddOn) =>
    addOn.workspace.inspect().tabs.find((t) => t.name === 'Survey Responses')!.values.length - 1;

  it('names the emails, the day’s quota and when the rest go, and the trigger is due then', () => {
    const addOn = demo();
    const s = makeSurvey(addOn);
    const partners = activePartners(addOn);
    addOn.workspace.mail.setQuota(5);
    const plan = ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request(s.record.id, partners));
    expect(plan.emails).toBe(partners.length);
    expect(plan.quota).toBe(5);
    expect([plan.today, plan.later]).toEqual([5, partners.length - 5]);
    expect(plan.laterAt).toBe('2027-05-21T15:00:00.000Z');
    expect(plan.sender).toEqual(DEMO_SENDER);
    // The preview sends nothing and records nothing.
    expect(addOn.workspace.mail.sent).toEqual([]);
    expect(responseRows(addOn)).toBe(0);

    const sent = ok<SendResult>(addOn, 'sendSurvey', request(s.record.id, partners));
    expect(sent.sent).toHaveLength(5);
    expect(sent.stoppedBy).toBe('quota');
    const [resume] = addOn.workspace.triggers.list().filter((t) => t.handler === 'resumeJobs');
    // Within the minute the send took: the trigger for the rest is due when the confirmation said.
    expect(Math.abs((resume.dueAt ?? 0) - Date.parse(plan.laterAt))).toBeLessThan(60 * 1000);

    // Asked again, it counts only what still waits.
    const again = ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request(s.record.id, partners));
    expect(again.emails).toBe(partners.length - 5);
    expect(again.alreadySent).toBe(5);
    expect(again.quota).toBe(0);
  });

  it('refuses to email partners unsigned, writes nothing, and signs once the signature is given', () => {
    const { addOn, survey, partners } = unsigned();
    const plan = ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request(survey.record.id, partners));
    expect(plan.sender).toBeNull();
    expect(plan.school).toBe('Riverside Community School');
    for (const message of [
      failure(addOn, 'sendSurvey', request(survey.record.id, partners)),
      failure(addOn, 'remindSurvey', survey.record.id, 0, 10),
      failure(addOn, 'sendFollowUp', heldFirst(addOn)),
    ])
      expect(message).toMatch(/signed with your name, role and school.*Settings/);
    expect(addOn.workspace.mail.sent).toEqual([]);
    expect(responseRows(addOn)).toBe(0);

    // A signature with a part missing is refused whole, with the part named.
    expect(failure(addOn, 'saveSettings', { sender: { name: 'Marisol Vega', role: '', school: 'X' } })).toBe(
      'Nothing was saved. Give your role (for example, Community schools coordinator).',
    );
    expect(ok<Settings>(addOn, 'getSettings').sender).toBeUndefined();
    signEmails(addOn);
    expect(ok<Settings>(addOn, 'getSettings').sender).toEqual(DEMO_SENDER);

    ok<SendResult>(addOn, 'sendSurvey', request(survey.record.id, partners.slice(0, 1)));
    const [mail] = addOn.workspace.mail.sent;
    expect(mail.body).toMatch(
      /\nhttps:\/\/docs\.google\.com\/forms\/\S+\n[\s\S]*Marisol Vega\nCommunity schools coordinator\nRiverside Community School$/,
    );
    expect(mail.htmlBody).toMatch(/<a href="https:\/\/docs\.google\.com\/forms\/[^"]+">Open the survey<\/a>/);
    expect(mail.htmlBody).toMatch(
      /Marisol Vega<br>Community schools coordinator<br>Riverside Community School$/,
    );
  });

  it('sends a test to the coordinator alone, and records nothing as sent to partners', () => {
    const addOn = demo();
    const s = makeSurvey(addOn);
    const partners = activePartners(addOn);
    const properties = () =>
      Object.keys(addOn.workspace.services.PropertiesService.getUserProperties().getProperties());
    const keys = properties();
    const r = ok<TestMailResult>(addOn, 'sendSurveyTest', request(s.record.id, partners), '');
    expect(r).toEqual({ status: 'sent', to: 'coordinator@school.example' });
    expect(addOn.workspace.mail.sent).toHaveLength(1);
    const [mail] = addOn.workspace.mail.sent;
    expect(mail.to).toEqual(['coordinator@school.example']);
    expect(mail.subject).toMatch(/^\[Test\] /);
    expect(mail.body).toMatch(/^This is a test/);
    expect(mail.body).toContain('Riverside Community School');
    // No recipient, no progress, no text kept, no trigger.
    expect(responseRows(addOn)).toBe(0);
    expect(properties()).toEqual(keys);
    expect(addOn.workspace.triggers.list().map((t) => t.handler)).toEqual(['onSurveySubmit']);
    expect(
      ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request(s.record.id, partners)).alreadySent,
    ).toBe(0);
  });

  it('asks for the address when Google gives none, and for the signature when it is missing', () => {
    const { addOn, survey, partners } = unsigned();
    addOn.workspace.setActiveUserEmail('');
    expect(ok<TestMailResult>(addOn, 'sendSurveyTest', request(survey.record.id, partners), '')).toEqual({
      status: 'needs',
      address: true,
      sender: true,
      school: 'Riverside Community School',
    });
    signEmails(addOn);
    expect(failure(addOn, 'sendSurveyTest', request(survey.record.id, partners), 'not an address')).toMatch(
      /"not an address" is not an email address/,
    );
    expect(addOn.workspace.mail.sent).toEqual([]);
    const r = ok<TestMailResult>(
      addOn,
      'sendSurveyTest',
      request(survey.record.id, partners),
      'me@home.example',
    );
    expect(r).toEqual({ status: 'sent', to: 'me@home.example' });
    expect(addOn.workspace.mail.sent.map((m) => m.to)).toEqual([['me@home.example']]);
  });

  it('names the follow-ups still to go, and the resume when the quota is short', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    held(addOn, g);
    const guests = ok<MailPlan>(addOn, 'previewFollowUp', g.record.id).emails;
    expect(guests).toBeGreaterThan(2);
    addOn.workspace.mail.setQuota(2);
    const plan = ok<MailPlan>(addOn, 'previewFollowUp', g.record.id);
    const tomorrow = new Date(addOn.workspace.clock.now().getTime() + DAY).toISOString();
    expect([plan.today, plan.later, plan.laterAt]).toEqual([2, guests - 2, tomorrow]);
    expect(addOn.workspace.mail.sent).toEqual([]);
    const r = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect([r.sent.length, r.queued.length, r.stoppedBy]).toEqual([2, guests - 2, 'quota']);
    expect(ok<MailPlan>(addOn, 'previewFollowUp', g.record.id)).toMatchObject({
      emails: guests - 2,
      quota: 0,
    });
    expect(addOn.workspace.mail.sent.every((m) => m.body.endsWith('Riverside Community School'))).toBe(true);
    expect(addOn.workspace.mail.sent.every((m) => m.name === 'Riverside Community School')).toBe(true);
  });

  it('names the reminders due: sent, not answered, not emailed for the days asked', () => {
    const addOn = demo();
    const s = makeSurvey(addOn);
    const partners = activePartners(addOn).slice(0, 4);
    ok<SendResult>(addOn, 'sendSurvey', request(s.record.id, partners));
    // One partner answers through their link.
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(addOn.workspace.mail.sent[0].body)![0];
    const scales = addOn.workspace.services.FormApp.openById(s.record.formId)
      .getItems()
      .filter((i) => String(i.getType()) === 'SCALE')
      .map((i) => [i.getTitle(), 4]);
    addOn.workspace.forms.submit(link, Object.fromEntries(scales));
    expect(ok<MailPlan>(addOn, 'previewReminder', s.record.id, 7).emails).toBe(0);
    addOn.workspace.clock.advance(8 * DAY);
    const plan = ok<MailPlan>(addOn, 'previewReminder', s.record.id, 7);
    expect(plan.emails).toBe(3);
    expect(plan.later).toBe(0);
    expect(ok<SendResult>(addOn, 'remindSurvey', s.record.id, 7, 100).sent).toHaveLength(3);
  });
});

/** The first gathering of a planned year, held yesterday: its id. */
function heldFirst(addOn: AddOn): string {
  const [g] = plannedYear(addOn);
  held(addOn, g);
  return g.record.id;
}
