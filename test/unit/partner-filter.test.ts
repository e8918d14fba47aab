// The directory's search and filters, as the server runs them over every partner and the sidebar runs
// them over a page that holds every partner.
import { facets, matches, NO_FILTERS, queryWords, searchText } from '../../src/shared/partner-filter';

const partner = {
  id: 'p-1',
  name: 'Riverside Food Bank',
  status: 'active',
  services: 'Weekend backpacks',
  focusAreas: ['basic needs'],
  schools: 'Lincoln Elementary; Eastgate Middle School',
  liaison: 'Ms. Ortiz',
};

const text = searchText(partner, ' Ana Ruiz ana@riverside.example.org Coordinator');

function found(over: Partial<typeof NO_FILTERS>, attention: readonly never[] | ['check-in overdue'] = []) {
  const filters = { ...NO_FILTERS, ...over };
  return matches(partner, attention, filters, queryWords(filters), () => text);
}

describe('partner search and filters', () => {
  it('finds by name, service, focus area and contact, whatever the case and accents', () => {
    expect(found({ query: 'food bank' })).toBe(true);
    expect(found({ query: 'BACKPACKS' })).toBe(true);
    expect(found({ query: 'ruíz' })).toBe(true);
    expect(found({ query: 'coordinator basic' })).toBe(true);
    expect(found({ query: 'dental' })).toBe(false);
  });

  it('filters by status, focus, school, liaison and attention', () => {
    expect(found({ status: 'active' })).toBe(true);
    expect(found({ status: 'paused' })).toBe(false);
    expect(found({ focus: 'basic needs' })).toBe(true);
    expect(found({ school: 'eastgate middle school' })).toBe(true);
    expect(found({ school: 'Eastgate' })).toBe(false);
    expect(found({ liaison: 'ms. ortiz' })).toBe(true);
    expect(found({ attention: true })).toBe(false);
    expect(found({ attention: true }, ['check-in overdue'])).toBe(true);
  });

  it('reads the search text only when there are words to look for', () => {
    const haystack = jest.fn(() => text);
    matches(partner, [], { ...NO_FILTERS, status: 'active' }, [], haystack);
    expect(haystack).not.toHaveBeenCalled();
  });

  it('offers each school and liaison once, sorted', () => {
    expect(
      facets(['Lincoln Elementary'], [partner, { schools: 'lincoln elementary', liaison: 'Ms. Ortiz' }]),
    ).toEqual({
      schools: ['Eastgate Middle School', 'Lincoln Elementary'],
      liaisons: ['Ms. Ortiz'],
    });
  });
});
