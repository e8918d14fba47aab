// Search and filters of the partner directory: pure, shared by the server (which filters and pages) and
// the sidebar (which keeps the filters the person chose).
import type { AttentionReason } from './contract';

export interface Filters {
  readonly query: string;
  readonly status: string;
  readonly focus: string;
  readonly school: string;
  readonly liaison: string;
  readonly attention: boolean;
}

export const NO_FILTERS: Filters = {
  query: '',
  status: '',
  focus: '',
  school: '',
  liaison: '',
  attention: false,
};

/** What the filters look at in one partner. */
export interface Filterable {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly services: string;
  readonly focusAreas: readonly string[];
  readonly schools: string;
  readonly liaison: string;
}

export const fold = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function queryWords(filters: Filters): string[] {
  return fold(filters.query).split(/\s+/).filter(Boolean);
}

/**
 * Search looks at the name, services, focus areas and the partner's contacts (name, email, role:
 * `contactText`, needed only when there are words to look for).
 */
export function matches(
  p: Omit<Filterable, 'id' | 'name' | 'services'>,
  attention: readonly AttentionReason[],
  filters: Filters,
  words: readonly string[],
  haystack: () => string,
): boolean {
  if (filters.status && p.status !== filters.status) return false;
  if (filters.focus && !p.focusAreas.includes(filters.focus)) return false;
  if (filters.school && !splitList(p.schools).some((s) => fold(s) === fold(filters.school))) return false;
  if (filters.liaison && fold(p.liaison) !== fold(filters.liaison)) return false;
  if (filters.attention && attention.length === 0) return false;
  if (!words.length) return true;
  const text = haystack();
  return words.every((w) => text.includes(w));
}

/** What search looks at in one partner, folded. */
export function searchText(p: Filterable, contactText: string): string {
  return fold(`${p.name} ${p.services} ${p.focusAreas.join(' ')} ${contactText}`);
}

/** The distinct schools and liaisons, for the filter dropdowns. */
export function facets(
  schoolNames: readonly string[],
  partners: readonly Pick<Filterable, 'schools' | 'liaison'>[],
): { schools: string[]; liaisons: string[] } {
  const schools = new Map<string, string>();
  const liaisons = new Map<string, string>();
  for (const s of schoolNames) if (s) schools.set(fold(s), s);
  for (const p of partners) {
    for (const s of splitList(p.schools)) if (!schools.has(fold(s))) schools.set(fold(s), s);
    if (p.liaison) liaisons.set(fold(p.liaison), p.liaison);
  }
  const sorted = (m: Map<string, string>) => [...m.values()].sort((a, b) => a.localeCompare(b));
  return { schools: sorted(schools), liaisons: sorted(liaisons) };
}
