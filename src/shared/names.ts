// Names chosen from a list (schools, liaisons) with a new one allowed: whether a typed name is one of
// the list, and the listed name it was most likely meant to be ("Riverside Comunity School" →
// "Riverside Community School"). Pure; the sidebar says "new" beside the field before anything is saved.
import { fold } from './partner-filter';

/** Case, accents, spacing and punctuation do not make a name new. */
export function nameKey(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The listed name that `typed` is (in any case or spacing), if any. */
export function knownName(known: readonly string[], typed: string): string | undefined {
  const key = nameKey(typed);
  return key ? known.find((k) => nameKey(k) === key) : undefined;
}

/** Edits (insert, delete, change one letter) from a to b, stopping once past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length];
}

/**
 * The listed name a new one is probably a misspelling of: at most 1 edit in 6 letters (2 for a name of
 * 12 letters, and so on), the closest first; none when the name is listed or nothing is that close.
 */
export function likelyMeant(known: readonly string[], typed: string): string | undefined {
  const key = nameKey(typed);
  if (!key || knownName(known, typed)) return undefined;
  const limit = Math.max(1, Math.floor(key.length / 6));
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(key, nameKey(name), limit);
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
