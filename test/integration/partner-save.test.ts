// A partner and its main contact saved from one form: checked together, written together, or neither.
import type { Listed, SaveResult } from '../../src/shared/contract';
import type { Contact, Partner } from '../../src/shared/records';
import { failure, ok, partnerValues, setUpAddOn, snapshot } from './helpers';
import { inspectCell } from '../../dev/workspace/by-hand';

type Saved = Extract<SaveResult<Partner>, { status: 'saved' }>;

const contactsOf = (addOn: ReturnType<typeof setUpAddOn>, partnerId: string) =>
  ok<{ contacts?: Listed<Contact>[] }>(addOn, 'getPartner', partnerId, ['contacts']).contacts ?? [];

describe('savePartner with its main contact', () => {
  it('adds both, the contact linked and primary, and completes the web address', () => {
    const addOn = setUpAddOn();
    const saved = ok<Saved>(addOn, 'savePartner', {
      values: partnerValues({ name: 'Riverside Soccer Club', website: 'riversidesoccer.org' }),
      contact: { values: { name: 'Dana Okafor', email: 'dana@riversidesoccer.org' } },
    });
    expect(saved.status).toBe('saved');
    expect(saved.entry.record.website).toBe('https://riversidesoccer.org');
    const [contact] = contactsOf(addOn, saved.entry.record.id);
    expect(contact.record).toMatchObject({
      partnerId: saved.entry.record.id,
      name: 'Dana Okafor',
      email: 'dana@riversidesoccer.org',
      primary: true,
    });
  });

  it('checks both before writing either, each message keyed to its field', () => {
    const addOn = setUpAddOn();
    const before = snapshot(addOn);
    const result = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      values: partnerValues({ name: '' }),
      contact: { values: { name: '', email: 'not an address' } },
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: {
        name: "Give the organization's name.",
        'contact.name': "Give the contact's name.",
        'contact.email': '"not an address" is not an email address: write the email like name@example.org.',
      },
    });
    expect(snapshot(addOn)).toEqual(before);
    // Only the contact's form fields: the partner it belongs to and "primary" are the server's to set.
    expect(
      ok<SaveResult<Partner>>(addOn, 'savePartner', {
        values: partnerValues(),
        contact: { values: { name: 'Ana', partnerId: 'P-0000000000' } },
      }),
    ).toMatchObject({
      status: 'invalid',
      errors: { 'contact.partnerId': expect.stringMatching(/no field/) },
    });
    expect(snapshot(addOn)).toEqual(before);
  });

  it('writes neither when the contact was changed by someone else, and refuses another partner’s contact', () => {
    const addOn = setUpAddOn();
    const first = ok<Saved>(addOn, 'savePartner', {
      values: partnerValues({ name: 'First' }),
      contact: { values: { name: 'Ana Ruiz' } },
    });
    const [contact] = contactsOf(addOn, first.entry.record.id);
    // Someone else edits the contact meanwhile.
    const { id: contactId, created: _cc, updated: _cu, ...contactValues } = contact.record;
    expect(
      ok<SaveResult<Contact>>(addOn, 'saveContact', {
        id: contactId,
        version: contact.version,
        values: { ...contactValues, phone: '555 010 9999' },
      }).status,
    ).toBe('saved');
    const { id, created: _c, updated: _u, ...values } = first.entry.record;
    const before = snapshot(addOn);
    const stale = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      id,
      version: first.entry.version,
      values: { ...values, notes: 'Edited' },
      contact: {
        id: contact.record.id,
        version: contact.version,
        values: { name: 'Ana Ruiz', role: 'Director' },
      },
    });
    expect(stale).toMatchObject({ status: 'conflict', message: expect.stringMatching(/main contact/) });
    expect(snapshot(addOn)).toEqual(before);

    const second = ok<Saved>(addOn, 'savePartner', { values: partnerValues({ name: 'Second' }) });
    const fresh = contactsOf(addOn, first.entry.record.id)[0];
    const { id: id2, created: _c2, updated: _u2, ...values2 } = second.entry.record;
    expect(
      failure(addOn, 'savePartner', {
        id: id2,
        version: second.entry.version,
        values: values2,
        contact: { id: fresh.record.id, version: fresh.version, values: { name: 'Ana Ruiz' } },
      }),
    ).toMatch(/not one of this partner’s/);
    expect(contactsOf(addOn, second.entry.record.id)).toEqual([]);
  });
});

describe('an edit sends and writes only the fields changed', () => {
  it('writes the one cell sent, leaves a line break and a hand-typed value in the others, and checks only what is sent', () => {
    const addOn = setUpAddOn();
    const saved = ok<Saved>(addOn, 'savePartner', { values: partnerValues({ name: 'Reading Buddies' }) });
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners');
    if (!sheet) throw new Error('no Partners tab');
    const headers = sheet.getDataRange().getValues()[0].map(String);
    const at = (header: string) => headers.indexOf(header) + 1;
    // By hand in the sheet: a name over two lines, and a formula.
    sheet.getRange(2, at('Organization')).setValues([['Reading\nBuddies']]);
    sheet.getRange(2, at('Populations served')).setValues([['="All " & "students"']]);
    const entry = ok<{ entry: Listed<Partner> }>(addOn, 'getPartner', saved.entry.record.id, []).entry;
    addOn.workspace.calls.reset();
    const result = ok<Saved>(addOn, 'savePartner', {
      id: entry.record.id,
      version: entry.version,
      values: { notes: 'Met the new director' },
    });
    expect(result.status).toBe('saved');
    const row = sheet.getRange(2, 1, 1, headers.length).getValues()[0];
    expect(row[at('Organization') - 1]).toBe('Reading\nBuddies');
    expect(inspectCell(sheet, 2, at('Populations served')).formula).toBe('="All " & "students"');
    expect(row[at('Notes') - 1]).toBe('Met the new director');
    // The notes and the Updated stamp: nothing else was written.
    const written = addOn.workspace.calls.byMethod()['SpreadsheetApp.Range.setValues'] ?? 0;
    expect(written).toBeLessThanOrEqual(2);
    // A field sent is checked: a required one cannot be emptied.
    expect(
      ok<SaveResult<Partner>>(addOn, 'savePartner', {
        id: entry.record.id,
        version: result.entry.version,
        values: { name: '' },
      }),
    ).toEqual({ status: 'invalid', errors: { name: "Give the organization's name." } });
  });

  it('moves a partner on only when its vetting decision is made, not when notes are saved later', () => {
    const addOn = setUpAddOn();
    const saved = ok<Saved>(addOn, 'savePartner', { values: partnerValues({ status: 'prospect' }) });
    const id = saved.entry.record.id;
    const vetting = ok<Listed<{ id: string }>>(addOn, 'startVetting', id);
    const decided = ok<SaveResult<object>>(addOn, 'saveVetting', {
      id: vetting.record.id,
      version: vetting.version,
      values: { decision: 'approve', decidedBy: 'Ms. Rivera' },
    });
    if (decided.status !== 'saved') throw new Error(decided.status);
    expect(decided.entry.record).toMatchObject({
      decision: 'approve',
      decidedOn: expect.stringMatching(/^\d{4}-/),
    });
    const status = () => ok<{ entry: Listed<Partner> }>(addOn, 'getPartner', id, []).entry;
    expect(status().record.status).toBe('onboarding');
    // Later the partner is made active, and someone adds a note to the checklist.
    const partner = status();
    ok(addOn, 'savePartner', { id, version: partner.version, values: { status: 'active' } });
    const notes = ok<SaveResult<object>>(addOn, 'saveVetting', {
      id: vetting.record.id,
      version: decided.entry.version,
      values: { capacityNote: 'Two more tutors in spring' },
    });
    expect(notes.status).toBe('saved');
    expect(status().record.status).toBe('active');
  });
});
