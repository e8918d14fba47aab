// The intake Form's pure logic: what an answer becomes, duplicates by name and domain, the day's cap.
import {
  addedToday,
  CURSOR_OVERLAP,
  gradeRange,
  intakeCursor,
  intakeRecords,
  intakeText,
  INTAKE_QUESTIONS,
  knownPartners,
  looksLikeIntake,
  parseIntakeText,
  possibleDuplicate,
  sameAsAnswer,
  websiteDomain,
} from '../../../src/server/domain/intake';
import { entryOrder, linkEntries } from '../../../src/server/domain/form-link';
import type { Contact, Partner } from '../../../src/shared/records';
import { blankPartner } from './fixtures';

const named = (over: Record<string, string> = {}) =>
  Object.fromEntries(
    INTAKE_QUESTIONS.map((q) => [q.title, [over[q.title] ?? '']]).concat(
      Object.entries(over).map(([k, v]) => [k, [v]]),
    ),
  );

const partner = (over: Partial<Partner>): Partner => blankPartner({ id: 'P-0000000001', ...over });

describe('intake answers', () => {
  it('are known by the intake questions', () => {
    expect(looksLikeIntake(named())).toBe(true);
    expect(looksLikeIntake({ Organization: ['x'] })).toBe(false);
  });

  it('become a prospect from intake, with a primary contact and vetting notes', () => {
    const text = intakeText(
      named({
        'Organization name': '  Hillside  Club ',
        Website: 'hillside.org',
        'Focus areas': 'tutoring, Family Engagement',
        'Grades you serve': 'K, 1, 2, 6, 7',
        References: 'Oak Street',
        'Main contact: name': 'Rosa',
        'Main contact: email': 'not an email',
      }),
    );
    const made = intakeRecords(text, '2026-11-30');
    expect(made.partner).toMatchObject({
      name: 'Hillside Club',
      status: 'prospect',
      source: 'intake Form',
      website: 'https://hillside.org',
      focusAreas: ['tutoring', 'family engagement'],
      grades: 'K-2, 6, 7',
    });
    expect(made.partner.notes).toContain('Main contact: email (as typed): not an email');
    expect(made.contact).toMatchObject({ name: 'Rosa', email: '', primary: true });
    expect(made.vetting.referencesNote).toBe('Oak Street');
  });

  it('are clipped to their columns and survive the round trip through the tab as text only', () => {
    const text = intakeText(
      named({ 'Organization name': 'x'.repeat(500), 'Services you offer': 'y'.repeat(9000) }),
    );
    expect(text.name).toHaveLength(200);
    expect(text.services).toHaveLength(5000);
    expect(parseIntakeText(JSON.stringify({ ...text, name: 42, extra: 'no' }))).toMatchObject({ name: '' });
    expect(parseIntakeText('not json')).toBeNull();
  });

  it('find a partner already in the sheet by name key, contact email domain or website', () => {
    const known = knownPartners(
      [partner({ id: 'P-0000000001', name: 'Riverside Soccer', website: 'https://www.riversidesoccer.org' })],
      [{ partnerId: 'P-0000000001', email: 'coach@rsc.org' } as Contact],
    );
    const dup = (over: Record<string, string>) => possibleDuplicate(intakeText(named(over)), known)?.reason;
    expect(dup({ 'Organization name': 'RIVERSIDE soccer.' })).toMatch(/Same name/);
    expect(dup({ 'Organization name': 'Other', 'Main contact: email': 'a@rsc.org' })).toMatch(/rsc\.org/);
    expect(dup({ 'Organization name': 'Other', Website: 'riversidesoccer.org/x' })).toMatch(
      /riversidesoccer/,
    );
    expect(dup({ 'Organization name': 'Other', 'Main contact: email': 'a@gmail.com' })).toBeUndefined();
    expect(websiteDomain('https://www.a.org/b')).toBe('a.org');
  });

  it('count toward the cap for a rolling day', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(addedToday(['2026-11-30T01:00:00.000Z', '2026-11-29T11:00:00.000Z'], now)).toBe(1);
    expect(gradeRange('3, 4, 5')).toBe('3-5');
    expect(gradeRange('Pre-K, K')).toBe('Pre-K, K');
  });
});

describe('answers still waiting', () => {
  const text = (name: string, email: string, website = '') =>
    intakeText(named({ 'Organization name': name, 'Main contact: email': email, Website: website }));
  it('are the same organization by name key or by a domain, not by a shared mail domain', () => {
    const others = [{ id: 'I-1', answer: text('Eastside Tutors', 'amy@gmail.com', 'eastsidetutors.org') }];
    expect(sameAsAnswer(text('EASTSIDE tutors!', 'x@y.org'), others)?.id).toBe('I-1');
    expect(sameAsAnswer(text('Other', 'bo@eastsidetutors.org'), others)?.reason).toMatch(
      /eastsidetutors\.org/,
    );
    expect(sameAsAnswer(text('Other', 'bo@gmail.com'), others)).toBeNull();
  });
});

describe('where the Form is read again', () => {
  const at = '2027-05-20T15:00:00.000Z';
  it('is a little before the newest answer with a response id; all responses when none was taken', () => {
    expect(intakeCursor([], true)).toBeNull();
    expect(
      intakeCursor(
        [
          { responseId: 'a', receivedAt: '2027-05-19T10:00:00.000Z' },
          { responseId: 'b', receivedAt: at },
        ],
        true,
      )?.getTime(),
    ).toBe(Date.parse(at) - CURSOR_OVERLAP);
  });
  it('is the newest row when none has an id (after it, when the tab cannot keep ids)', () => {
    const rows = [{ responseId: '', receivedAt: at }];
    expect(intakeCursor(rows, true)?.getTime()).toBe(Date.parse(at));
    expect(intakeCursor(rows, false)?.getTime()).toBe(Date.parse(at) + 1);
  });
});

describe('a prefilled link', () => {
  it('gives each entry’s answers as typed, in order, a checkbox’s choices together', () => {
    const url =
      'https://docs.google.com/forms/d/e/x/viewform?usp=pp_url&entry.11=3-5&entry.12=a+b%2Cc&entry.13=&entry.12=d&entry.14=%E2%82%AC%3D1%2B1';
    expect([...linkEntries(url)]).toEqual([
      ['11', ['3-5']],
      ['12', ['a b,c', 'd']],
      ['13', ['']],
      ['14', ['€=1+1']],
    ]);
    expect(entryOrder(url)).toEqual(['11', '12', '13', '14']);
    expect(linkEntries('https://docs.google.com/forms/d/e/x/viewform?entry.1=%E0%A4%A')).toEqual(new Map());
  });
});
