// Survey sends record progress a batch at a time: a batch of addresses is recorded as going (one write),
// sent, then recorded as gone (one write). A run stopped between the two, where no code can catch it
// (Apps Script's time limit), leaves that batch uncertain: the next run reports each as not known to have
// gone and sends none of them again. And a form answer is matched by looking its code up.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type { Listed, SendResult, SurveyView } from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { directory, ok } from './helpers';

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
  seedDemoSchool(addOn, '2027-05-20');
  signEmails(addOn);
  return addOn;
}

function survey(addOn: AddOn): Listed<Survey> {
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

const request = (surveyId: string, partnerIds: string[]) => ({
  surveyId,
  subject: 'Feedback',
  message: 'Dear {{contact.name}}: {{survey.link}}',
  audience: 'all',
  partnerIds,
  batch: 500,
});

describe('survey send progress', () => {
  it('never resends a batch a stopped run left uncertain, and says so', () => {
    const addOn = demo();
    const s = survey(addOn);
    const partners = directory(addOn).partners.map((p) => p.record.id);
    // The run is killed while recording the first batch as gone: both the write and its retry fail.
    const kill = () => {
      throw new Error('Exceeded maximum execution time');
    };
    addOn.workspace.calls.before('PropertiesService.Properties.setProperties', kill);
    addOn.workspace.calls.before('PropertiesService.Properties.setProperties', kill);
    expect(addOn.run('sendSurvey', request(s.record.id, partners)).ok).toBe(false);
    const first = addOn.workspace.mail.sent.length;
    expect(first).toBeGreaterThan(0);

    const again = ok<SendResult>(addOn, 'sendSurvey', request(s.record.id, []));
    const view = ok<SurveyView>(addOn, 'getSurvey', s.record.id);
    const uncertain = view.recipients.filter((r) => /Not known whether this email went/.test(r.error));
    // Each address of the stopped batch: reported, marked, and sent once at most.
    expect(uncertain.length).toBe(Math.min(first, 25));
    expect(again.failed.map((f) => f.email).sort()).toEqual(uncertain.map((r) => r.email).sort());
    const sentTo = addOn.workspace.mail.sent.flatMap((m) => m.to);
    expect(new Set(sentTo).size).toBe(sentTo.length);
    // Everyone else got it.
    expect(view.recipients.filter((r) => r.status === 'sent').length + uncertain.length).toBe(
      view.recipients.length,
    );
  });

  it('records a send of many in a few property writes, and one answer with a lookup', () => {
    const addOn = demo();
    const s = survey(addOn);
    const partners = directory(addOn).partners.map((p) => p.record.id);
    addOn.workspace.calls.reset();
    const r = ok<SendResult>(addOn, 'sendSurvey', request(s.record.id, partners));
    const calls = addOn.workspace.calls;
    expect(r.sent.length).toBeGreaterThan(0);
    const writes =
      calls.count('PropertiesService.Properties.setProperty') +
      calls.count('PropertiesService.Properties.setProperties');
    expect(writes).toBeLessThanOrEqual(4 + 2 * Math.ceil(r.sent.length / 25));
    // Two random UUIDs make every code of the send.
    expect(calls.count('Utilities.getUuid')).toBe(2);

    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(addOn.workspace.mail.sent[0].body)?.[0] ?? '';
    const answers = Object.fromEntries(
      addOn.workspace.services.FormApp.openById(s.record.formId)
        .getItems()
        .filter((i) => String(i.getType()) === 'SCALE')
        .map((i) => [i.getTitle(), 4]),
    );
    calls.reset();
    addOn.workspace.forms.submit(link, answers);
    expect(
      calls.count('SpreadsheetApp.Range.getValues') + calls.count('SpreadsheetApp.Sheet.getSheetValues'),
    ).toBeLessThanOrEqual(4);
    const view = ok<SurveyView>(addOn, 'getSurvey', s.record.id);
    expect(view.recipients.filter((x) => x.status === 'responded').map((x) => x.email)).toEqual(
      addOn.workspace.mail.sent[0].to,
    );
  });
});
