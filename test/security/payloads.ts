// Untrusted text: what a partner, an imported list or a careless paste can put in any field. Each payload
// must stay text everywhere: in the sheet (never a formula), in sidebars (never markup or a live link),
// in Docs, emails, Forms and calendar events (never a header, a tag or a script).

export interface Payload {
  readonly name: string;
  readonly text: string;
}

export const LONG_LENGTH = 20_000;

export const PAYLOADS: readonly Payload[] = [
  { name: 'script tag', text: '<script>window.__pwned=1</script>' },
  { name: 'img onerror', text: '<img src=x onerror="window.__pwned=1">' },
  { name: 'attribute break with svg onload', text: '"><svg onload=window.__pwned=1>' },
  { name: 'single-quote attribute break', text: "' onmouseover='window.__pwned=1" },
  { name: 'javascript: URL', text: 'javascript:window.__pwned=1' },
  { name: 'web address with markup', text: 'https://evil.example/?q="><img src=x onerror=window.__pwned=1>' },
  { name: 'IMPORTXML formula', text: '=IMPORTXML("https://evil.example","//a")' },
  { name: '=1+1', text: '=1+1' },
  { name: '+1+1', text: '+1+1' },
  { name: '-1+1', text: '-1+1' },
  { name: '@SUM(1)', text: '@SUM(1)' },
  { name: 'CRLF header', text: 'Subject\r\nBcc: victim@evil.example' },
  { name: 'very long', text: `${'Long text '.repeat(LONG_LENGTH / 10)}`.slice(0, LONG_LENGTH) },
  { name: 'emoji and RTL', text: 'Partnership 🎉👩🏽‍🏫 \u202Eelgoog\u202C مرحبا بكم שלום' },
];

/** The payload as a field of at most `max` characters keeps it (a long one is cut to fit). */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

/** What the page sets when a payload runs. */
export const PWNED = '__pwned';
