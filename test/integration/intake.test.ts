// The partner intake Form on the built bundle: made once, answered through the one form-submit trigger;
// an answer becomes a prospect with its main contact and vetting checklist, marked from intake; the same
// organization again is kept as a possible duplicate; untrusted text stays inert; the day's cap; and the
// details-check reminder, only to those who have not answered.
import type { AddOn } from '../../dev/gas';
import { intakeAnswer } from '../../dev/bench/cases/intake';
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
    ...intakeAnswer('Hillside Homework Club', 'hillsidehomework.org'),
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

  it('is recorded with the spreadsheet: a second coordinator finds the same Form, not a new one', () => {
    const { addOn, form } = withForm();
    const { PropertiesService } = addOn.workspace.services;
    // Another coordinator sharing the spreadsheet has user properties of their own: none of these.
    PropertiesService.getUserProperties().setProperties({}, true);
    expect(ok<IntakeView>(addOn, 'getIntake').form).toEqual(form);
    expect(ok<IntakeForm>(addOn, 'makeIntakeForm')).toEqual(form);
    expect(addOn.workspace.forms.inspect()).toHaveLength(1);
    submit(addOn, form);
    expect(directory(addOn).partners).toHaveLength(1);
  });

  it('finds a Form recorded the old way, in the user properties of the coordinator who made it', () => {
    const { addOn, form } = withForm();
    const { PropertiesService } = addOn.workspace.services;
    const doc = PropertiesService.getDocumentProperties()!;
    const kept = doc.getProperty('partnerHub.intakeForm') ?? '';
    expect(JSON.parse(kept)).toMatchObject(form);
    doc.deleteProperty('partnerHub.intakeForm');
    const id = addOn.workspace.spreadsheet.getId();
    PropertiesService.getUserProperties().setProperty(`ph.${id}.intake`, kept);
    expect(ok<IntakeView>(addOn, 'getIntake').form).toEqual(form);
    // Moved to the spreadsheet's properties, where the other coordinators find it.
    expect(doc.getProperty('partnerHub.intakeForm')).toBe(kept);
    expect(ok<IntakeForm>(addOn, 'makeIntakeForm')).toEqual(form);
    expect(addOn.workspace.forms.inspect()).toHaveLength(1);
  });

  it('says whose form-submit trigger takes the answers', () => {
    const { addOn } = withForm();
    expect(ok<IntakeView>(addOn, 'getIntake').ownTrigger).toBe(true);
    const { ScriptApp } = addOn.workspace.services;
    for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t);
    expect(ok<IntakeView>(addOn, 'getIntake').ownTrigger).toBe(false);
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

  it('keeps answers as typed where Sheets would make them dates, numbers or times', () => {
    const { addOn, form } = withForm();
    submit(addOn, form, {
      'Organization name': '1/2 Step Club',
      'Populations you serve': '3-5',
      'When are you available?': '3:30',
      'How did you hear about our school?': '10/12',
      'Main contact: role': '007',
      'Main contact: phone': '555-0100',
    });
    const d = directory(addOn);
    expect(d.partners[0].record).toMatchObject({ name: '1/2 Step Club', populations: '3-5' });
    expect(d.partners[0].record.notes).toContain('When are you available? 3:30');
    expect(d.partners[0].record.notes).toContain('How did you hear about our school? 10/12');
    expect(d.contacts[0].record).toMatchObject({ role: '007', phone: '555-0100' });
    const answers = tab(addOn, 'Intake Answers')?.values ?? [];
    const at = answers[0].indexOf('Answer (Partner Hub)');
    const kept = JSON.parse(String(answers[1][at])) as Record<string, string>;
    expect(kept).toMatchObject({ populations: '3-5', availability: '3:30', heard: '10/12' });
    for (const name of ['Partners', 'Contacts', 'Vetting', 'Intake Answers'])
      for (const row of tab(addOn, name)?.values.slice(1) ?? [])
        for (const v of row) expect([name, typeof v]).not.toEqual([name, 'number']);
  });

  it('reads answers as typed from a Form made before its entry ids were kept, question by question', () => {
    const { addOn, form } = withForm();
    const { PropertiesService } = addOn.workspace.services;
    const doc = PropertiesService.getDocumentProperties()!;
    const { entries: _entries, ...old } = JSON.parse(doc.getProperty('partnerHub.intakeForm') ?? '{}') as {
      entries: unknown;
    };
    doc.setProperty('partnerHub.intakeForm', JSON.stringify(old));
    PropertiesService.getUserProperties().setProperties({}, true);
    addOn.workspace.calls.reset();
    submit(addOn, form, { 'Populations you serve': '3-5', 'Main contact: phone': '555-0100' });
    expect(addOn.workspace.calls.count('FormApp.ItemResponse.getResponse')).toBeGreaterThan(10);
    const d = directory(addOn);
    expect(d.partners[0].record.populations).toBe('3-5');
    expect(d.contacts[0].record.phone).toBe('555-0100');
  });

  it('takes an answer its trigger missed with the next answer, or when the intake view opens; never twice', () => {
    const { addOn, form } = withForm();
    const org = (n: number) => ({
      'Organization name': `Applicant ${n}`,
      Website: '',
      'Main contact: email': `person${n}@gmail.com`,
    });
    const rows = () => (tab(addOn, 'Intake Answers')?.values.length ?? 0) - 1;
    // Another execution of this person holds the lock: the trigger gives up, and nothing is written.
    let release = addOn.workspace.locks.holdUserLock();
    submit(addOn, form, org(1));
    release();
    expect([directory(addOn).partners.length, rows()]).toEqual([0, 0]);
    addOn.workspace.clock.advance(60 * 60 * 1000);
    submit(addOn, form, org(2));
    expect(
      directory(addOn)
        .partners.map((p) => p.record.name)
        .sort(),
    ).toEqual(['Applicant 1', 'Applicant 2']);
    expect(rows()).toBe(2);
    // Missed again; the coordinator opens the intake view before any other answer comes.
    release = addOn.workspace.locks.holdUserLock();
    addOn.workspace.clock.advance(60 * 60 * 1000);
    submit(addOn, form, org(3));
    release();
    expect(rows()).toBe(2);
    addOn.workspace.clock.advance(60 * 60 * 1000);
    const view = ok<IntakeView>(addOn, 'getIntake');
    expect(view.recent.map((r) => r.name)).toContain('Applicant 3');
    ok<IntakeView>(addOn, 'getIntake');
    submit(addOn, form, org(4));
    expect(directory(addOn).partners).toHaveLength(4);
    expect(rows()).toBe(4);
    const ids = (tab(addOn, 'Intake Answers')?.values ?? []).map(
      (r, _i, all) => r[all[0].indexOf('Form response ID (Partner Hub)')],
    );
    expect(new Set(ids.slice(1)).size).toBe(4);
  });

  it('flags two answers from the same new organization, both waiting, as each other’s possible duplicate', () => {
    const { addOn, form } = withForm();
    const cap = ok<IntakeView>(addOn, 'getIntake').dailyCap;
    for (let i = 0; i < cap; i++)
      submit(addOn, form, {
        'Organization name': `Applicant ${i}`,
        Website: '',
        'Main contact: email': `person${i}@gmail.com`,
      });
    // Past the cap: the first waits; the second, from the same organization, is not a second "waiting".
    submit(addOn, form, { 'Organization name': 'Eastside Tutors', Website: 'eastsidetutors.org' });
    submit(addOn, form, {
      'Organization name': 'Eastside Tutoring Collective',
      Website: '',
      'Main contact: email': 'amy@eastsidetutors.org',
    });
    const review = ok<IntakeView>(addOn, 'getIntake').review;
    expect(review.map((r) => [r.name, r.status, r.duplicateOf])).toEqual([
      ['Eastside Tutors', 'possible duplicate', null],
      ['Eastside Tutoring Collective', 'possible duplicate', null],
    ]);
    expect(review[0].reason).toMatch(/Eastside Tutoring Collective/);
    expect(review[1].reason).toMatch(/eastsidetutors\.org.*Eastside Tutors/);
    expect(directory(addOn).partners).toHaveLength(cap);
  });

  it('adds one of two answers from the same organization taken in one run, the other a possible duplicate of it', () => {
    const { addOn, form } = withForm();
    const release = addOn.workspace.locks.holdUserLock();
    submit(addOn, form);
    submit(addOn, form, { 'Organization name': 'Hillside Homework Club (Eastside)', Website: '' });
    release();
    const view = ok<IntakeView>(addOn, 'getIntake');
    const partners = directory(addOn).partners;
    expect(partners.map((p) => p.record.name)).toEqual(['Hillside Homework Club']);
    expect(view.review.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['possible duplicate', { id: partners[0].record.id, name: 'Hillside Homework Club' }],
    ]);
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
