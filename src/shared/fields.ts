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

/** Checks one value typed for `column`; returns its canonical form or a message a person can act on. */
export function checkField(column: Column, input: unknown): FieldResult {
  const fail = (message: string): FieldResult => ({ ok: false, message: `${column.header}: ${message}` });
  if (column.type === 'bool') {
    if (input === undefined || input === null || input === '') return { ok: true, value: false };
    return typeof input === 'boolean' ? { ok: true, value: input } : fail('must be yes or no.');
  }
  if (column.type === 'ids') {
    const items = input === undefined || input === null || input === '' ? [] : input;
    if (!Array.isArray(items) || !items.every((i): i is string => typeof i === 'string' && ID.test(i))) {
      return fail('must be a list of ids.');
    }
    if (items.length > 1000) return fail('has too many entries.');
    return { ok: true, value: [...new Set(items)] };
  }
  if (column.type === 'multi') {
    const items = input === undefined || input === null || input === '' ? [] : input;
    if (!Array.isArray(items) || !items.every((i): i is string => typeof i === 'string')) {
      return fail('must be a list of choices.');
    }
    const out: string[] = [];
    for (const item of items) {
      const match = matchOption(column.options ?? [], item);
      if (!match) return fail(`"${clip(item)}" is not one of the choices.`);
      if (!out.includes(match)) out.push(match);
    }
    if (column.required && out.length === 0) return fail('choose at least one.');
    return { ok: true, value: out };
  }
  if (input === undefined || input === null) input = '';
  if (typeof input !== 'string') return fail('must be text.');
  const text = column.type === 'longtext' ? input.trim() : input.trim().replace(/\s+/g, ' ');
  if (text === '') return column.required ? fail('is required.') : { ok: true, value: '' };
  const max = column.max ?? DEFAULT_MAX;
  if (text.length > max) return fail(`is too long (${text.length} characters; at most ${max}).`);
  switch (column.type) {
    case 'enum': {
      const match = matchOption(column.options ?? [], text);
      return match
        ? { ok: true, value: match }
        : fail(`choose one of: ${(column.options ?? []).join(', ')}.`);
    }
    case 'date':
      return isIsoDate(text) ? { ok: true, value: text } : fail('must be a date like 2026-09-15.');
    case 'email':
      return isEmail(text) ? { ok: true, value: text } : fail(`"${clip(text)}" is not an email address.`);
    case 'url':
      return isWebUrl(text)
        ? { ok: true, value: text }
        : fail('must be a web address starting with https://.');
    case 'phone':
      return isPhone(text) ? { ok: true, value: text } : fail(`"${clip(text)}" is not a phone number.`);
    case 'id':
    case 'ref':
      return ID.test(text) ? { ok: true, value: text } : fail('is not a valid id.');
    case 'time': {
      const time = normalTime(text);
      return time ? { ok: true, value: time } : fail('must be a time like 15:30.');
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? { ok: true, value: text } : fail('must be a number.');
    default:
      return { ok: true, value: text };
  }
}

export interface DraftCheck {
  readonly values: Record<string, FieldValue>;
  readonly errors: Record<string, string>;
}

/** Checks the editable fields of a draft. Unknown keys are refused, so a typo cannot vanish silently. */
export function checkDraft(table: Table, draft: Record<string, unknown>): DraftCheck {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  const editable = table.columns.filter(isEditable);
  for (const key of Object.keys(draft)) {
    if (!editable.some((c) => c.key === key))
      errors[key] = `${table.tab} has no editable field "${clip(key)}".`;
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
