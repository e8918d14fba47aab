// What a Form's prefilled link carries: each question's entry id and answer, as the respondent typed it.
// Pure. A form-submit trigger's named values are the response tab's display text, which Sheets parsed as
// if typed ("3-5" became a date, "007" the number 7); the Form's own response is the exact text.

/** The answers of a prefilled link, by entry id, in the link's order (a checkbox's choices in a list). */
export function linkEntries(url: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const query = url.indexOf('?');
  if (query < 0) return out;
  for (const part of url.slice(query + 1).split('&')) {
    const m = /^entry\.(\d+)=(.*)$/.exec(part);
    if (!m) continue;
    let value: string;
    try {
      value = decodeURIComponent(m[2].replace(/\+/g, ' '));
    } catch {
      continue;
    }
    const list = out.get(m[1]) ?? [];
    list.push(value);
    out.set(m[1], list);
  }
  return out;
}

/** The entry ids of a prefilled link, in order: the Form's questions, when each was given a value. */
export function entryOrder(url: string): string[] {
  return [...linkEntries(url).keys()];
}
