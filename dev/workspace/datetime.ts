// Time-zone arithmetic and Java SimpleDateFormat, done with Intl so DST and historic offsets are right.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Java's TimeZone.getTimeZone falls back to GMT for an unknown id; so do we. */
export function normalizeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'GMT';
  }
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: normalizeZone(timeZone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function toWallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Offset of the zone from UTC at the instant, in ms (negative west of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = toWallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  // Date.UTC maps years 0-99 to 1900+; irrelevant for our ranges.
  return asUtc - ms;
}

/** The UTC instant at which the zone's clocks show the given wall time. */
export function fromWallTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = zoneOffsetMs(local, timeZone);
  let t = local - first;
  const second2 = zoneOffsetMs(t, timeZone);
  if (second2 !== first) t = local - second2;
  return t;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function zoneName(ms: number, timeZone: string, style: 'short' | 'long'): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: normalizeZone(timeZone), timeZoneName: style });
  return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

function offsetString(offsetMs: number, colon: boolean): string {
  const minutes = Math.round(offsetMs / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return sign + pad(h, 2) + (colon ? ':' : '') + pad(m, 2);
}

function field(letter: string, count: number, w: WallTime, ms: number, timeZone: string): string {
  switch (letter) {
    case 'y':
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[w.month - 1];
      if (count === 3) return MONTHS[w.month - 1].slice(0, 3);
      return pad(w.month, count);
    case 'd':
      return pad(w.day, count);
    case 'E':
      return count >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
    case 'u':
      return String(w.weekday === 0 ? 7 : w.weekday);
    case 'D': {
      const dayOfYear = (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000 + 1;
      return pad(dayOfYear, count);
    }
    case 'H':
      return pad(w.hour, count);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case 'K':
      return pad(w.hour % 12, count);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case 'm':
      return pad(w.minute, count);
    case 's':
      return pad(w.second, count);
    case 'S':
      return pad(w.millisecond, Math.max(count, 3)).slice(0, Math.max(count, 3));
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'z':
      return zoneName(ms, timeZone, count >= 4 ? 'long' : 'short');
    case 'Z':
      return offsetString(zoneOffsetMs(ms, timeZone), false);
    case 'X': {
      const off = zoneOffsetMs(ms, timeZone);
      if (off === 0) return 'Z';
      const s = offsetString(off, count >= 3);
      return count === 1 ? s.slice(0, 3) : s;
    }
    case 'G':
      return 'AD';
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Java SimpleDateFormat semantics, as used by Utilities.formatDate. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const w = toWallTime(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      // 'quoted text', where '' inside or outside quotes is one apostrophe.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          out += "'";
          i += 2;
        } else if (pattern[i] === "'") {
          i++;
          break;
        } else {
          out += pattern[i++];
        }
      }
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out += field(ch, j - i, w, ms, timeZone);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * Translates a Sheets number format that shows a date or time ("yyyy-mm-dd", "h:mm am/pm") into a Java
 * pattern, or returns null when the format is not a date format. Sheets letters are case-insensitive and
 * "m" means minutes next to hours or seconds, months elsewhere.
 */
export function sheetsDateFormatToJava(format: string): string | null {
  type Tok =
    { kind: 'date'; letter: string; count: number } | { kind: 'ampm' } | { kind: 'lit'; text: string };
  const toks: Tok[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end === -1 ? format.length : end;
      toks.push({ kind: 'lit', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      toks.push({ kind: 'lit', text: format[i + 1] ?? '' });
      i += 2;
    } else if (format.slice(i, i + 5).toLowerCase() === 'am/pm') {
      toks.push({ kind: 'ampm' });
      i += 5;
    } else if (format.slice(i, i + 3).toLowerCase() === 'a/p') {
      toks.push({ kind: 'ampm' });
      i += 3;
    } else if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < format.length && format[j].toLowerCase() === lower) j++;
      toks.push({ kind: 'date', letter: lower, count: j - i });
      i = j;
    } else if ('0#@%?'.includes(ch)) {
      // Digit placeholders make it a number format, except fractions of seconds ("ss.000"), ignored here.
      const lastDate = [...toks].reverse().find((t) => t.kind === 'date');
      if (ch === '0' && lastDate?.kind === 'date' && lastDate.letter === 's') {
        i++;
        continue;
      }
      return null;
    } else {
      toks.push({ kind: 'lit', text: ch });
      i++;
    }
  }
  const dateToks = toks.filter((t) => t.kind === 'date');
  if (dateToks.length === 0) return null;
  const twelveHour = toks.some((t) => t.kind === 'ampm');
  let out = '';
  toks.forEach((t, idx) => {
    if (t.kind === 'lit') {
      out += /[A-Za-z']/.test(t.text) ? `'${t.text.replace(/'/g, "''")}'` : t.text;
      return;
    }
    if (t.kind === 'ampm') {
      out += 'a';
      return;
    }
    const prev = toks
      .slice(0, idx)
      .reverse()
      .find((x) => x.kind === 'date');
    const next = toks.slice(idx + 1).find((x) => x.kind === 'date');
    switch (t.letter) {
      case 'y':
        out += t.count <= 2 ? 'yy' : 'yyyy';
        break;
      case 'm': {
        const isMinute =
          t.count <= 2 &&
          ((prev?.kind === 'date' && prev.letter === 'h') || (next?.kind === 'date' && next.letter === 's'));
        if (isMinute) out += 'm'.repeat(t.count);
        else out += t.count >= 4 ? 'MMMM' : 'M'.repeat(t.count);
        break;
      }
      case 'd':
        out += t.count >= 4 ? 'EEEE' : t.count === 3 ? 'EEE' : 'd'.repeat(t.count);
        break;
      case 'h':
        out += (twelveHour ? 'h' : 'H').repeat(Math.min(t.count, 2));
        break;
      case 's':
        out += 's'.repeat(Math.min(t.count, 2));
        break;
    }
  });
  return out;
}
