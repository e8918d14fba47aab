// A partner and its main contact saved from one form: checked together, written together, or neither.
import type { Listed, SaveResult } from '../../src/shared/contract';
import type { Contact, Partner } from '../../src/shared/records';
import { failure, ok, partnerValues, setUpAddOn, snapshot } from './helpers';

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
