// Partner surveys on the built bundle: Forms from the question bank, tracked sends within the mail
// quota, answers matched by code, reminders, and the summary.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { byHand } from '../../dev/workspace/by-hand';
import { seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type { Listed, SendResult, SurveyMailPreview, SurveyView } from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { SURVEY_KINDS } from '../../src/shared/schema';
import { directory, failure, ok, snapshot } from './helpers';

const TOKEN_TITLE = 'Response code (filled in for you; please leave as is)';

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
  seedDemoSchool(addOn, '2027-05-20');
  signEmails(addOn);
  return addOn;
}

function makeSurvey(
  addOn: AddOn,
  kind = 'end-of-year partnership survey',
  threshold: number | null = 3,
): Listed<Survey> {
  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', kind);
  return ok<Listed<Survey>>(addOn, 'createSurvey', {
    kind,
    title: `Our ${kind}`,
    questions: bank.questions,
    opens: '2027-05-20',
    closes: '2027-06-10',
    threshold,
  });
}

function send(addOn: AddOn, surveyId: string, partnerIds: string[], batch = 500): SendResult {
  return ok<SendResult>(addOn, 'sendSurvey', {
    surveyId,
    subject: 'How did we do, {{partner.name}}?',
    message: 'Dear {{contact.name}},\nPlease answer: {{survey.link}}',
    audience: 'all',
    partnerIds,
    batch,
  });
}

/** A person's answers to every scale question of the survey's Form, all the same score. */
function scales(addOn: AddOn, formId: string, score: number): Record<string, number> {
  return Object.fromEntries(
    addOn.workspace.services.FormApp.openById(formId)
      .getItems()
      .filter((i) => String(i.getType()) === 'SCALE')
      .map((i) => [i.getTitle(), score]),
  );
}

const responded = (addOn: AddOn, surveyId: string) =>
  ok<SurveyView>(addOn, 'getSurvey', surveyId).recipients.filter((r) => r.status === 'responded').length;

/** The personal link each recipient got, by email. */
function links(addOn: AddOn): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of addOn.workspace.mail.sent) {
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)?.[0];
    if (link) out.set(m.to[0], link);
  }
  return out;
}

describe('building surveys', () => {
  it.each(SURVEY_KINDS)(
    'builds the %s as a Form answering into this spreadsheet, with the code question',
    (kind) => {
      const addOn = demo();
      const survey = makeSurvey(addOn, kind).record;
      const form = addOn.workspace.services.FormApp.openById(survey.formId);
      const titles = form.getItems().map((i) => i.getTitle());
      expect(titles.at(-1)).toBe(TOKEN_TITLE);
      const inspected = addOn.workspace.forms.inspect().find((f) => f.id === survey.formId);
      expect(inspected?.destination?.spreadsheetId).toBe(addOn.workspace.spreadsheet.getId());
      const tab = addOn.workspace.spreadsheet.getSheetByName(survey.responseTab)!;
      expect(tab.getRange(1, 1, 1, tab.getLastColumn()).getValues()[0]).toEqual(['Timestamp', ...titles]);
      expect(survey.prefill).toMatch(/usp=pp_url/);
      expect(JSON.stringify(titles)).not.toMatch(/student('s)? name|date of birth/i);
      expect(addOn.workspace.triggers.list().filter((t) => t.handler === 'onSurveySubmit')).toHaveLength(1);
    },
  );

  it('takes the person’s edits: dropped, reordered and added questions; refuses student-level questions', () => {
    const addOn = demo();
    const { questions } = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'convening feedback');
    const edited: Question[] = [
      { id: 'custom-1', type: 'text', title: 'What should the next agenda include?', required: false },
      ...questions.slice(1).reverse(),
    ];
    const survey = ok<Listed<Survey>>(addOn, 'createSurvey', {
      kind: 'convening feedback',
      title: 'Convening feedback',
      questions: edited,
      opens: '',
      closes: '',
      threshold: null,
    });
    const titles = addOn.workspace.services.FormApp.openById(survey.record.formId)
      .getItems()
      .map((i) => i.getTitle());
    expect(titles.slice(0, -1)).toEqual(edited.map((q) => q.title));
    const before = snapshot(addOn);
    const bad = [
      ...edited,
      { id: 'custom-2', type: 'text', title: 'List the names of the students you served', required: false },
    ];
    expect(
      failure(addOn, 'createSurvey', {
        kind: 'convening feedback',
        title: 'X',
        questions: bad,
        opens: '',
        closes: '',
        threshold: null,
      }),
    ).toMatch(/students/i);
    expect(snapshot(addOn)).toEqual(before);
  });

  it('publishes the Form it makes (Forms start unpublished since July 2026): an answer through a partner’s link counts', () => {
    const addOn = demo();
    const survey = makeSurvey(addOn).record;
    const form = addOn.workspace.services.FormApp.openById(survey.formId);
    const inspected = addOn.workspace.forms.inspect().find((f) => f.id === survey.formId);
    expect([form.isPublished(), inspected?.acceptingResponses]).toEqual([true, true]);
    send(addOn, survey.id, [directory(addOn).partners[0].record.id]);
    const [link] = [...links(addOn).values()];
    addOn.workspace.forms.submit(link, scales(addOn, survey.formId, 4));
    // The form-submit trigger matched it to its partner; the summary counts it.
    expect(responded(addOn, survey.id)).toBe(1);
    expect(ok<SurveyView>(addOn, 'getSurvey', survey.id).summary.responded).toBe(1);
  });

  it('puts the response tab last, after Partner Hub’s own tabs, and leaves the person on their tab', () => {
    const addOn = demo();
    const ss = addOn.workspace.spreadsheet;
    const before = addOn.workspace.inspect().tabs.map((t) => t.name);
    const active = ss.getActiveSheet().getName();
    const survey = makeSurvey(addOn).record;
    expect(addOn.workspace.inspect().tabs.map((t) => t.name)).toEqual([...before, survey.responseTab]);
    expect(ss.getActiveSheet().getName()).toBe(active);
    // The row keeps the tab's sheet id (found by the Form it belongs to) and its name for people.
    const tab = ss.getSheetById(Number(survey.responseTabId));
    expect(tab?.getName()).toBe(survey.responseTab);
    expect(tab?.getFormUrl()).toBe(`https://docs.google.com/forms/d/${survey.formId}/viewform`);
  });

  it('keeps counting answers when the response tab is renamed: found by sheet id, else by its Form', () => {
    const addOn = demo();
    const survey = makeSurvey(addOn).record;
    send(addOn, survey.id, [directory(addOn).partners[0].record.id]);
    const [first, second] = [...links(addOn).values()];
    const ss = addOn.workspace.spreadsheet;
    byHand.renameSheet(ss.getSheetById(Number(survey.responseTabId))!, 'Partner answers');
    addOn.workspace.forms.submit(first, scales(addOn, survey.formId, 4));
    expect(responded(addOn, survey.id)).toBe(1);

    // A row without the id (kept by hand, or from before the column): the tab the Form answers into.
    const surveys = addOn.workspace.inspect().tabs.find((t) => t.name === 'Surveys')!;
    const column = surveys.values[0].indexOf('Response tab ID (Partner Hub)') + 1;
    const row = surveys.values.findIndex((r) => r[0] === survey.id) + 1;
    ss.getSheetByName('Surveys')
      ?.getRange(row, column)
      .setValues([['']]);
    byHand.renameSheet(ss.getSheetByName('Partner answers')!, 'Answers 2027');
    addOn.workspace.forms.submit(second, scales(addOn, survey.formId, 2));
    expect(responded(addOn, survey.id)).toBe(2);
    const view = ok<SurveyView>(addOn, 'getSurvey', survey.id);
    expect(view.summary.responded).toBeGreaterThan(0);
    expect(view.flags).toEqual([]);
  });

  it('says so and keeps no survey when its Form cannot be published', () => {
    const addOn = demo();
    const { questions } = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'convening feedback');
    const before = snapshot(addOn);
    // Google Forms fails the publishing call.
    const calls = addOn.workspace.calls;
    const record = calls.record.bind(calls);
    calls.record = (service, method) => {
      if (method === 'Form.setPublished')
        throw calls.makeError('We are sorry, a server error occurred. Please wait a bit and try again.');
      record(service, method);
    };
    const message = failure(addOn, 'createSurvey', {
      kind: 'convening feedback',
      title: 'Convening feedback',
      questions,
      opens: '',
      closes: '',
      threshold: null,
    });
    expect(message).toMatch(
      /^Partner Hub could not publish the new Form "Convening feedback" \(We are sorry/,
    );
    expect(message).toMatch(/no survey was saved; the Form is in the trash of your Google Drive/);
    expect(snapshot(addOn)).toEqual(before);
    expect(addOn.workspace.triggers.list()).toEqual([]);
    expect(addOn.workspace.forms.inspect().map((f) => [f.title, f.published, f.items.length])).toEqual([
      ['Convening feedback', false, 0],
    ]);
    const form = addOn.workspace.forms.inspect()[0];
    expect(addOn.workspace.inspectDrive().files.find((f) => f.id === form.id)?.trashed).toBe(true);
  });
});

describe('sending', () => {
  it('sends 12 of 30 within a quota of 12, resumes the other 18 the next day, and never sends twice', () => {
    const addOn = demo();
    const survey = makeSurvey(addOn).record;
    const d = directory(addOn);
    // Partners in order until they have 30 contacts between them.
    const chosen: string[] = [];
    let contacts = 0;
    for (const p of d.partners) {
      if (contacts >= 30) break;
      const n = d.contacts.filter((c) => c.record.partnerId === p.record.id).length;
      if (contacts + n > 30) continue;
      chosen.push(p.record.id);
      contacts += n;
    }
    expect(contacts).toBe(30);
    addOn.workspace.mail.setQuota(12);
    const preview = ok<SurveyMailPreview>(addOn, 'previewSurveyMail', {
      surveyId: survey.id,
      subject: 'Hi {{partner.name}}',
      message: '{{survey.link}} {{oops}}',
      audience: 'all',
      partnerIds: chosen,
      batch: 10,
    });
    expect(preview).toMatchObject({
      recipients: 30,
      alreadySent: 0,
      quota: 12,
      unknownPlaceholders: ['oops'],
      domainOnly: false,
    });
    expect(addOn.workspace.mail.sent).toHaveLength(0);

    const first = send(addOn, survey.id, chosen);
    expect(first).toMatchObject({ queued: 18, stoppedBy: 'quota' });
    expect(first.sent).toHaveLength(12);
    const again = send(addOn, survey.id, chosen);
    expect(again.sent).toHaveLength(0);
    expect(addOn.workspace.mail.sent).toHaveLength(12);

    addOn.workspace.mail.setQuota(100);
    addOn.workspace.clock.advance(25 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    const to = addOn.workspace.mail.sent.map((m) => m.to[0]);
    expect(to).toHaveLength(30);
    expect(new Set(to).size).toBe(30);
    const view = ok<SurveyView>(addOn, 'getSurvey', survey.id);
    expect(view.recipients.filter((r) => r.status === 'sent')).toHaveLength(30);
    expect(addOn.workspace.triggers.list().filter((t) => t.handler === 'resumeJobs')).toHaveLength(0);
    // Each link carries its own code: 48 hex digits from two UUIDs, more than 128 random bits.
    const codes = [...links(addOn).values()].map((l) => new URL(l).search);
    expect(new Set(codes).size).toBe(30);
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Survey Responses')!;
    const tokens = tab.values.slice(1).map((r) => String(r[tab.values[0].indexOf('Token')]));
    expect(tokens.every((t) => /^[0-9a-f]{48}$/.test(t))).toBe(true);
    expect(codes.every((c, i) => c.includes(tokens.find((t) => c.includes(t)) ?? `missing-${i}`))).toBe(true);
  });

  it('sends in batches so the sidebar can show progress', () => {
    const addOn = demo();
    const survey = makeSurvey(addOn).record;
    const ids = directory(addOn)
      .partners.slice(0, 8)
      .map((p) => p.record.id);
    const first = send(addOn, survey.id, ids, 5);
    expect(first).toMatchObject({ stoppedBy: 'batch' });
    expect(first.sent).toHaveLength(5);
    let result = first;
    while (result.queued > 0) result = send(addOn, survey.id, [], 5);
    expect(new Set(addOn.workspace.mail.sent.map((m) => m.to[0])).size).toBe(
      addOn.workspace.mail.sent.length,
    );
  });
});

describe('a school domain whose Forms take answers only from its own accounts', () => {
  it('warns in the send preview that partners outside the domain cannot answer', () => {
    const addOn = demo();
    addOn.workspace.forms.setDomainDefault({ requireLogin: true });
    const survey = makeSurvey(addOn).record;
    const partner = directory(addOn).partners[0].record.id;
    const request = {
      surveyId: survey.id,
      subject: 'Hi',
      message: '{{survey.link}}',
      audience: 'all',
      partnerIds: [partner],
      batch: 10,
    };
    expect(ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request).domainOnly).toBe(true);
    // As the warning says: a partner's own account cannot answer.
    send(addOn, survey.id, [partner]);
    const [[email, link]] = [...links(addOn)];
    expect(() => addOn.workspace.forms.submit(link, scales(addOn, survey.formId, 3), { email })).toThrow(
      /need permission/,
    );
    // Once the coordinator lets anyone answer, the preview stops warning.
    addOn.workspace.forms.setRequireLogin(survey.formId, false);
    expect(ok<SurveyMailPreview>(addOn, 'previewSurveyMail', request).domainOnly).toBe(false);
  });
});

describe('collecting, reminding and summarizing', () => {
  it('matches answers by code, flags forged and reused codes, reminds only those who did not answer, and sums up', () => {
    const addOn = demo();
    const survey = makeSurvey(addOn, 'end-of-year partnership survey', 3).record;
    const d = directory(addOn);
    const three = d.partners.slice(0, 3).map((p) => p.record.id);
    send(addOn, survey.id, three);
    const byEmail = links(addOn);
    const sentTo = ok<SurveyView>(addOn, 'getSurvey', survey.id).recipients;
    // Two contacts of different partners answer; everyone else is left to remind.
    const first = sentTo[0];
    const second = sentTo.find((r) => r.partnerId !== first.partnerId)!;
    const emails = [
      first.email,
      second.email,
      ...sentTo.map((r) => r.email).filter((e) => e !== first.email && e !== second.email),
    ];
    const trust = 'Our organization and the school trust each other.';
    const form = addOn.workspace.services.FormApp.openById(survey.formId);
    const scaleTitles = form
      .getItems()
      .filter((i) => String(i.getType()) === 'SCALE')
      .map((i) => i.getTitle());
    const answer = (score: number) => Object.fromEntries(scaleTitles.map((t) => [t, score]));
    // Two real answers, then the first contact answers again (reused code), then a forged code.
    addOn.workspace.forms.submit(byEmail.get(emails[0])!, answer(2));
    addOn.workspace.forms.submit(byEmail.get(emails[1])!, {
      ...answer(5),
      'What worked well in our partnership this year?': 'Weekly huddles',
    });
    addOn.workspace.forms.submit(byEmail.get(emails[0])!, answer(1));
    addOn.workspace.forms.submit(survey.formUrl, { ...answer(4), [TOKEN_TITLE]: 'made-up-code' });
    const view = ok<SurveyView>(addOn, 'getSurvey', survey.id);
    expect(view.flags).toHaveLength(2);
    expect(view.flags.join(' ')).toMatch(/unknown code/);
    expect(view.flags.join(' ')).toMatch(/reuses a code/);
    expect(
      view.recipients
        .filter((r) => r.status === 'responded')
        .map((r) => r.email)
        .sort(),
    ).toEqual([emails[0], emails[1]].sort());
    // Figures by hand: contact 0's latest answer (1s) and contact 1's (5s); the forged one counts nowhere.
    const s = view.summary;
    expect(s.invited).toBe(emails.length);
    expect(s.responded).toBe(2);
    expect(s.rate).toBeCloseTo(2 / emails.length, 10);
    expect(s.unattributed).toBe(1);
    const trustStat = s.scales.find((x) => x.title === trust);
    expect(trustStat).toMatchObject({ n: 2, mean: 3, min: 1, max: 5 });
    expect(trustStat?.sd).toBeCloseTo(Math.sqrt(8), 10);
    expect(s.open.find((o) => o.answers.length)?.answers).toEqual(['Weekly huddles']);
    const low = s.partners.find((p) => p.overall === 1);
    expect(low?.flagged).toBe(true);
    expect(s.flaggedPartners).toContain(low?.partnerId);

    // Nobody is reminded within a week of the last email; after it, only those who did not answer.
    expect(ok<SendResult>(addOn, 'remindSurvey', survey.id, 7, 500).sent).toEqual([]);
    addOn.workspace.clock.advance(8 * 24 * 60 * 60 * 1000);
    // The quota stops the reminders after one; the trigger finishes them the next day, outside the
    // spreadsheet (no document lock there), and the sheet records every one.
    const expected = emails.filter((e) => e !== emails[0] && e !== emails[1]);
    const mailed = addOn.workspace.mail.sent.length;
    addOn.workspace.mail.setQuota(1);
    const reminded = ok<SendResult>(addOn, 'remindSurvey', survey.id, 7, 500);
    expect(reminded).toMatchObject({ queued: expected.length - 1, stoppedBy: 'quota' });
    addOn.workspace.mail.setQuota(100);
    addOn.workspace.clock.advance(25 * 60 * 60 * 1000);
    expect(addOn.workspace.triggers.runDue().map((f) => f.error)).toEqual([undefined]);
    const remindedTo = addOn.workspace.mail.sent.slice(mailed).flatMap((m) => m.to);
    expect([...remindedTo].sort()).toEqual(expected.sort());
    const recorded = ok<SurveyView>(addOn, 'getSurvey', survey.id);
    expect(
      recorded.recipients
        .filter((r) => r.remindedAt)
        .map((r) => r.email)
        .sort(),
    ).toEqual(expected.sort());
    expect(ok<SendResult>(addOn, 'remindSurvey', survey.id, 7, 500).sent).toEqual([]);

    const tab = ok<{ tab: string; rows: number }>(addOn, 'writeSurveySummary', survey.id);
    const summary = addOn.workspace.inspect().tabs.find((t) => t.name === tab.tab)!;
    expect(summary.values[1].slice(0, 3)).toEqual(['All partners', emails.length, 2]);
    expect(summary.charts?.length).toBe(1);
    ok(addOn, 'writeSurveySummary', survey.id);
    expect(addOn.workspace.inspect().tabs.find((t) => t.name === tab.tab)!.charts?.length).toBe(1);

    ok(addOn, 'closeSurvey', survey.id);
    expect(addOn.workspace.forms.inspect().find((f) => f.id === survey.formId)?.acceptingResponses).toBe(
      false,
    );
    expect(
      failure(addOn, 'sendSurvey', {
        surveyId: survey.id,
        subject: 's',
        message: 'm',
        audience: 'all',
        partnerIds: three,
        batch: 5,
      }),
    ).toMatch(/closed/);
  });
});
