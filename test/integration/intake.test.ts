// The partner intake Form on the built bundle: made once, answered through the one form-submit trigger;
// an answer becomes a prospect with its main contact and vetting checklist, marked from intake; the same
// organization again is kept as a possible duplicate; untrusted text stays inert; the day's cap; and the
// details-check reminder, only to those who have not answered.
import type { AddOn } from '../../dev/gas';
import type {
  Directory,
  DetailsAskResult,
  IntakeForm,
  IntakeView,
  MailPlan,
  SendResult,
} from '../../src/shared/contract';
import { addPartner, directory, ok, failure, setUpAddOn, snapshot } from './helpers';

const SENDER = { name: 'Dana Whitfield', role: 'Community schools coordinator', school: 'Riverside' };

function answer(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    'Organization name': 'Hillside Homework Club',
    Website: 'hillsidehomework.org',
    'Focus areas': ['tutoring', 'family engagement'],
    'Services you offer': 'After-school homework help, twice a week.',
    'Populations you serve': 'English learners',
    'Grades you serve': ['3', '4', '5'],
    'When are you available?': 'Tuesdays and Thursdays after 3 pm',
    'Do you carry liability insurance?': 'We are getting it',
    'Are your staff and volunteers background-checked?': 'Some of our people are checked',
    References: 'Oak Street Elementary, principal Lee',
    'How did you hear about our school?': 'Newsletter',
    'Main contact: name': 'Rosa Ortiz',
    'Main contact: role': 'Director',
    'Main contact: email': 'rosa@hillsidehomework.org',
    'Main contact: phone': '(555) 010-2030',
    ...over,
  };
}

function withForm(): { addOn: AddOn; form: IntakeForm } {
  const addOn = setUpAddOn();
  const form = ok<IntakeForm>(addOn, 'makeIntakeForm');
  return { addOn, form };
}

const submit = (addOn: AddOn, form: IntakeForm, over: Record<string, string | string[]> = {}) =>
  addOn.workspace.forms.submit(form.url, answer(over));

const tab = (addOn: AddOn, name: string) => snapshot(addOn).find((t) => t.name === name);

describe('the partner intake Form', () => {
  it('is made once, published, and given again after', () => {
    const { addOn, form } = withForm();
    expect(form.url).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    expect(ok<IntakeForm>(addOn, 'makeIntakeForm')).toEqual(form);
    const forms = addOn.workspace.forms.inspect();
    expect(forms).toHaveLength(1);
    const focus = forms[0].items.find((i) => i.title === 'Focus areas');
    expect(focus?.type).toBe('CHECKBOX');
    expect(focus?.choices).toContain('wraparound / integrated student supports');
    expect(ok<IntakeView>(addOn, 'getIntake').form).toEqual(form);
  });

  it('makes one prospect with its main contact and a started vetting checklist, marked from intake', () => {
    const { addOn, form } = withForm();
    addOn.workspace.calls.reset();
    submit(addOn, form);
    const calls = addOn.workspace.calls.total();
    const d = ok<Directory>(addOn, 'getDirectory');
    expect(d.partners).toHaveLength(1);
    const p = d.partners[0].record;
    expect(p).toMatchObject({
      name: 'Hillside Homework Club',
      status: 'prospect',
      source: 'intake Form',
      website: 'https://hillsidehomework.org',
      focusAreas: ['tutoring', 'family engagement'],
      grades: '3-5',
    });
    expect(p.notes).toContain('Newsletter');
    expect(d.contacts.map((c) => c.record)).toEqual([
      expect.objectContaining({
        partnerId: p.id,
        name: 'Rosa Ortiz',
        email: 'rosa@hillsidehomework.org',
        primary: true,
      }),
    ]);
    expect(d.vetting.map((v) => v.record)).toEqual([
      expect.objectContaining({ partnerId: p.id, referencesNote: 'Oak Street Elementary, principal Lee' }),
    ]);
    const view = ok<IntakeView>(addOn, 'getIntake');
    expect(view.recent).toEqual([expect.objectContaining({ partnerId: p.id, name: p.name })]);
    expect(view.review).toEqual([]);
    // The trigger's service calls, reported with the branch.
    console.log(`intake answer trigger: ${calls} service calls`);
    expect(calls).toBeLessThanOrEqual(45);
  });

  it('keeps a second answer from the same organization as a possible duplicate, adding nothing', () => {
    const { addOn, form } = withForm();
    submit(addOn, form);
    submit(addOn, form, { 'Organization name': 'HILLSIDE homework club!' });
    // Another name, but the contact's email domain is the first one's.
    submit(addOn, form, {
      'Organization name': 'Hillside Club',
      'Main contact: email': 'sam@hillsidehomework.org',
      Website: '',
    });
    expect(directory(addOn).partners).toHaveLength(1);
    const view = ok<IntakeView>(addOn, 'getIntake');
    expect(view.review.map((r) => [r.status, r.duplicateOf?.name])).toEqual([
      ['possible duplicate', 'Hillside Homework Club'],
      ['possible duplicate', 'Hillside Homework Club'],
    ]);
    const partnerId = directory(addOn).partners[0].record.id;
    ok(addOn, 'decideIntake', view.review[0].id, 'same', partnerId);
    const after = ok<IntakeView>(addOn, 'decideIntake', view.review[1].id, 'add', '');
    expect(after.review).toEqual([]);
    expect(
      directory(addOn)
        .partners.map((p) => p.record.name)
        .sort(),
    ).toEqual(['Hillside Club', 'Hillside Homework Club']);
    // Deciding again is refused in plain words.
    expect(failure(addOn, 'decideIntake', view.review[1].id, 'add', '')).toMatch(/already decided/);
  });

  it('finds an organization already in the sheet by its website domain', () => {
    const { addOn, form } = withForm();
    addPartner(addOn, { name: 'Riverside Soccer', website: 'https://www.riversidesoccer.org' });
    submit(addOn, form, {
      'Organization name': 'Riverside Youth Soccer',
      Website: 'riversidesoccer.org/join',
      'Main contact: email': 'coach@gmail.com',
    });
    expect(directory(addOn).partners).toHaveLength(1);
    expect(ok<IntakeView>(addOn, 'getIntake').review[0].reason).toMatch(/riversidesoccer\.org/);
  });

  it('stores script, formulas and oversized text in every field inert, as text', () => {
    const { addOn, form } = withForm();
    const payloads = ['=1+1', '+1', '@SUM(A1:A2)', '-2+3', '<script>alert(1)</script>', 'x'.repeat(49000)];
    payloads.forEach((payload, i) => {
      const over: Record<string, string | string[]> = {};
      const answers = answer();
      // Every question a person types into (the choices take only their choices).
      for (const [key, value] of Object.entries(answers))
        if (!Array.isArray(value) && !key.startsWith('Do you') && !key.startsWith('Are your'))
          over[key] = payload;
      // Distinct organizations, so none is a duplicate of another (a payload in every other field).
      over['Organization name'] = `${payload}${' #'.repeat(i)}`;
      submit(addOn, form, over);
    });
    const tabs = snapshot(addOn);
    for (const name of ['Partners', 'Contacts', 'Vetting', 'Intake Answers']) {
      const t = tabs.find((x) => x.name === name);
      if (!t) throw new Error(`no ${name} tab`);
      for (const row of t.formulas) for (const f of row) expect(f).toBe('');
      for (const row of t.values.slice(1))
        for (const v of row) {
          // Text, yes/no, or the add-on's own timestamps: never a number or a date made from an answer.
          expect([name, typeof v === 'number' ? v : 'ok']).toEqual([name, 'ok']);
          if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(45000);
        }
    }
    const partners = directory(addOn).partners.map((p) => p.record);
    expect(partners.map((p) => p.name)).toEqual(
      expect.arrayContaining(['=1+1', '+1 #', '@SUM(A1:A2) # #', '<script>alert(1)</script> # # # #']),
    );
    for (const p of partners) {
      expect(p.name.length).toBeLessThanOrEqual(200);
      expect(p.services.length).toBeLessThanOrEqual(5000);
      expect(p.website).toBe('');
    }
    // A website or email that is not one stays out of its column, kept in the notes as typed.
    expect(partners.find((p) => p.name === '=1+1')?.notes).toContain('Website (as typed): =1+1');
    expect(tab(addOn, 'Intake Answers')?.values.length).toBe(payloads.length + 1);
  });

  it('keeps answers beyond the day’s cap waiting, and adds them when the coordinator says so', () => {
    const { addOn, form } = withForm();
    const view = ok<IntakeView>(addOn, 'getIntake');
    for (let i = 0; i < view.dailyCap + 2; i++)
      submit(addOn, form, {
        'Organization name': `Applicant ${i}`,
        Website: '',
        'Main contact: email': `person${i}@gmail.com`,
      });
    expect(directory(addOn).partners).toHaveLength(view.dailyCap);
    const after = ok<IntakeView>(addOn, 'getIntake');
    expect(after.review.map((r) => r.status)).toEqual(['waiting', 'waiting']);
    expect(after.review[0].answers).toEqual(
      expect.arrayContaining([{ question: 'Organization name', answer: `Applicant ${view.dailyCap}` }]),
    );
    ok(addOn, 'decideIntake', after.review[0].id, 'add', '');
    ok(addOn, 'decideIntake', after.review[1].id, 'dismiss', '');
    expect(directory(addOn).partners).toHaveLength(view.dailyCap + 1);
    // A day later the cap is free again.
    addOn.workspace.clock.advance(25 * 60 * 60 * 1000);
    submit(addOn, form, {
      'Organization name': 'Next day',
      Website: '',
      'Main contact: email': 'n@gmail.com',
    });
    expect(directory(addOn).partners).toHaveLength(view.dailyCap + 2);
  });

  it('refuses "it is this partner" without a partner, changing nothing', () => {
    const { addOn, form } = withForm();
    submit(addOn, form);
    submit(addOn, form);
    const id = ok<IntakeView>(addOn, 'getIntake').review[0].id;
    const before = snapshot(addOn);
    expect(failure(addOn, 'decideIntake', id, 'same', '')).toMatch(/Choose the partner/);
    expect(snapshot(addOn)).toEqual(before);
  });
});

describe('the daily digest of intake answers', () => {
  it('goes once a day after a day with answers, signed, to the address given; not when off', () => {
    const { addOn, form } = withForm();
    expect(failure(addOn, 'setIntakeDigest', true, 'dana@school.example.org')).toMatch(
      /signed with your name/,
    );
    ok(addOn, 'saveSettings', { sender: SENDER });
    expect(failure(addOn, 'setIntakeDigest', true, '=1+1')).toMatch(/Give the email address/);
    const view = ok<IntakeView>(addOn, 'setIntakeDigest', true, 'dana@school.example.org');
    expect(view.digestTo).toBe('dana@school.example.org');
    submit(addOn, form);
    submit(addOn, form, { 'Organization name': '<b>Hillside</b> again' });
    // The trigger runs at 7 o'clock: within the day after the answers.
    addOn.workspace.clock.advance(23 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    const digests = addOn.workspace.mail.sent.filter((m) => m.to[0] === 'dana@school.example.org');
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Partner Hub: 1 new applicant from the intake Form');
    expect(digests[0].body).toContain('Hillside Homework Club');
    expect(digests[0].body).toContain(SENDER.name);
    expect(digests[0].htmlBody).toContain('&lt;b&gt;Hillside&lt;/b&gt; again');
    // The next day's digest lists only what came since: nothing, so no email.
    addOn.workspace.clock.advance(24 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    expect(addOn.workspace.mail.sent.filter((m) => m.to[0] === 'dana@school.example.org')).toHaveLength(1);
    // Off: the trigger goes, and nothing more is sent.
    ok(addOn, 'setIntakeDigest', false, '');
    submit(addOn, form, { 'Organization name': 'Third', Website: '', 'Main contact: email': 't@gmail.com' });
    addOn.workspace.clock.advance(24 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    expect(addOn.workspace.mail.sent.filter((m) => m.to[0] === 'dana@school.example.org')).toHaveLength(1);
  });
});

describe('reminding partners to check their details', () => {
  it('reminds only those asked who have not answered, once a day', () => {
    const addOn = setUpAddOn();
    const ids = ['A', 'B', 'C'].map((x, i) => {
      const p = addPartner(addOn, { name: `Partner ${x}` });
      ok(addOn, 'saveContact', {
        values: { partnerId: p.record.id, name: `Person ${x}`, email: `p${i}@example.org`, primary: true },
      });
      return p.record.id;
    });
    ok<DetailsAskResult>(addOn, 'askToCheckDetails', ids, 50);
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(
      addOn.workspace.mail.sent.find((m) => m.to[0] === 'p0@example.org')?.body ?? '',
    )?.[0];
    addOn.workspace.forms.submit(link ?? '');
    expect(failure(addOn, 'remindDetails', 50)).toMatch(/signed with your name/);
    ok(addOn, 'saveSettings', { sender: SENDER });
    const plan = ok<MailPlan>(addOn, 'previewDetailsReminder');
    expect(plan.emails).toBe(2);
    const before = addOn.workspace.mail.sent.length;
    const sent = ok<SendResult>(addOn, 'remindDetails', 50);
    expect([...sent.sent].sort()).toEqual(['p1@example.org', 'p2@example.org']);
    const reminders = addOn.workspace.mail.sent.slice(before);
    expect(reminders.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Reminder: /),
      expect.stringMatching(/^Reminder: /),
    ]);
    expect(reminders[0].body).toContain(SENDER.name);
    expect(ok<MailPlan>(addOn, 'previewDetailsReminder').emails).toBe(0);
    expect(ok<SendResult>(addOn, 'remindDetails', 50).sent).toEqual([]);
  });
});
