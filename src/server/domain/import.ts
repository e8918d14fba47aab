// Importing a partner list kept in someone's own layout: map its columns to ours, find the
// organizations we already have (or that repeat within the list), and plan adds and merges. Pure.
import { headerKey, TABLES, type Column } from '../../shared/schema';
import type { Contact, FieldValue, Partner } from '../../shared/records';
import { checkField, isEmail } from '../../shared/fields';
import type { ImportPreview, ImportRow } from '../../shared/contract';
import { emptyValue } from '../../shared/records';
import { isDate, type DateInZone } from './cells';

export const CONTACT_FIELDS = ['contact.name', 'contact.role', 'contact.email', 'contact.phone'] as const;

const SYNONYMS: Record<string, string> = {
  organization: 'name',
  organizationname: 'name',
  org: 'name',
  orgname: 'name',
  agency: 'name',
  partner: 'name',
  partnername: 'name',
  name: 'name',
  focus: 'focusAreas',
  focusarea: 'focusAreas',
  services: 'services',
  programs: 'services',
  description: 'services',
  website: 'website',
  url: 'website',
  web: 'website',
  grades: 'grades',
  schools: 'schools',
  liaison: 'liaison',
  funding: 'funding',
  notes: 'notes',
  status: 'status',
  contact: 'contact.name',
  contactname: 'contact.name',
  contactperson: 'contact.name',
  title: 'contact.role',
  role: 'contact.role',
  email: 'contact.email',
  contactemail: 'contact.email',
  emailaddress: 'contact.email',
  phone: 'contact.phone',
  phonenumber: 'contact.phone',
  contactphone: 'contact.phone',
  telephone: 'contact.phone',
};

export function importTargets(): string[] {
  return [
    ...TABLES.partners.columns.filter((c) => c.type !== 'id' && c.type !== 'timestamp').map((c) => c.key),
    ...CONTACT_FIELDS,
  ];
}

export function suggestMapping(headers: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const header of headers) {
    const key = headerKey(header);
    const byHeader = TABLES.partners.columns.find((c) => headerKey(c.header) === key && c.type !== 'id');
    const target = byHeader?.key ?? SYNONYMS[key];
    if (target && !used.has(target)) {
      out[header] = target;
      used.add(target);
    }
  }
  return out;
}

/** Names that differ only in case, spacing or punctuation are the same organization. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const SHARED_MAIL = new Set([
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'live.com',
  'msn.com',
  'proton.me',
  'protonmail.com',
]);

/** The organization's own email domain, or '' for a shared mail service that says nothing about who. */
export function orgDomain(email: string): string {
  const domain = email.split('@')[1]?.toLowerCase().trim() ?? '';
  return domain && !SHARED_MAIL.has(domain) ? domain : '';
}

export interface ImportCandidate {
  readonly sourceRow: number;
  readonly partner: Record<string, FieldValue>;
  readonly contact: Record<string, FieldValue> | null;
  readonly errors: string[];
}

/** Reads the source rows through the mapping; each value is checked as if typed into the sidebar. */
export function readCandidates(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  mapping: Readonly<Record<string, string>>,
  toDate: DateInZone,
  firstRow = 2,
): ImportCandidate[] {
  const columnFor = (key: string): Column | undefined => TABLES.partners.columns.find((c) => c.key === key);
  const out: ImportCandidate[] = [];
  rows.forEach((line, i) => {
    if (line.every((c) => c === '' || c === null || c === undefined)) return;
    const partner: Record<string, FieldValue> = {};
    const contact: Record<string, FieldValue> = {};
    const errors: string[] = [];
    headers.forEach((header, h) => {
      const target = mapping[header];
      if (!target) return;
      const raw = line[h];
      const text =
        raw === '' || raw === null || raw === undefined ? '' : isDate(raw) ? toDate(raw) : String(raw).trim();
      if (target.startsWith('contact.')) {
        const field = target.slice('contact.'.length);
        const column = TABLES.contacts.columns.find((c) => c.key === field);
        if (!column) return;
        const result = checkField({ ...column, required: false }, text);
        if (result.ok) contact[field] = result.value;
        else errors.push(result.message);
        return;
      }
      const column = columnFor(target);
      if (!column) return;
      const input: unknown =
        column.type === 'multi'
          ? text
              .split(/[,;\n]+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : column.type === 'bool'
            ? /^(yes|y|true|x|1)$/i.test(text)
            : text;
      const result = checkField({ ...column, required: false }, input);
      if (result.ok) partner[column.key] = result.value;
      else errors.push(result.message);
    });
    for (const column of TABLES.partners.columns) {
      if (column.type === 'id' || column.type === 'timestamp') continue;
      if (partner[column.key] === undefined) partner[column.key] = emptyValue(column);
    }
    if (partner.status === '') partner.status = 'active';
    if (partner.name === '') {
      const name = columnFor('name');
      const required = name ? checkField(name, '') : undefined;
      if (required && !required.ok) errors.push(required.message);
    }
    const hasContact = Object.values(contact).some((v) => v !== '');
    if (hasContact && !contact.name)
      contact.name = typeof contact.email === 'string' && contact.email ? contact.email : 'Contact';
    out.push({ sourceRow: firstRow + i, partner, contact: hasContact ? contact : null, errors });
  });
  return out;
}

export interface ExistingPartner {
  readonly id: string;
  readonly name: string;
  readonly domains: readonly string[];
}

export function existingPartners(
  partners: readonly Partner[],
  contacts: readonly Contact[],
): ExistingPartner[] {
  return partners.map((p) => ({
    id: p.id,
    name: p.name,
    domains: [
      ...new Set(
        contacts
          .filter((c) => c.partnerId === p.id && isEmail(c.email))
          .map((c) => orgDomain(c.email))
          .filter(Boolean),
      ),
    ],
  }));
}

/** Finds duplicates and decides each row's action; a suspected duplicate is merged unless the person chose otherwise. */
export function planImport(
  candidates: readonly ImportCandidate[],
  existing: readonly ExistingPartner[],
  decisions: Readonly<Record<string, 'merge' | 'add' | 'skip'>> = {},
): ImportPreview {
  const known: ExistingPartner[] = [...existing];
  const rows: ImportRow[] = candidates.map((c) => {
    const name = String(c.partner.name);
    if (c.errors.length) return { sourceRow: c.sourceRow, name, errors: c.errors, action: 'error' };
    const domain = c.contact && typeof c.contact.email === 'string' ? orgDomain(c.contact.email) : '';
    const key = nameKey(name);
    const byName = known.find((k) => nameKey(k.name) === key);
    const byDomain = domain ? known.find((k) => k.domains.includes(domain)) : undefined;
    const match = byName ?? byDomain;
    const decision = decisions[String(c.sourceRow)];
    const self: ExistingPartner = { id: `row:${c.sourceRow}`, name, domains: domain ? [domain] : [] };
    if (!match) {
      if (decision !== 'skip') known.push(self);
      return { sourceRow: c.sourceRow, name, errors: [], action: decision === 'skip' ? 'skip' : 'add' };
    }
    const reason = byName ? `same name as ${match.name}` : `same email domain (${domain}) as ${match.name}`;
    const action = decision ?? 'merge';
    if (action === 'add') known.push(self);
    return {
      sourceRow: c.sourceRow,
      name,
      errors: [],
      duplicateOf: { id: match.id, name: match.name, reason },
      action,
    };
  });
  const count = (a: ImportRow['action']) => rows.filter((r) => r.action === a).length;
  return { rows, adds: count('add'), merges: count('merge'), skips: count('skip'), errors: count('error') };
}

/** A merge only fills what the existing partner left empty: nothing a person typed is overwritten. */
export function fillEmpty(
  target: Record<string, FieldValue>,
  source: Readonly<Record<string, FieldValue>>,
): Record<string, FieldValue> {
  const out = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const current = out[key];
    const empty =
      current === undefined ||
      current === '' ||
      current === false ||
      (Array.isArray(current) && current.length === 0);
    if (Array.isArray(current) && Array.isArray(value)) out[key] = [...new Set([...current, ...value])];
    else if (empty) out[key] = value;
  }
  return out;
}
