// The email that carries a partner's survey link. Pure: the mail adapter sends what this returns.
// It ends with the sender's signature (name, role, school), and in HTML the link is labelled "Open the
// survey"; the plain text keeps the address on a line of its own.
//
// Placeholders ({{contact.name}}, {{partner.name}}, {{survey.title}}, {{survey.link}},
// {{survey.closes}}; case and inner spaces do not matter) are filled in; any other {{…}} is left
// visible and reported in `unknown`. A line of the message that mentions {{survey.closes}} is left out
// when the survey has no closing date, so "Please answer by ." never reaches a partner.
import type { Sender } from '../../shared/contract';
import type { SurveyKind } from '../../shared/schema';
import { signatureHtml, signText } from './signature';
import { escapeHtml, longDate, oneLine } from './text';

export { escapeHtml, longDate };

export interface SurveyMailInput {
  subject: string;
  message: string;
  link: string;
  partnerName: string;
  contactName: string;
  surveyTitle: string;
  /** 'yyyy-mm-dd', or '' when the survey has no closing date. */
  closes: string;
  /** Who signs it; none only where no partner gets it (a preview before the signature is given). */
  sender?: Sender | null;
}

/** The words of the survey link in the HTML email. */
export const LINK_LABEL = 'Open the survey';

export interface SurveyMail {
  subject: string;
  /** Plain text; the link stands on a line of its own. */
  body: string;
  /** The same message as HTML: every value escaped, the link a labelled link only when it is https. */
  htmlBody: string;
  /** Placeholders that were not recognized, as written between the braces, each once. */
  unknown: string[];
}

export const MAX_SUBJECT = 250;

export const DEFAULT_SUBJECT: Record<SurveyKind, string> = {
  'end-of-year partnership survey': '{{survey.title}}: how did our partnership go this year?',
  'annual partnership review': '{{survey.title}}: your view before our annual review',
  'convening feedback': '{{survey.title}}: how was the convening?',
};

export const DEFAULT_MESSAGE: Record<SurveyKind, string> = {
  'end-of-year partnership survey': [
    'Dear {{contact.name}},',
    '',
    'Thank you for everything {{partner.name}} brought to our school this year. As the year closes, we would like to hear how the partnership felt from your side: where trust and communication were strong, what got in the way, and what you hope for next year.',
    '',
    'The survey takes about ten minutes. It asks only for totals, never for details about a student or family. The link below is made for {{partner.name}}, so please do not forward it.',
    '',
    '{{survey.link}}',
    '',
    'Please answer by {{survey.closes}}.',
    '',
    'With thanks,',
  ].join('\n'),
  'annual partnership review': [
    'Dear {{contact.name}},',
    '',
    'Our annual review of the partnership with {{partner.name}} is coming up. Before we meet, please tell us what worked this year, what did not, and how you would like to move forward. Your answers will shape our conversation.',
    '',
    '{{survey.link}}',
    '',
    'Please answer by {{survey.closes}}.',
    '',
    'With thanks,',
  ].join('\n'),
  'convening feedback': [
    'Dear {{contact.name}},',
    '',
    'Thank you for joining us. We would value a few minutes of feedback on the convening: what was useful, what we should change, and when you would like to meet again.',
    '',
    '{{survey.link}}',
    '',
    'Please answer by {{survey.closes}}.',
    '',
    'With thanks,',
  ].join('\n'),
};

type Key = 'contact.name' | 'partner.name' | 'survey.title' | 'survey.link' | 'survey.closes';
const KEYS: readonly string[] = [
  'contact.name',
  'partner.name',
  'survey.title',
  'survey.link',
  'survey.closes',
];
const PLACEHOLDER = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;
const CLOSES_PLACEHOLDER = /\{\{\s*survey\.closes\s*\}\}/i;
// Only a plain https address with no spaces, quotes or angle brackets becomes a link.
const SAFE_LINK = /^https:\/\/[^\s"'<>\\`]+$/i;
type Piece = { link: false; text: string } | { link: true };

/** Splits a template into text (values filled in) and the places where the link goes. */
function fill(
  template: string,
  values: Record<Key, string>,
  unknown: string[],
  linkAsText: boolean,
): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = pieces[pieces.length - 1];
    if (prev && !prev.link) prev.text += t;
    else pieces.push({ link: false, text: t });
  };
  for (const m of template.matchAll(PLACEHOLDER)) {
    const index = m.index ?? 0;
    push(template.slice(last, index));
    last = index + m[0].length;
    const key = m[1].toLowerCase();
    if (!KEYS.includes(key)) {
      if (!unknown.includes(m[1])) unknown.push(m[1]);
      push(m[0]);
    } else if (key === 'survey.link' && !linkAsText) {
      pieces.push({ link: true });
    } else {
      push(values[key as Key]);
    }
  }
  push(template.slice(last));
  return pieces;
}

/** Puts each link on a line of its own: breaks the line before and after, leaving no stray spaces. */
function ownLines(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  let afterLink = false;
  for (const piece of pieces) {
    if (piece.link) {
      const prev = out[out.length - 1];
      if (prev && !prev.link) {
        prev.text = prev.text.replace(/[ \t]+$/, '');
        if (prev.text && !prev.text.endsWith('\n')) prev.text += '\n';
      } else if (prev) {
        out.push({ link: false, text: '\n' });
      }
      out.push(piece);
      afterLink = true;
      continue;
    }
    let t = piece.text;
    if (afterLink) {
      // Sentence punctuation right after the link would sit alone on the next line: leave it out.
      t = t.replace(/^[.,;:!?]*[ \t]*/, '');
      if (t && !t.startsWith('\n')) t = `\n${t}`;
    }
    afterLink = false;
    out.push({ link: false, text: t });
  }
  return out;
}

export function renderSurveyMail(input: SurveyMailInput): SurveyMail {
  const link = oneLine(input.link);
  const closes = oneLine(input.closes);
  const values: Record<Key, string> = {
    'contact.name': oneLine(input.contactName),
    'partner.name': oneLine(input.partnerName),
    'survey.title': oneLine(input.surveyTitle),
    'survey.link': link,
    'survey.closes': closes ? longDate(closes) : '',
  };
  const unknown: string[] = [];

  // Subject: one line, no control characters, so no header can be added through it.
  const subjectText = fill(String(input.subject ?? ''), values, unknown, true)
    .map((p) => (p.link ? '' : p.text))
    .join('');
  let subject = oneLine(subjectText);
  if (!subject) subject = values['survey.title'] || 'Partnership survey';
  if (subject.length > MAX_SUBJECT) {
    subject = subject.slice(0, MAX_SUBJECT);
    // Never cut a character in half.
    if (/[\ud800-\udbff]$/.test(subject)) subject = subject.slice(0, -1);
    subject = subject.trimEnd();
  }

  let message = String(input.message ?? '')
    .replace(/\r\n?/g, '\n')
    // Other control characters (not tabs or line breaks) are dropped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
  if (!closes) {
    message = message
      .split('\n')
      .filter((line) => !CLOSES_PLACEHOLDER.test(line))
      .join('\n');
  }
  message = message.replace(/\n{3,}/g, '\n\n').trim();

  let pieces = fill(message, values, unknown, false);
  if (link && !pieces.some((p) => p.link)) {
    pieces.push({ link: false, text: message ? '\n\n' : '' }, { link: true });
  }
  pieces = ownLines(pieces);

  const unsigned = pieces.map((p) => (p.link ? link : p.text)).join('');
  const anchor = SAFE_LINK.test(link) ? `<a href="${escapeHtml(link)}">${LINK_LABEL}</a>` : escapeHtml(link);
  const html = pieces.map((p) => (p.link ? anchor : escapeHtml(p.text).replace(/\n/g, '<br>'))).join('');
  const sender = input.sender ?? null;
  const body = signText(unsigned, sender);
  // The same break before the signature as the plain text has.
  const htmlBody = sender
    ? `${html}${unsigned ? (/,\s*$/.test(unsigned) ? '<br>' : '<br><br>') : ''}${signatureHtml(sender)}`
    : html;

  return { subject, body, htmlBody, unknown };
}
