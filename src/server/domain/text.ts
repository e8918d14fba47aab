// Text helpers every email and document uses: escaping for HTML, one-line header text, long dates. Pure.

export const MONTHS = [
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
] as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** One line: control characters (line breaks among them) become spaces, runs of spaces one, ends trimmed. */
export function oneLine(value: string): string {
  return String(value ?? '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text for a mail header: one line and not too long, so nothing typed in a sheet can add a header. */
export function headerText(text: string, max = 250): string {
  return Array.from(oneLine(text)).slice(0, max).join('');
}

/** '2026-06-12' as 'Friday, June 12, 2026'; anything else as it came, on one line. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return oneLine(iso);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return iso;
  return `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[mo - 1]} ${d}, ${y}`;
}
