// Field validation for what a person types in the sidebar. Both sides use it: the sidebar to show a
// message beside the field, the server to refuse a save (it never trusts the sidebar).
import type { Column, Table } from './schema';
import type { FieldValue } from './records';

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const ID = /^[A-Z]-[A-Za-z0-9]{4,40}$/;

/** '3:30 pm', '15:30' or '9:05' as 'HH:mm'; '' when it is not a time of day. */
export function normalTime(text: string): string {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!m) return '';
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[3]?.[0].toLowerCase();
  if (half && (hour < 1 || hour > 12)) return '';
  if (half === 'p' && hour < 12) hour += 12;
  if (half === 'a' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return '';
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
const DEFAULT_MAX = 500;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/**
 * Only http(s) links with a host are kept: a `javascript:` or `data:` URL is refused. (A pattern, not
 * `new URL()`: Apps Script has no URL class.)
 */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?(\.[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)*(:\d{1,5})?([/?#][^\s]*)?$/i.test(
    text,
  );
}

/**
 * A web address typed without its scheme ("riversidesoccer.org", "www.x.org/about"), completed with
 * https://; '' when the text is not one (it has another scheme, no dot in its host, or spaces).
 */
export function completeWebUrl(text: string): string {
  if (isWebUrl(text)) return text;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) return '';
  const completed = `https://${text}`;
  const host = /^https:\/\/([^/?#:]+)/.exec(completed)?.[1] ?? '';
  return host.includes('.') && isWebUrl(completed) ? completed : '';
}

export function isPhone(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  return /^[+\d\s().\-x/]+$/i.test(text) && digits.length >= 7 && digits.length <= 15 + 6;
}

/** Case- and spacing-insensitive match of a typed option to its canonical spelling. */
export function matchOption(options: readonly string[], text: string): string | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return options.find((o) => o.toLowerCase() === key);
}

export type FieldResult = { ok: true; value: FieldValue } | { ok: false; message: string };

/**
 * How a message names a column: its `what` ("the organization's name"), else "the " and its header in
 * lower case (short capitals such as ID stay).
 */
export function fieldName(column: Column): string {
  if (column.what) return column.what;
  const words = column.header.split(' ').map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()));
  return `the ${words.join(' ')}`;
}

/**
 * Checks one value typed for `column`; returns its canonical form or a message in plain words that says
 * what to do ("Give the organization's name."). The sidebar shows it beside the field; the server
 * refuses a save with the same message.
 */
export function checkField(column: Column, input: unknown): FieldResult {
  const name = fieldName(column);
  const fail = (message: string): FieldResult => ({
    ok: false,
    message: message.charAt(0).toUpperCase() + message.slice(1),
  });
  if (column.type === 'bool') {
    if (input === undefined || input === null || input === '') return { ok: true, value: false };
    return typeof input === 'boolean' ? { ok: true, value: input } : fail(`choose yes or no for ${name}.`);
  }
  if (column.type === 'ids') {
    const items = input === undefined || input === null || input === '' ? [] : input;
    if (!Array.isArray(items) || !items.every((i): i is string => typeof i === 'string' && ID.test(i))) {
      return fail(`choose ${name} from the list.`);
    }
    if (items.length > 1000) return fail(`choose at most 1,000 for ${name}.`);
    return { ok: true, value: [...new Set(items)] };
  }
  if (column.type === 'multi') {
    const items = input === undefined || input === null || input === '' ? [] : input;
    if (!Array.isArray(items) || !items.every((i): i is string => typeof i === 'string')) {
      return fail(`choose ${name} from the list.`);
    }
    const out: string[] = [];
    for (const item of items) {
      const match = matchOption(column.options ?? [], item);
      if (!match) return fail(`"${clip(item)}" is not one of the choices for ${name}: choose from the list.`);
      if (!out.includes(match)) out.push(match);
    }
    if (column.required && out.length === 0) return fail(`choose at least one for ${name}.`);
    return { ok: true, value: out };
  }
  if (input === undefined || input === null) input = '';
  if (typeof input !== 'string') return fail(`write ${name} as text.`);
  const text = column.type === 'longtext' ? input.trim() : input.trim().replace(/\s+/g, ' ');
  if (text === '')
    return column.required
      ? fail(column.type === 'enum' || column.type === 'ref' ? `choose ${name}.` : `give ${name}.`)
      : { ok: true, value: '' };
  const max = column.max ?? DEFAULT_MAX;
  if (text.length > max) return fail(`shorten ${name} to at most ${max} characters (it has ${text.length}).`);
  switch (column.type) {
    case 'enum': {
      const match = matchOption(column.options ?? [], text);
      return match
        ? { ok: true, value: match }
        : fail(`choose ${name} from the list: ${(column.options ?? []).join(', ')}.`);
    }
    case 'date':
      return isIsoDate(text) ? { ok: true, value: text } : fail(`write ${name} as a date like 2026-09-15.`);
    case 'email':
      return isEmail(text)
        ? { ok: true, value: text }
        : fail(`"${clip(text)}" is not an email address: write ${name} like name@example.org.`);
    case 'url': {
      const url = completeWebUrl(text);
      return url
        ? { ok: true, value: url }
        : fail(`"${clip(text)}" is not a web address: write ${name} like riversidesoccer.org.`);
    }
    case 'phone':
      return isPhone(text)
        ? { ok: true, value: text }
        : fail(`"${clip(text)}" is not a phone number: write ${name} with its digits, like (555) 010-2030.`);
    case 'id':
    case 'ref':
      return ID.test(text) ? { ok: true, value: text } : fail(`choose ${name} from the list.`);
    case 'time': {
      const time = normalTime(text);
      return time ? { ok: true, value: time } : fail(`write ${name} as a time like 15:30.`);
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text)
        ? { ok: true, value: text }
        : fail(`write ${name} as a number, like 3.`);
    default:
      return { ok: true, value: text };
  }
}

export interface DraftCheck {
  readonly values: Record<string, FieldValue>;
  readonly errors: Record<string, string>;
}

/**
 * Checks the editable fields of a draft (`only` some of them, when given). Unknown keys are refused, so
 * a typo cannot vanish silently.
 */
export function checkDraft(
  table: Table,
  draft: Readonly<Record<string, unknown>>,
  options: { readonly only?: readonly string[] } = {},
): DraftCheck {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  const editable = table.columns.filter(
    (c) => isEditable(c) && (!options.only || options.only.includes(c.key)),
  );
  for (const key of Object.keys(draft)) {
    if (!editable.some((c) => c.key === key))
      errors[key] = `The ${table.tab} tab has no field "${clip(key)}" Partner Hub can change.`;
  }
  for (const column of editable) {
    const result = checkField(column, draft[column.key]);
    if (result.ok) values[column.key] = result.value;
    else errors[column.key] = result.message;
  }
  return { values, errors };
}

export function isEditable(column: Column): boolean {
  return column.type !== 'id' && column.type !== 'timestamp';
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
