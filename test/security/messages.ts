// Whether an error message is one a person can read: a short sentence that names what was wrong, not
// a JavaScript error, a stack trace or the echo of a huge value.
import type { Path } from './derive';

const MACHINE = [
  /cannot read propert/i,
  /cannot set propert/i,
  /is not a function/i,
  /is not defined/i,
  /is not iterable/i,
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object \w+\]/,
  /\b(Type|Reference|Range|Syntax|Internal)Error\b/,
  /maximum call stack/i,
  /unexpected token/i,
  /\n\s+at\s/,
  /\.(ts|js):\d+/,
];

/** Words a message may use to name the thing at `path`: 'gatheringId' → gatheringid, gathering. */
function names(path: Path): string[] {
  const out: string[] = [];
  for (const key of path) {
    if (typeof key !== 'string') continue;
    for (const word of [key, ...key.split(/(?=[A-Z])|[^A-Za-z]+/)]) {
      if (word.length < 4) continue;
      out.push(word.toLowerCase());
      // 'questions' → 'question', 'partnerIds' → 'partner'
      if (word.endsWith('s')) out.push(word.slice(0, -1).toLowerCase());
    }
  }
  return out;
}

/** Why the message is not readable, or '' when it is. */
export function unreadable(
  message: string,
  fn: string,
  path: Path,
  extraNames: readonly string[] = [],
): string {
  const text = message.trim();
  if (text.length < 12) return 'too short to say what is wrong';
  if (text.length > 600) return `too long (${text.length} characters): it echoes the input`;
  const machine = MACHINE.find((re) => re.test(text));
  if (machine) return `reads like a program error (${machine})`;
  if (!/[.!?)”"]$/.test(text)) return 'is not a sentence (no closing punctuation)';
  const lower = text.toLowerCase();
  const hints = [
    fn.toLowerCase(),
    ...names(path),
    ...names(extraNames),
    ...extraNames.map((n) => n.toLowerCase()),
  ];
  if (!hints.some((h) => lower.includes(h)))
    return `names neither the function nor the field (${hints.slice(0, 6).join(', ')})`;
  return '';
}
