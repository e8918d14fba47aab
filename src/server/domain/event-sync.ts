// What Partner Hub last wrote to a gathering's Calendar event, kept on the gathering's row: a
// fingerprint of the event's title, time, place, description and guests, and whether its guests were
// invited. A sync whose fingerprint matches the row's has nothing to write and makes no Calendar call.

export interface EventDetails {
  readonly summary: string;
  readonly description: string;
  readonly location: string;
  /** Instants in ms. */
  readonly start: number;
  readonly end: number;
  /** Guest emails, lower case. */
  readonly guests: readonly string[];
}

const VERSION = 'v1';

/** FNV-1a over the text from a seed: 8 hex digits. */
function fnv(text: string, seed: number): string {
  let h = seed;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function detailsHash(d: EventDetails): string {
  const text = JSON.stringify([
    d.summary,
    d.description,
    d.location,
    d.start,
    d.end,
    [...d.guests].map((g) => g.toLowerCase()).sort(),
  ]);
  // Two seeds: 64 bits, so two different events sharing a fingerprint is not a practical worry.
  return fnv(text, 0x811c9dc5) + fnv(text, 0x01000193);
}

/** 'v1:<hash>:i' when every guest was invited (or there are none to invite), 'v1:<hash>:n' when not. */
export function eventFingerprint(d: EventDetails, invited: boolean): string {
  return `${VERSION}:${detailsHash(d)}:${invited ? 'i' : 'n'}`;
}

/**
 * The event already holds these details: nothing to write. When invitations are asked for, its guests
 * must have been invited too (an event with no guests has nobody to invite).
 */
export function upToDate(stored: string, d: EventDetails, sendInvites: boolean): boolean {
  const [version, hash, invited] = stored.split(':');
  if (version !== VERSION || hash !== detailsHash(d)) return false;
  return !sendInvites || invited === 'i' || d.guests.length === 0;
}

/**
 * Calendar refusing because too many events were made in a short time: CalendarApp's words, and the
 * Calendar API's (403 "Calendar usage limits exceeded", 403/429 "Rate Limit Exceeded").
 */
export function isCalendarBurst(message: string): boolean {
  return /too many calendars or calendar events|usage limits exceeded|rate limit exceeded/i.test(message);
}

/** Back-off before the n-th retry (1-based): 2, 4, 8 s. */
export function backoffMs(attempt: number): number {
  return 1000 * 2 ** Math.min(attempt, 3);
}
