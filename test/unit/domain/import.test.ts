import {
  fillEmpty,
  nameKey,
  orgDomain,
  planImport,
  readCandidates,
  suggestMapping,
} from '../../../src/server/domain/import';
import { dateInZone } from '../../../src/server/domain/cells';

const toDate = dateInZone('America/Chicago');
const headers = ['Org Name', 'Contact', 'Email', 'Phone', 'Focus Area', 'Our notes'];

describe('import', () => {
  it('suggests a mapping from familiar headers and leaves unknown ones unmapped', () => {
    expect(suggestMapping(headers)).toEqual({
      'Org Name': 'name',
      Contact: 'contact.name',
      Email: 'contact.email',
      Phone: 'contact.phone',
      'Focus Area': 'focusAreas',
    });
  });

  it('matches names ignoring case, spacing and punctuation, and email domains except shared mail', () => {
    expect(nameKey('Boys & Girls Club, Inc.')).toBe(nameKey('boys girls club inc'));
    expect(orgDomain('ana@ReadingPartners.org')).toBe('readingpartners.org');
    expect(orgDomain('ana@gmail.com')).toBe('');
  });

  const mapping = suggestMapping(headers);
  const rows = [
    ['Reading Partners', 'Ana Diaz', 'ana@readingpartners.org', 5550100, 'Tutoring', ''],
    ['READING  partners!', 'Bo Li', 'bo@readingpartners.org', '', 'mentoring', ''],
    ['RP Literacy', 'Cy Ng', 'cy@readingpartners.org', '', '', ''],
    ['Food Pantry', 'Di Oz', 'di@gmail.com', '', 'basic needs', ''],
    ['', '', '', '', '', 'a note on an empty row'],
    ['Bad Focus', '', '', '', 'astrology', ''],
  ];

  it('plans adds, merges of duplicates (by name, by domain, against existing partners) and errors', () => {
    const candidates = readCandidates(headers, rows, mapping, toDate);
    expect(candidates.map((c) => c.sourceRow)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(candidates[0].contact).toMatchObject({ name: 'Ana Diaz', phone: '5550100' });
    const preview = planImport(candidates, [{ id: 'P-existing', name: 'Food pantry', domains: [] }]);
    expect(preview.rows.map((r) => [r.sourceRow, r.action, r.duplicateOf?.id])).toEqual([
      [2, 'add', undefined],
      [3, 'merge', 'row:2'],
      [4, 'merge', 'row:2'],
      [5, 'merge', 'P-existing'],
      [6, 'error', undefined], // data but no organization: reported, not dropped
      [7, 'error', undefined],
    ]);
    expect(preview.rows[2].duplicateOf?.reason).toMatch(/same email domain/);
    expect(preview).toMatchObject({ adds: 1, merges: 3, errors: 2, skips: 0 });
    expect(preview.rows[5].errors).toEqual([
      '"astrology" is not one of the choices for the focus areas: choose from the list.',
    ]);
  });

  it('follows the person’s decisions: a duplicate can be added anyway or skipped, never lost silently', () => {
    const candidates = readCandidates(headers, rows, mapping, toDate);
    const preview = planImport(candidates, [], { '3': 'add', '4': 'skip' });
    expect(preview.rows.slice(0, 3).map((r) => r.action)).toEqual(['add', 'add', 'skip']);
  });

  it('merges by filling only what is empty', () => {
    expect(
      fillEmpty(
        { name: 'A', services: '', focusAreas: ['tutoring'] },
        { name: 'B', services: 'S', focusAreas: ['mentoring'] },
      ),
    ).toEqual({
      name: 'A',
      services: 'S',
      focusAreas: ['tutoring', 'mentoring'],
    });
  });
});
