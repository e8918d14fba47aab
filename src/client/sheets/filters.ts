// Search and filters of the partner directory. Pure, so it is tested without a browser.
import type { Directory, PartnerEntry } from '../../shared/contract';

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

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/** Search looks at the name, services, focus areas and the partner's contacts (name, email, role). */
export function filterPartners(directory: Directory, filters: Filters): PartnerEntry[] {
  const words = fold(filters.query).split(/\s+/).filter(Boolean);
  const contactText = new Map<string, string>();
  for (const { record: c } of directory.contacts) {
    contactText.set(c.partnerId, `${contactText.get(c.partnerId) ?? ''} ${c.name} ${c.email} ${c.role}`);
  }
  return directory.partners
    .filter(({ record: p, attention }) => {
      if (filters.status && p.status !== filters.status) return false;
      if (filters.focus && !p.focusAreas.includes(filters.focus)) return false;
      if (filters.school && !splitList(p.schools).some((s) => fold(s) === fold(filters.school))) return false;
      if (filters.liaison && fold(p.liaison) !== fold(filters.liaison)) return false;
      if (filters.attention && attention.length === 0) return false;
      if (!words.length) return true;
      const haystack = fold(
        `${p.name} ${p.services} ${p.focusAreas.join(' ')} ${contactText.get(p.id) ?? ''}`,
      );
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.record.name.localeCompare(b.record.name));
}

export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The distinct schools and liaisons in the directory, for the filter dropdowns. */
export function choices(directory: Directory): { schools: string[]; liaisons: string[] } {
  const schools = new Map<string, string>();
  const liaisons = new Map<string, string>();
  for (const { record: s } of directory.schools) if (s.name) schools.set(fold(s.name), s.name);
  for (const { record: p } of directory.partners) {
    for (const s of splitList(p.schools)) if (!schools.has(fold(s))) schools.set(fold(s), s);
    if (p.liaison) liaisons.set(fold(p.liaison), p.liaison);
  }
  const sorted = (m: Map<string, string>) => [...m.values()].sort((a, b) => a.localeCompare(b));
  return { schools: sorted(schools), liaisons: sorted(liaisons) };
}
