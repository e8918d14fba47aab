// Times as the school reads them: in the spreadsheet's time zone (the school's), with its name, never
// as the raw UTC instants the in-memory Workspace keeps ("2027-01-12T21:30:00.000Z").

const LOCALE = 'en-US';

function format(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  } as const);
}

/** "Mon, Nov 30, 2026, 1:51 PM CST"; '' for a value that is not an instant. */
export function when(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : format(timeZone, true).format(t);
}

/** "Tue, Jan 12, 2027, 3:30 – 5:00 PM CST" (both dates when it ends on another day). */
export function whenRange(startIso: string, endIso: string, timeZone: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start)) return '';
  if (Number.isNaN(end) || end < start) return when(startIso, timeZone);
  return format(timeZone, true).formatRange(start, end);
}

/** Matches an ISO 8601 instant such as 2027-01-12T21:30:00.000Z: the preview must show none. */
export const RAW_ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
