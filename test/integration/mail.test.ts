// Emails to partners on the built bundle, through the one mail loop: what a failure leaves behind, and
// (below) the deliberate send: the plan a confirmation names, the test to the coordinator, the signature.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type { FollowUpResult, Listed, SendResult } from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { directory, held, ok, plannedYear } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
  seedDemoSchool(addOn, '2027-05-20');
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
