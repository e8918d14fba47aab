import { TABLES } from '../../../src/shared/schema';
import { checkDraft, checkField, isWebUrl } from '../../../src/shared/fields';

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
    expect(bad).toEqual({ ok: false, message: 'Focus areas: "astrology" is not one of the choices.' });
  });

  it('refuses text over the column limit', () => {
    expect(checkField(partner('name'), 'x'.repeat(201))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
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
    expect(errors.name).toBe('Organization: is required.');
  });
});
