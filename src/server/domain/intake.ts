// The public partner intake Form: its questions (taken from the schema's partner, contact and vetting
// columns, so their lists and lengths are declared once), what an answer becomes (a prospect with its
// main contact and a started vetting checklist), whether the organization may already be in the sheet,
// and the day's cap. Pure: the adapter (workspace/intake.ts) builds the Form and writes the rows.
// Every answer is untrusted text: it is clipped to its column's length here and written as text by the
// Database (never parsed by Sheets), and shown only as text.
import { FOCUS_AREAS, INTAKE_SOURCE, TABLES, VETTING_CRITERIA, type Column } from '../../shared/schema';
import type { Contact, FieldValue, Partner } from '../../shared/records';
import { checkField, matchOption } from '../../shared/fields';
import { existingPartners, nameKey, orgDomain, type ExistingPartner } from './import';
import { escapeHtml, headerText, oneLine } from './text';
import { signatureHtml, signText } from './signature';
import type { Sender } from '../../shared/contract';

export const INTAKE_FORM_TITLE = 'Partner with our school';
export const INTAKE_INTRO =
  'Tell us about your organization and how you would like to work with our students and families. ' +
  'Someone at the school reads every answer and gets in touch. Please give no names or details of ' +
  'individual students or families.';

/** New prospects one day of answers may add; answers beyond wait for the coordinator. */
export const DAILY_CAP = 25;
const DAY = 24 * 60 * 60 * 1000;

export const INSURANCE_CHOICES = [
  'Yes, we carry liability insurance and can send a certificate',
  'We are getting it',
  'No',
  'Not sure',
] as const;
export const BACKGROUND_CHOICES = [
  'Yes, everyone who works with students is checked',
  'Some of our people are checked',
  'No, not yet',
  'Not sure',
] as const;

/** The grades an applicant ticks. */
export const GRADES = ['Pre-K', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** Ticked grades as the Partners tab writes them: "K-5", or "K-2, 6, 7" when there are gaps. */
export function gradeRange(answer: string): string {
  const ticked = answer
    .split(/,\s*/)
    .map((g) => GRADES.findIndex((x) => x.toLowerCase() === g.trim().toLowerCase()));
  if (ticked.some((i) => i < 0)) return answer;
  const sorted = [...new Set(ticked)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    // Two grades side by side are named each ("Pre-K, K"), three or more as a range ("K-5").
    if (j - i >= 2) runs.push(`${GRADES[sorted[i]]}-${GRADES[sorted[j]]}`);
    else runs.push(...sorted.slice(i, j + 1).map((g) => GRADES[g]));
    i = j;
  }
  return runs.join(', ');
}

type Target =
  | { readonly table: 'partners'; readonly column: keyof Partner }
  | { readonly table: 'contacts'; readonly column: keyof Contact }
  | { readonly table: 'notes' };

export interface IntakeQuestion {
  /** The key of the answer as the Intake Answers tab keeps it. */
  readonly key: string;
  readonly title: string;
  readonly kind: 'text' | 'paragraph' | 'checkbox' | 'choice';
  readonly target: Target;
  readonly required?: boolean;
  readonly help?: string;
  readonly choices?: readonly string[];
  /** Longest answer kept (from the schema's column, or the notes' length for the rest). */
  readonly max: number;
}

const column = (table: 'partners' | 'contacts', key: string): Column => {
  const found = TABLES[table].columns.find((c) => c.key === key);
  if (!found) throw new Error(`No column ${key} in ${table}`);
  return found;
};
const NOTE_MAX = 1000;

const partnerQ = (
  key: keyof Partner,
  title: string,
  kind: IntakeQuestion['kind'],
  more: Partial<IntakeQuestion> = {},
): IntakeQuestion => ({
  key: String(key),
  title,
  kind,
  target: { table: 'partners', column: key },
  max: column('partners', String(key)).max ?? 500,
  ...more,
});
const contactQ = (key: keyof Contact, title: string, required = false): IntakeQuestion => ({
  key: `contact.${String(key)}`,
  title,
  kind: 'text',
  target: { table: 'contacts', column: key },
  max: column('contacts', String(key)).max ?? 500,
  required,
});
const noteQ = (key: string, title: string, more: Partial<IntakeQuestion> = {}): IntakeQuestion => ({
  key,
  title,
  kind: 'paragraph',
  target: { table: 'notes' },
  max: NOTE_MAX,
  ...more,
});

/** The Form's questions, in order. "Organization name" and "How did you hear…" tell an intake answer. */
export const INTAKE_QUESTIONS: readonly IntakeQuestion[] = [
  partnerQ('name', 'Organization name', 'text', { required: true }),
  partnerQ('website', 'Website', 'text', { help: 'For example, riversidesoccer.org' }),
  partnerQ('focusAreas', 'Focus areas', 'checkbox', { choices: FOCUS_AREAS, required: true }),
  partnerQ('services', 'Services you offer', 'paragraph', { required: true }),
  partnerQ('populations', 'Populations you serve', 'paragraph', {
    help: 'For example, English learners, newcomer families, students with disabilities.',
  }),
  // Choices, not typed text: a Form's answers reach the sheet as if typed there, where "3-5" becomes a date.
  partnerQ('grades', 'Grades you serve', 'checkbox', { choices: GRADES }),
  noteQ('availability', 'When are you available?', {
    help: 'Days and times, during or after school, summer.',
  }),
  noteQ('insurance', 'Do you carry liability insurance?', {
    kind: 'choice',
    choices: INSURANCE_CHOICES,
    max: 200,
  }),
  noteQ('backgroundChecks', 'Are your staff and volunteers background-checked?', {
    kind: 'choice',
    choices: BACKGROUND_CHOICES,
    max: 200,
  }),
  noteQ('references', 'References', {
    help: 'One or two schools or organizations you have worked with, and how to reach them.',
  }),
  noteQ('heard', 'How did you hear about our school?', { kind: 'text', max: 500 }),
  contactQ('name', 'Main contact: name', true),
  contactQ('role', 'Main contact: role'),
  contactQ('email', 'Main contact: email', true),
  contactQ('phone', 'Main contact: phone'),
];

const NAME_TITLE = INTAKE_QUESTIONS[0].title;
const HEARD_TITLE = INTAKE_QUESTIONS.find((q) => q.key === 'heard')?.title ?? '';

/** Whether a form-submit trigger's answer has the intake Form's questions (the adapter checks its tab). */
export function looksLikeIntake(named: Readonly<Record<string, readonly string[]>> | undefined): boolean {
  const has = (t: string) => !!named && Object.prototype.hasOwnProperty.call(named, t);
  return has(NAME_TITLE) && has(HEARD_TITLE);
}

/** An answer as kept: each question's text by key, clipped to its length. */
export type IntakeText = Readonly<Record<string, string>>;

/** Clips without cutting a character in two. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join('') : text;
}

/** The answer by question, from the trigger's named values (or the row kept), each clipped. */
export function intakeText(named: Readonly<Record<string, readonly string[] | undefined>>): IntakeText {
  const out: Record<string, string> = {};
  for (const q of INTAKE_QUESTIONS) {
    const raw = String(named[q.title]?.[0] ?? '');
    const text = q.kind === 'paragraph' ? raw.trim() : oneLine(raw);
    out[q.key] = clip(text, q.max);
  }
  return out;
}

/** The kept answer again, from the Intake Answers tab's cell: only known keys, only text. */
export function parseIntakeText(json: string): IntakeText | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const named: Record<string, string[]> = {};
  const values = new Map(Object.entries(parsed));
  for (const q of INTAKE_QUESTIONS) {
    const v = values.get(q.key);
    named[q.title] = [typeof v === 'string' ? v : ''];
  }
  return intakeText(named);
}

export interface IntakeRecords {
  readonly partner: Record<string, FieldValue>;
  readonly contact: Record<string, FieldValue> | null;
  /** Vetting notes, by column: what the answer says about a criterion. */
  readonly vetting: Record<string, string>;
}

/** The partners the answer may already be: same name key, or the same domain (contact email or website). */
export function websiteDomain(url: string): string {
  const host = /^(?:https?:\/\/)?([^/?#:\s]+)/i.exec(url.trim())?.[1]?.toLowerCase() ?? '';
  return host.replace(/^www\./, '').includes('.') ? host.replace(/^www\./, '') : '';
}

export interface KnownPartner extends ExistingPartner {
  readonly websites: readonly string[];
}

export function knownPartners(partners: readonly Partner[], contacts: readonly Contact[]): KnownPartner[] {
  const sites = new Map(partners.map((p) => [p.id, websiteDomain(p.website)]));
  return existingPartners(partners, contacts).map((p) => ({
    ...p,
    websites: sites.get(p.id) ? [sites.get(p.id) ?? ''] : [],
  }));
}

export function possibleDuplicate(
  answer: IntakeText,
  known: readonly KnownPartner[],
): { readonly id: string; readonly name: string; readonly reason: string } | null {
  const key = nameKey(answer.name ?? '');
  const byName = key ? known.find((k) => nameKey(k.name) === key) : undefined;
  if (byName) return { id: byName.id, name: byName.name, reason: `Same name as ${byName.name}.` };
  const domains = [orgDomain(answer['contact.email'] ?? ''), websiteDomain(answer.website ?? '')].filter(
    Boolean,
  );
  for (const domain of domains) {
    const match = known.find((k) => k.domains.includes(domain) || k.websites.includes(domain));
    if (match) return { id: match.id, name: match.name, reason: `Same domain (${domain}) as ${match.name}.` };
  }
  return null;
}

/** An answer kept for review (or taken earlier in the same run): another answer may be its organization. */
export interface OtherAnswer {
  readonly id: string;
  readonly answer: IntakeText;
}

/**
 * Another answer that may be from the same organization: the same name key, or the same contact email
 * or website domain. Two answers from a new organization both waiting are each other's possible duplicate.
 */
export function sameAsAnswer(
  answer: IntakeText,
  others: readonly OtherAnswer[],
): { readonly id: string; readonly name: string; readonly reason: string } | null {
  const domainsOf = (a: IntakeText) =>
    [orgDomain(a['contact.email'] ?? ''), websiteDomain(a.website ?? '')].filter(Boolean);
  const key = nameKey(answer.name ?? '');
  const mine = domainsOf(answer);
  for (const other of others) {
    const name = other.answer.name || 'Organization not named';
    if (key && nameKey(other.answer.name ?? '') === key)
      return { id: other.id, name, reason: `Same name as another answer, from ${name}.` };
    const domain = mine.find((d) => domainsOf(other.answer).includes(d));
    if (domain)
      return { id: other.id, name, reason: `Same domain (${domain}) as another answer, from ${name}.` };
  }
  return null;
}

/** How far before the newest answer taken the Form's responses are looked at again (their ids tell). */
export const CURSOR_OVERLAP = 60 * 1000;

/**
 * From when the Form's responses may hold one the Intake Answers tab does not have. Every run takes all
 * responses since this point in one write, so all before the newest one taken were taken: from a little
 * before it (the overlap, skipped by response id). Rows from before response ids were kept have as
 * "received" the time their trigger ran, after their answer came: then from the newest of those. No rows:
 * from the first response.
 */
export function intakeCursor(
  rows: readonly { readonly responseId: string; readonly receivedAt: string }[],
  keepsIds: boolean,
): Date | null {
  const newest = (list: readonly { readonly receivedAt: string }[]) =>
    list.reduce((max, r) => (r.receivedAt > max ? r.receivedAt : max), '');
  const withIds = newest(rows.filter((r) => r.responseId));
  if (withIds) return new Date(Date.parse(withIds) - CURSOR_OVERLAP);
  const before = newest(rows);
  if (!before) return null;
  // A tab without the response id column (set-up not run since) cannot tell a response taken: only
  // those after the newest row are looked at.
  return new Date(Date.parse(before) + (keepsIds ? 0 : 1));
}

/** Answers added as prospects in the last day (from the trigger): the cap counts these. */
export function addedToday(receivedAt: readonly string[], now: number): number {
  const since = new Date(now - DAY).toISOString();
  return receivedAt.filter((at) => at >= since).length;
}

/**
 * What an answer becomes. A value that does not fit its column (a website or an email that is not one,
 * focus areas not on the list) is not put in that column: it goes into the partner's notes as typed, so
 * nothing the applicant said is lost and nothing invalid lands in a checked column.
 */
export function intakeRecords(answer: IntakeText, today: string): IntakeRecords {
  const partner: Record<string, FieldValue> = {};
  const contact: Record<string, FieldValue> = {};
  const kept: string[] = [];
  for (const q of INTAKE_QUESTIONS) {
    const given = answer[q.key] ?? '';
    const text = q.key === 'grades' ? gradeRange(given) : given;
    if (q.target.table === 'notes' || !text) continue;
    const col = column(q.target.table, String(q.target.column));
    const input: unknown =
      col.type === 'multi'
        ? text
            .split(/,\s*/)
            .map((s) => matchOption(FOCUS_AREAS, s) ?? s)
            .filter(Boolean)
        : text;
    const checked = checkField({ ...col, required: false }, input);
    if (checked.ok) (q.target.table === 'partners' ? partner : contact)[col.key] = checked.value;
    else kept.push(`${q.title} (as typed): ${text}`);
  }
  const note = (key: string) => {
    const q = INTAKE_QUESTIONS.find((x) => x.key === key);
    const text = answer[key] ?? '';
    return q && text ? `${q.title} ${text}` : '';
  };
  const lines = [
    `From the intake Form on ${today}.`,
    note('availability'),
    note('insurance'),
    note('backgroundChecks'),
    note('references'),
    note('heard'),
    ...kept,
  ].filter(Boolean);
  const notesMax = column('partners', 'notes').max ?? 5000;
  const hasContact = ['contact.name', 'contact.email', 'contact.phone'].some((k) => contact[k.slice(8)]);
  if (hasContact && !contact.name) contact.name = String(contact.email || 'Main contact');
  const criterion = (key: (typeof VETTING_CRITERIA)[number][0]) => `${key}Note`;
  const vetting: Record<string, string> = {};
  const capacity = [note('availability'), note('insurance'), note('backgroundChecks')]
    .filter(Boolean)
    .join('\n');
  if (capacity) vetting[criterion('capacity')] = capacity;
  const populations = [answer.populations, answer.grades && `Grades: ${answer.grades}`]
    .filter(Boolean)
    .join('\n');
  if (populations) vetting[criterion('populations')] = populations;
  if (answer.references) vetting[criterion('references')] = answer.references;
  if (answer.heard) vetting[criterion('familiarity')] = note('heard');
  return {
    partner: {
      name: answer.name || 'Organization not named',
      ...partner,
      status: 'prospect',
      source: INTAKE_SOURCE,
      notes: clip(lines.join('\n'), notesMax),
    },
    contact: hasContact ? { role: '', email: '', phone: '', ...contact, primary: true } : null,
    vetting,
  };
}

export interface DigestRow {
  readonly name: string;
  readonly status: string;
  readonly reason: string;
}

/**
 * The daily digest to the coordinator: the answers of the last day, by what became of them, signed.
 * Null when there were none (no email then). Every applicant's text is escaped in the HTML.
 */
export function intakeDigest(
  rows: readonly DigestRow[],
  sender: Sender,
): { subject: string; body: string; htmlBody: string } | null {
  if (!rows.length) return null;
  const added = rows.filter((r) => r.status === 'added');
  const review = rows.filter((r) => r.status === 'possible duplicate' || r.status === 'waiting');
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const name = (r: DigestRow) => oneLine(r.name) || '(no organization name)';
  const lines = [
    `The intake Form had ${n(rows.length, 'answer', 'answers')} in the last day.`,
    ...(added.length
      ? ['', `Added as prospects, each with a vetting checklist:`, ...added.map((r) => `- ${name(r)}`)]
      : []),
    ...(review.length
      ? [
          '',
          'Waiting for you in Partner Hub (Settings, Partner intake Form):',
          ...review.map((r) => `- ${name(r)}: ${oneLine(r.reason)}`),
        ]
      : []),
  ];
  const unsigned = lines.join('\n');
  const html = lines.map((l) => escapeHtml(l)).join('<br>');
  return {
    subject: headerText(
      `Partner Hub: ${n(added.length, 'new applicant', 'new applicants')} from the intake Form`,
    ),
    body: signText(unsigned, sender),
    htmlBody: `${html}<br><br>${signatureHtml(sender)}`,
  };
}
