import { TABLES } from '../../../src/shared/schema';
import { checkDraft, checkField, completeWebUrl, isWebUrl } from '../../../src/shared/fields';

const col = (key: string) => TABLES.contacts.columns.find((c) => c.key === key)!;
const partner = (key: string) => TABLES.partners.columns.find((c) => c.key === key)!;

describe('checkField', () => {
  it.each([
    [col('email'), 'ana@org.example', true],
    [col('email'), 'ana@@org', false],
    [col('phone'), '(555) 010-0199', true],
    [col('phone'), '12', false],
    [partner('website'), 'https://org.example/about', true],
    [partner('website'), 'javascript:alert(1)', false],
    [partner('lastCheckIn'), '2026-02-29', false],
    [partner('lastCheckIn'), '2028-02-29', true],
    [partner('status'), 'ACTIVE', true],
    [partner('status'), 'sleeping', false],
  ])('%s %s → %s', (column, input, ok) => {
    expect(checkField(column, input).ok).toBe(ok);
  });

  it('canonicalizes choices and refuses unknown ones with the field name', () => {
    expect(checkField(partner('focusAreas'), ['Tutoring', 'tutoring', 'MENTORING'])).toEqual({
      ok: true,
      value: ['tutoring', 'mentoring'],
    });
    const bad = checkField(partner('focusAreas'), ['tutoring', 'astrology']);
    expect(bad).toEqual({
      ok: false,
      message: '"astrology" is not one of the choices for the focus areas: choose from the list.',
    });
  });

  it('refuses text over the column limit', () => {
    expect(checkField(partner('name'), 'x'.repeat(201))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Shorten the organization's name/),
    });
  });

  it('refuses a data: or javascript: link even when it looks like a URL', () => {
    expect(isWebUrl('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isWebUrl('http://ok.example')).toBe(true);
  });
});

describe('checkDraft', () => {
  it('reports every bad field and unknown keys, and requires what is required', () => {
    const { errors } = checkDraft(TABLES.partners, {
      name: '',
      status: 'active',
      website: 'ftp://x',
      color: 'blue',
    });
    expect(Object.keys(errors).sort()).toEqual(['color', 'name', 'website']);
    expect(errors.name).toBe("Give the organization's name.");
  });
});

describe('checkDraft of some fields', () => {
  it('checks and returns only those fields, and still refuses a key that is not one', () => {
    expect(checkDraft(TABLES.partners, { notes: ' Met ' }, { only: ['notes'] })).toEqual({
      values: { notes: 'Met' },
      errors: {},
    });
    expect(checkDraft(TABLES.partners, { name: '' }, { only: ['name'] }).errors).toEqual({
      name: "Give the organization's name.",
    });
    expect(Object.keys(checkDraft(TABLES.partners, { colour: 'x' }, { only: [] }).errors)).toEqual([
      'colour',
    ]);
  });
});

describe('messages in plain words that say what to do', () => {
  it.each([
    [partner('name'), '', "Give the organization's name."],
    [partner('status'), '', "Choose the partner's status."],
    [partner('status'), 'sleeping', /^Choose the partner's status from the list: prospect, vetting/],
    [col('name'), '', "Give the contact's name."],
    [col('email'), 'ana@@org', '"ana@@org" is not an email address: write the email like name@example.org.'],
    [col('phone'), '12', /^"12" is not a phone number: write the phone with its digits/],
    [partner('lastCheckIn'), '2026-02-30', 'Write the last check-in as a date like 2026-09-15.'],
    [
      partner('website'),
      'not a site',
      '"not a site" is not a web address: write the website like riversidesoccer.org.',
    ],
    [
      partner('name'),
      'x'.repeat(201),
      "Shorten the organization's name to at most 200 characters (it has 201).",
    ],
  ])('%#: %j', (column, input, message) => {
    const result = checkField(column, input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });
});

describe('web addresses', () => {
  it('completes an address typed without https://', () => {
    expect(checkField(partner('website'), 'riversidesoccer.org')).toEqual({
      ok: true,
      value: 'https://riversidesoccer.org',
    });
    expect(completeWebUrl('www.riversidesoccer.org/teams?age=9')).toBe(
      'https://www.riversidesoccer.org/teams?age=9',
    );
    expect(completeWebUrl('http://old.example.org')).toBe('http://old.example.org');
  });

  it('never completes another scheme or a name without a dot', () => {
    for (const text of [
      'javascript:alert(1)',
      'ftp://x.example.org',
      'data:text/html,x',
      'localhost',
      '//x.org',
      'two words.org',
    ])
      expect(completeWebUrl(text)).toBe('');
  });
});
