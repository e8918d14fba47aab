import { knownName, likelyMeant } from '../../src/shared/names';

const schools = ['Riverside Community School', 'Eastgate Middle School', 'Lincoln Elementary'];

describe('names chosen from a list, a new one allowed', () => {
  it('knows a listed name in any case, spacing or punctuation', () => {
    expect(knownName(schools, '  riverside community  school ')).toBe('Riverside Community School');
    expect(knownName(schools, 'Lincoln Elementary.')).toBe('Lincoln Elementary');
    expect(knownName(schools, 'Riverside Comunity School')).toBeUndefined();
  });

  it('names the listed name a misspelling was meant to be, and nothing for a really new one', () => {
    expect(likelyMeant(schools, 'Riverside Comunity School')).toBe('Riverside Community School');
    expect(likelyMeant(schools, 'Eastgate Midle Schol')).toBe('Eastgate Middle School');
    expect(likelyMeant(schools, 'Westside High School')).toBeUndefined();
    expect(likelyMeant(schools, 'Riverside Community School')).toBeUndefined();
    expect(likelyMeant(['Ana Ruiz'], 'Ana Ruis')).toBe('Ana Ruiz');
    expect(likelyMeant(['Ana Ruiz'], 'Ben Ruiz')).toBeUndefined();
  });
});
