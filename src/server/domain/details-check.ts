// "Check your details": what a partner's Form shows of its record, and what an answer proposes to change.
// Pure: the adapter (workspace/details-checks.ts) reads the tables, builds the Form and writes the rows.
// A partner's answer reaches only these fields: never its status, vetting, internal notes or any other
// partner's record.
import type { Agreement, Contact, FieldValue, Partner } from '../../shared/records';
import { FOCUS_AREAS, TABLES, type Column } from '../../shared/schema';

export const DETAILS_FORM_TITLE = 'Check your details';
export const DETAILS_CODE_TITLE = 'Details code (filled in for you; please leave as is)';
export const PARTNER_REF_TITLE = 'Partner reference (filled in for you; please leave as is)';
export const AGREEMENTS_TITLE = 'Agreement dates';
export const DETAILS_INTRO =
  'Please check what our school has on record for your organization and correct anything that changed. ' +
  'Leave a field as it is when it is right. Someone at the school reviews every change before it is saved.';

export type DetailsTable = 'partners' | 'contacts';

export interface DetailsField {
  /** The field's key in what was shown. */
  readonly key: string;
  /** The Form's question. */
  readonly title: string;
  readonly table: DetailsTable;
  /** The column of that table it comes from and may change. */
  readonly column: string;
  readonly paragraph?: boolean;
  readonly help?: string;
}

export const DETAILS_FIELDS: readonly DetailsField[] = [
  { key: 'name', title: 'Organization', table: 'partners', column: 'name' },
  { key: 'website', title: 'Website', table: 'partners', column: 'website' },
  { key: 'services', title: 'Services you offer', table: 'partners', column: 'services', paragraph: true },
  {
    key: 'focusAreas',
    title: 'Focus areas',
    table: 'partners',
    column: 'focusAreas',
    help: `Separated by commas, from: ${FOCUS_AREAS.join('; ')}.`,
  },
  { key: 'grades', title: 'Grades served', table: 'partners', column: 'grades' },
  {
    key: 'schools',
    title: 'Schools served',
    table: 'partners',
    column: 'schools',
    help: 'Separated by commas.',
  },
  { key: 'contactName', title: 'Main contact: name', table: 'contacts', column: 'name' },
  { key: 'contactRole', title: 'Main contact: role', table: 'contacts', column: 'role' },
  { key: 'contactEmail', title: 'Main contact: email', table: 'contacts', column: 'email' },
  { key: 'contactPhone', title: 'Main contact: phone', table: 'contacts', column: 'phone' },
];

/** The columns an accepted change may write, by table: nothing else, whatever a row of changes says. */
export const CHANGEABLE: Readonly<Record<string, readonly string[]>> = {
  partners: DETAILS_FIELDS.filter((f) => f.table === 'partners').map((f) => f.column),
  contacts: DETAILS_FIELDS.filter((f) => f.table === 'contacts').map((f) => f.column),
  agreements: ['start', 'end'],
};

/** What the partner's Form showed: kept on its check row, compared with the answer. */
export interface Shown {
  readonly partnerId: string;
  readonly contactId: string;
  readonly values: Readonly<Record<string, string>>;
  readonly agreements: readonly { id: string; type: string; start: string; end: string }[];
}

/** A record value as the Form shows it and a change keeps it: text, lists joined by commas. */
export function textOf(value: FieldValue | undefined): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value ?? '';
}

export function shownOf(
  partner: Partner,
  contact: Contact | undefined,
  agreements: readonly Agreement[],
): Shown {
  const values: Record<string, string> = {};
  for (const f of DETAILS_FIELDS) {
    const record: Record<string, FieldValue> | undefined = f.table === 'partners' ? partner : contact;
    values[f.key] = textOf(record?.[f.column]);
  }
  return {
    partnerId: partner.id,
    contactId: contact?.id ?? '',
    values,
    agreements: agreements.map((a) => ({ id: a.id, type: a.type, start: a.start, end: a.end })),
  };
}

/** One line per agreement, in the order shown: "MOU: 2026-08-01 to 2027-06-30" ('?' for no date). */
export function agreementLines(shown: Shown): string {
  return shown.agreements
    .map((a) => `${a.type || 'Agreement'}: ${a.start || '?'} to ${a.end || '?'}`)
    .join('\n');
}

const AGREEMENT_LINE = /^(.*):\s*(\S+)\s+to\s+(\S+)\s*$/;

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

function column(table: 'partners' | 'contacts' | 'agreements', key: string): Column {
  const found = TABLES[table].columns.find((c) => c.key === key);
  if (!found) throw new Error(`no column ${table}.${key}`);
  return found;
}

/**
 * An answer as untrusted text: control characters gone, spaces trimmed (and collapsed outside long
 * text), at most the column's length (never cutting a character in half).
 */
export function cleanAnswer(text: string, col: Pick<Column, 'type' | 'max'>): string {
  let t = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '');
  t = col.type === 'longtext' ? t.trim() : t.replace(/\s+/g, ' ').trim();
  const max = col.max ?? 500;
  const chars = Array.from(t);
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : t;
}

/** Whether two texts say the same: lists compare as sets of items (any case, any order). */
function same(col: Column, a: string, b: string): boolean {
  if (col.type !== 'multi') return a === b;
  const items = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean)
      .sort()
      .join('\n');
  return items(a) === items(b);
}

export interface Proposal {
  readonly table: 'partners' | 'contacts' | 'agreements';
  readonly recordId: string;
  readonly field: string;
  readonly oldValue: string;
  readonly newValue: string;
}

/**
 * The fields an answer changes, against what the Form showed. `answers` are the Form's answers by
 * question title; a question the answer lacks changes nothing, and so does a field with no record
 * (no main contact), an agreement line that cannot be read, or anything that is not a detail.
 */
export function proposals(shown: Shown, answers: Readonly<Record<string, string | undefined>>): Proposal[] {
  const out: Proposal[] = [];
  for (const f of DETAILS_FIELDS) {
    const given = answers[f.title];
    if (given === undefined) continue;
    const recordId = f.table === 'partners' ? shown.partnerId : shown.contactId;
    if (!recordId) continue;
    const col = column(f.table, f.column);
    const newValue = cleanAnswer(given, col);
    const oldValue = shown.values[f.key] ?? '';
    if (!same(col, oldValue, newValue))
      out.push({ table: f.table, recordId, field: f.column, oldValue, newValue });
  }
  const lines = answers[AGREEMENTS_TITLE];
  if (lines !== undefined) {
    const given = String(lines)
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    shown.agreements.forEach((a, i) => {
      const m = AGREEMENT_LINE.exec(given[i] ?? '');
      if (!m) return;
      for (const [field, was, now] of [
        ['start', a.start, m[2]],
        ['end', a.end, m[3]],
      ] as const) {
        const newValue = cleanAnswer(now === '?' ? '' : now, column('agreements', field));
        if (newValue !== was)
          out.push({ table: 'agreements', recordId: a.id, field, oldValue: was, newValue });
      }
    });
  }
  return out;
}

/** What a change is about, in the coordinator's words: "Main contact: phone", "MOU: End". */
export function changeLabel(table: string, field: string, agreementType = ''): string {
  if (table === 'agreements') {
    const col = TABLES.agreements.columns.find((c) => c.key === field);
    return `${agreementType || 'Agreement'}: ${col?.header ?? field}`;
  }
  const f = DETAILS_FIELDS.find((d) => d.table === table && d.column === field);
  return f ? f.title : field;
}

/** A change's new value as the record takes it: lists split at commas. */
export function valueFor(col: Column, text: string): FieldValue {
  if (col.type === 'multi' || col.type === 'ids')
    return text
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return text;
}

/** The personal link: the Form's prefilled link with each stand-in replaced by its value. */
export function personalLink(prefill: string, values: Readonly<Record<string, string>>): string {
  let link = prefill;
  for (const [standIn, value] of Object.entries(values))
    link = link.split(`=${standIn}`).join(`=${encodeURIComponent(value)}`);
  return link;
}

/** The stand-in for the i-th field in the prefilled link: letters only, none a prefix of another. */
export const standIn = (i: number): string => `PHFIELD${String.fromCharCode(65 + i)}X`;
export const CODE_STAND_IN = 'PHCODEX';
export const PARTNER_STAND_IN = 'PHPARTNERX';
