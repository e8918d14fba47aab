// Between a sheet cell and a record value. Pure: the time zone arrives as a formatter.
import type { Column } from '../../shared/schema';
import type { CellWarning, FieldValue } from '../../shared/records';
import { emptyValue } from '../../shared/records';
import { ID, isEmail, isIsoDate, isWebUrl, matchOption, normalTime } from '../../shared/fields';

export type Cell = string | number | boolean | Date;

/** Turns an instant into the calendar date it is in the spreadsheet's time zone, as 'yyyy-mm-dd'. */
export type DateInZone = ((date: Date) => string) & { time?: (date: Date) => string };

// Held once: a global looked up in a hot loop is slow in some hosts (a vm context among them).
const toTag = Object.prototype.toString;
const imul = Math.imul;

export function isDate(value: unknown): value is Date {
  // Not `instanceof`: values may come from another realm (the tests run the bundle in a vm).
  return toTag.call(value) === '[object Date]';
}

export function dateInZone(timeZone: string): DateInZone {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  // Intl is slow next to a Map look-up, and a table repeats the same dates many times.
  const seen = new Map<number, string>();
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const toDate: DateInZone = (date) => {
    const ms = date.getTime();
    let text = seen.get(ms);
    if (text === undefined) {
      const parts = format.formatToParts(date);
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      text = `${get('year')}-${get('month')}-${get('day')}`;
      seen.set(ms, text);
    }
    return text;
  };
  toDate.time = (date) => clock.format(date);
  return toDate;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export interface Read {
  readonly value: FieldValue;
  readonly warning?: CellWarning;
}

/** Reads a cell a person may have typed anything into. Nothing is lost: an unreadable value is kept as text and reported. */
export function fromCell(column: Column, cell: unknown, toDate: DateInZone): Read {
  if (cell === '' || cell === null || cell === undefined) return { value: emptyValue(column) };
  if (column.type === 'timestamp' && isDate(cell)) return { value: cell.toISOString() };
  if (column.type === 'time' && isDate(cell)) return { value: toDate.time ? toDate.time(cell) : '' };
  const text = isDate(cell) ? toDate(cell) : String(cell).trim();
  const warn = (message: string): Read => ({
    value: column.type === 'multi' ? [text] : column.type === 'bool' ? false : text,
    warning: { field: column.key, message: `${column.header}: ${message}` },
  });
  const max = column.max ?? 500;
  if (text.length > max && column.type !== 'multi' && column.type !== 'ids') {
    // Kept whole, and said now: saving the record would refuse it.
    return {
      value: text,
      warning: {
        field: column.key,
        message: `${column.header}: ${text.length} characters, more than the ${max} Partner Hub saves; shorten it in the sheet.`,
      },
    };
  }
  switch (column.type) {
    case 'bool': {
      if (typeof cell === 'boolean') return { value: cell };
      const t = text.toLowerCase();
      if (['yes', 'y', 'true', 'x', '1'].includes(t)) return { value: true };
      if (['no', 'n', 'false', '0', ''].includes(t)) return { value: false };
      return warn(`"${clip(text)}" is not yes or no; read as no.`);
    }
    case 'multi': {
      const items = text
        .split(/[,;\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const out: string[] = [];
      const unknown: string[] = [];
      for (const item of items) {
        const match = matchOption(column.options ?? [], item);
        if (!match) unknown.push(item);
        const value = match ?? item;
        if (!out.includes(value)) out.push(value);
      }
      const read: Read = { value: out };
      return unknown.length
        ? {
            ...read,
            warning: {
              field: column.key,
              message: `${column.header}: unknown "${clip(unknown.join(', '))}".`,
            },
          }
        : read;
    }
    case 'ids': {
      const ids = text.split(/[,;\s]+/).filter(Boolean);
      const bad = ids.filter((id) => !ID.test(id));
      return bad.length
        ? {
            value: ids,
            warning: {
              field: column.key,
              message: `${column.header}: "${clip(bad.join(', '))}" is not an id.`,
            },
          }
        : { value: ids };
    }
    case 'time': {
      const time = normalTime(text);
      return time ? { value: time } : warn(`"${clip(text)}" is not a time of day.`);
    }
    case 'number':
      return typeof cell === 'number' || /^-?\d+(\.\d+)?$/.test(text)
        ? { value: text }
        : warn(`"${clip(text)}" is not a number.`);
    case 'enum': {
      const match = matchOption(column.options ?? [], text);
      return match
        ? { value: match }
        : warn(`"${clip(text)}" is not one of: ${(column.options ?? []).join(', ')}.`);
    }
    case 'date': {
      if (isDate(cell)) return { value: text };
      if (isIsoDate(text)) return { value: text };
      const us = US_DATE.exec(text);
      if (us) {
        const iso = `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
        if (isIsoDate(iso)) return { value: iso };
      }
      return warn(`"${clip(text)}" is not a date.`);
    }
    case 'timestamp':
      return { value: text };
    case 'email':
      return isEmail(text) ? { value: text } : warn(`"${clip(text)}" is not an email address.`);
    case 'url':
      return isWebUrl(text) ? { value: text } : warn(`"${clip(text)}" is not a web address.`);
    default:
      return { value: text };
  }
}

/**
 * Text that Sheets might turn into a number, date, time, boolean or formula if written as is. Sheets'
 * typed-input parsing is broad ("1e5", "12/31", "3-8", "(123)", ".5", "Jan 5", "3pm" all convert), so
 * anything that starts like a number, a sign, a currency or a month followed by a digit is stored as
 * text: the quote prefix costs nothing when the text would not have converted.
 */
const WOULD_PARSE =
  /^\s*(?:[=+\-@'(.$€£¥]|\d|(?:true|false)\s*$|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,-]*\d)/i;

/** What a cell written with toCell reads back as: the quote prefix that kept text from converting is not stored. */
export function storedAs(cell: Cell): Cell {
  return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * A cell written as typed text that Sheets may still turn into something else (a date or a time of day,
 * written for Sheets to parse, or kept as text by a text-formatted cell): storedAs cannot say which.
 */
export function mayConvert(cell: Cell): boolean {
  return typeof cell === 'string' && !cell.startsWith("'") && WOULD_PARSE.test(cell);
}

/** A string written so that Sheets stores exactly this text: never a formula, never a number. */
export function asText(text: string): string {
  return text !== '' && WOULD_PARSE.test(text) ? `'${text}` : text;
}

/** The cell to write for a record value. Dates go in as typed text, so Sheets makes them dates in its own zone. */
export function toCell(column: Column, value: FieldValue): Cell {
  if (column.type === 'bool') return value === true;
  if (Array.isArray(value)) return asText(value.join(', '));
  if (column.type === 'number' && typeof value === 'string' && value !== '') return Number(value);
  // Time columns are plain text ('@'): written as typed, never parsed into a 1899 date.
  if (column.type === 'time' && typeof value === 'string') return value;
  if (typeof value !== 'string') return '';
  if (value === '') return '';
  if (column.type === 'date' && isIsoDate(value)) return value;
  if (column.type === 'timestamp') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? asText(value) : date;
  }
  return asText(value);
}

/** The same cell as it reads back, for comparing what is in the sheet with what we would write. */
export function sameCell(column: Column, stored: unknown, wanted: Cell, toDate: DateInZone): boolean {
  if (wanted === '' || stored === '') return wanted === stored;
  if (column.type === 'date' && typeof wanted === 'string' && isIsoDate(wanted)) {
    return isDate(stored) ? toDate(stored) === wanted : stored === wanted;
  }
  if (isDate(wanted)) return isDate(stored) && stored.getTime() === wanted.getTime();
  if (typeof wanted === 'string' && wanted.startsWith("'")) return stored === wanted.slice(1);
  if (column.type === 'time' && isDate(stored) && toDate.time) return toDate.time(stored) === wanted;
  return stored === wanted;
}

/** A short fingerprint of a row's cells: if it differs from the one the sidebar loaded, someone changed the row. */
export function fingerprint(cells: readonly unknown[]): string {
  // FNV-1a over each cell's type and text, with a separator between cells.
  let hash = 0x811c9dc5;
  for (const cell of cells) {
    const text = isDate(cell) ? `d${cell.getTime()}` : `${typeof cell}:${String(cell)}`;
    for (let i = 0; i < text.length; i++) hash = imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash = imul(hash ^ 0xff, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
