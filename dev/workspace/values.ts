// How Sheets turns what is written into a cell value, and how it shows a value as text.
import { formatJavaDate, fromWallTime, sheetsDateFormatToJava, toWallTime } from './datetime';
import { isDate } from './env';

/** A stored cell value. Dates are kept as our own Date objects and copied on every read. */
export type CellValue = number | string | boolean | Date;

export interface Parsed {
  value: CellValue;
  formula?: string;
  /** Sheets sets a format when it recognizes a typed date, time, percent or currency. */
  autoFormat?: string;
}

const MAX_CELL_CHARS = 50000;
export const ERROR_VALUE = '#ERROR!';

/** Converts a value passed to setValues; throws a message for values Sheets refuses. */
export function checkCellInput(v: unknown, fail: (message: string) => never): void {
  if (v === null || v === undefined || isDate(v)) return;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return;
  fail(`Cannot convert ${Array.isArray(v) ? 'Object[]' : String(v)} to Object[][].`);
}

/**
 * The value stored when `input` is written to a cell whose number format is `format`.
 * Strings are parsed as if typed, unless the cell is plain text ('@') or the text starts with an apostrophe.
 */
export function parseInput(
  input: unknown,
  format: string,
  timeZone: string,
  fail: (message: string) => never,
): Parsed {
  checkCellInput(input, fail);
  if (input === null || input === undefined) return { value: '' };
  if (typeof input === 'number') {
    return { value: Number.isFinite(input) ? input : '#NUM!' };
  }
  if (typeof input === 'boolean') return { value: input };
  if (isDate(input)) return { value: new Date(input.getTime()) };
  const s = String(input);
  if (s.length > MAX_CELL_CHARS) {
    fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  if (format === '@') return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  return parseTyped(s, timeZone);
}

function parseTyped(s: string, timeZone: string): Parsed {
  if (s.startsWith('=')) return { value: evaluateFormula(s), formula: s };
  const t = s.trim();
  if (t === '') return { value: s };
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return { value: true };
  if (upper === 'FALSE') return { value: false };
  const num = parseNumber(t);
  if (num) return num;
  const date = parseDate(t, timeZone);
  if (date) return date;
  // A leading + or - that is not a number starts a formula in Sheets; the name is lost to an error.
  if (/^[+-]/.test(t) && t.length > 1) return { value: ERROR_VALUE, formula: `=${t}` };
  return { value: s };
}

/** Only trivial formulas are computed; anything else reads as an error value. */
function evaluateFormula(f: string): CellValue {
  const body = f.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return str[1].replace(/""/g, '"');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return Number(body);
  if (/^true$/i.test(body)) return true;
  if (/^false$/i.test(body)) return false;
  return ERROR_VALUE;
}

const NUMBER_RE = /^([+-])?(\$)?([+-])?(\d{1,3}(?:,\d{3})+|\d+(?: \d+)*)?(\.\d*)?(?:[eE]([+-]?\d+))?(%)?$/;

function parseNumber(t: string): Parsed | null {
  let negative = false;
  let body = t;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    body = paren[1];
  }
  const m = NUMBER_RE.exec(body);
  if (!m) return null;
  const [, sign1, dollar, sign2, intPart, frac, exp, percent] = m;
  if (!intPart && (!frac || frac === '.')) return null;
  if (sign1 && sign2) return null;
  if (paren && (sign1 || sign2)) return null;
  if (exp !== undefined && (dollar || percent)) return null;
  const digits = (intPart ?? '0').replace(/[, ]/g, '') + (frac ?? '') + (exp !== undefined ? `e${exp}` : '');
  let value = Number(digits);
  if (!Number.isFinite(value)) return null;
  if (percent) value = value / 100;
  if (negative || sign1 === '-' || sign2 === '-') value = -value;
  if (Object.is(value, -0)) value = 0;
  const decimals = frac ? Math.max(frac.length - 1, 0) : 0;
  if (percent) return { value, autoFormat: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
  if (dollar) return { value, autoFormat: '"$"#,##0.00' };
  return { value };
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function parseClock(
  h: string,
  mi: string | undefined,
  s: string | undefined,
  ampm: string | undefined,
): [number, number, number] | null {
  let hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (minute > 59 || second > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) return null;
  return [hour, minute, second];
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?))?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]${TIME})?$`, 'i');
const US_RE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?:\s+${TIME})?$`, 'i');
const TIME_RE = new RegExp(String.raw`^${TIME}$`, 'i');
const DASH_RE = /^(\d{1,2})-(\d{1,2})(?:-(\d{4}|\d{2}))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const MONTH_DAY_RE = new RegExp(String.raw`^${MONTH_NAME}\s+(\d{1,2})(?:,?\s+(\d{4}))?$`, 'i');
const DAY_MONTH_RE = new RegExp(String.raw`^(\d{1,2})\s+${MONTH_NAME}(?:,?\s+(\d{4}))?$`, 'i');
const HOUR_AMPM_RE = /^(\d{1,2})\s*([ap]\.?m\.?)$/i;

function parseDate(t: string, timeZone: string): Parsed | null {
  const at = (y: number, mo: number, d: number, clock: [number, number, number]): Date =>
    new Date(fromWallTime(y, mo, d, clock[0], clock[1], clock[2], timeZone));
  const iso = ISO_RE.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s, ap] = iso;
    if (!validDate(+y, +mo, +d)) return null;
    const clock = h === undefined ? [0, 0, 0] : parseClock(h, mi, s, ap);
    if (!clock) return null;
    const fmt = h === undefined ? 'yyyy-mm-dd' : 'yyyy-mm-dd h:mm:ss';
    return { value: at(+y, +mo, +d, clock as [number, number, number]), autoFormat: fmt };
  }
  const us = US_RE.exec(t);
  if (us) {
    const [, mo, d, yRaw, h, mi, s, ap] = us;
    // "1/2" alone is a date in the current year; "1/2/34" uses the 1930-2029 window like Sheets.
    let y = yRaw === undefined ? new Date().getFullYear() : Number(yRaw);
    if (yRaw !== undefined && yRaw.length === 2) y = y < 30 ? 2000 + y : 1900 + y;
    if (!validDate(y, +mo, +d)) return null;
    const clock = h === undefined ? [0, 0, 0] : parseClock(h, mi, s, ap);
    if (!clock) return null;
    const fmt = h === undefined ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
    return { value: at(y, +mo, +d, clock as [number, number, number]), autoFormat: fmt };
  }
  // "3-8" is March 8 as "3/8" is; "Jan 5", "5 Jan" and "March 3, 2027" are dates too (US locale).
  const dash = DASH_RE.exec(t);
  if (dash) {
    const [, mo, d, yRaw] = dash;
    let y = yRaw === undefined ? new Date().getFullYear() : Number(yRaw);
    if (yRaw !== undefined && yRaw.length === 2) y = y < 30 ? 2000 + y : 1900 + y;
    if (validDate(y, +mo, +d)) return { value: at(y, +mo, +d, [0, 0, 0]), autoFormat: 'M/d/yyyy' };
  }
  const named = MONTH_DAY_RE.exec(t) ?? DAY_MONTH_RE.exec(t);
  if (named) {
    const [month, day, year] = MONTH_DAY_RE.test(t)
      ? [named[1], named[2], named[3]]
      : [named[2], named[1], named[3]];
    const mo = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
    const y = year === undefined ? new Date().getFullYear() : Number(year);
    if (mo > 0 && validDate(y, mo, +day))
      return { value: at(y, mo, +day, [0, 0, 0]), autoFormat: 'M/d/yyyy' };
  }
  const time = TIME_RE.exec(t) ?? null;
  const hourOnly = time ? null : HOUR_AMPM_RE.exec(t);
  if (time || hourOnly) {
    const clock = time
      ? parseClock(time[1], time[2], time[3], time[4])
      : parseClock(hourOnly![1], undefined, undefined, hourOnly![2]);
    if (!clock) return null;
    // Sheets has no time type: a time is a Date on its epoch day, 1899-12-30, in the sheet's zone.
    const ampm = time ? time[4] : hourOnly![2];
    return { value: at(1899, 12, 30, clock), autoFormat: ampm ? 'h:mm:ss am/pm' : 'h:mm:ss' };
  }
  return null;
}

// --- display ---------------------------------------------------------------------------------------

const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Serial number (days since 1899-12-30, wall clock in the zone), as Sheets stores dates. */
export function dateToSerial(d: Date, timeZone: string): number {
  const w = toWallTime(d.getTime(), timeZone);
  const wallUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return (wallUtc - EPOCH_UTC) / 86400000;
}

function generalNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) return n.toExponential(2).toUpperCase();
  return String(Number(n.toPrecision(10)));
}

/** A small subset of Sheets number formats: "0", "0.00", "#,##0.0", "0%", "\"$\"#,##0.00", "@". */
export function formatNumber(n: number, format: string): string {
  if (format === '' || format.toLowerCase() === 'general' || format === '@') return generalNumber(n);
  const section = format.split(';')[0];
  // Blank out quoted literals so their characters are not taken for digit placeholders.
  const blanked = section.replace(/"[^"]*"|\\./g, (x) => ' '.repeat(x.length));
  const m = /[#0,]*[#0][#0,]*(?:\.[#0]*)?|\.[#0]+/.exec(blanked);
  if (!m) return generalNumber(n);
  const pattern = m[0];
  const start = m.index;
  const literal = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const prefix = literal(section.slice(0, start));
  const suffix = literal(section.slice(start + pattern.length));
  const percent = suffix.includes('%') || prefix.includes('%');
  const value = percent ? n * 100 : n;
  const dot = pattern.indexOf('.');
  const decimals = dot === -1 ? 0 : pattern.length - dot - 1;
  let text = Math.abs(value).toFixed(decimals);
  if (pattern.includes(',')) {
    const [i, f] = text.split('.');
    text = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? `.${f}` : '');
  }
  const minInt = (dot === -1 ? pattern : pattern.slice(0, dot)).replace(/[^0]/g, '').length;
  if (minInt === 0 && text.startsWith('0.')) text = text.slice(1);
  return (value < 0 && Number(text.replace(/,/g, '')) !== 0 ? '-' : '') + prefix + text + suffix;
}

function defaultDatePattern(d: Date, timeZone: string): string {
  const w = toWallTime(d.getTime(), timeZone);
  const midnight = w.hour === 0 && w.minute === 0 && w.second === 0;
  if (w.year === 1899 && w.month === 12 && w.day === 30) return 'H:mm:ss';
  return midnight ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
}

/** What Sheets shows for a stored value under a number format in the spreadsheet zone (inspect().display). */
export function displayValue(v: CellValue, format: string, timeZone: string): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const datePattern = format === '' || format === '@' ? null : sheetsDateFormatToJava(format);
  if (isDate(v)) {
    if (datePattern) return formatJavaDate(v.getTime(), timeZone, datePattern);
    if (format && format !== '@' && format.toLowerCase() !== 'general') {
      return formatNumber(dateToSerial(v, timeZone), format);
    }
    return formatJavaDate(v.getTime(), timeZone, defaultDatePattern(v, timeZone));
  }
  // A number under a date format is a serial day count; show it as that wall time.
  if (datePattern) return formatJavaDate(EPOCH_UTC + v * 86400000, 'UTC', datePattern);
  return formatNumber(v, format);
}
