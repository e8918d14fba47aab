// A built-in Doc as the HTML Drive imports into a Google Doc in one call (workspace/drive-files.ts):
// headings, paragraphs, lists and tables, styled inline so it looks at home in Google Docs. Pure. Every
// value from the sheet is escaped: a partner's name is text in the Doc, never markup.
import { fill, type Block } from './agenda';
import { escapeHtml } from './text';

const FONT = 'font-family:Arial,sans-serif';
const STYLE = {
  kicker: `${FONT};font-size:10pt;color:#5f6368;letter-spacing:1px;text-transform:uppercase;margin:0`,
  title: `${FONT};font-size:24pt;font-weight:normal;color:#202124;margin:0 0 4pt 0`,
  heading: `${FONT};font-size:13pt;color:#1a73e8;margin:14pt 0 4pt 0`,
  paragraph: `${FONT};font-size:11pt;color:#202124;margin:0 0 6pt 0`,
  role: `${FONT};font-size:11pt;color:#3c4043;margin:0`,
  table: 'border-collapse:collapse;width:100%',
  th: `${FONT};font-size:10pt;background-color:#e8f0fe;border:1px solid #dadce0;padding:4pt;text-align:left`,
  td: `${FONT};font-size:10pt;border:1px solid #dadce0;padding:4pt`,
  link: `${FONT};font-size:9pt;color:#5f6368;margin:18pt 0 0 0`,
} as const;

/** What a blank role shows: a line to write a name on. */
export const BLANK = '______________________';

export interface DocHtml {
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly values: Readonly<Record<string, string>>;
  readonly tables: (name: string) => string[][] | undefined;
  /** The last line, linked (how the Docs sidebar finds its way back). */
  readonly link?: { readonly text: string; readonly url: string };
}

function table(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  const cells = (row: readonly string[], tag: 'th' | 'td') =>
    row
      .map((c) =>
        tag === 'th'
          ? `<th style="${STYLE.th}"><b>${escapeHtml(c)}</b></th>`
          : `<td style="${STYLE.td}">${escapeHtml(c)}</td>`,
      )
      .join('');
  return (
    `<table style="${STYLE.table}"><thead><tr>${cells(head ?? [], 'th')}</tr></thead><tbody>` +
    body.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** Only http(s) and mailto links go into a Doc. */
function safeUrl(url: string): string | null {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : null;
}

export function docHtml(doc: DocHtml): string {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  for (const block of doc.blocks) {
    if (block.type === 'item') {
      list.push(`<li style="${STYLE.paragraph}">${escapeHtml(fill(block.text, doc.values))}</li>`);
      continue;
    }
    flush();
    switch (block.type) {
      case 'kicker': {
        const text = fill(block.text, doc.values).trim();
        if (text) out.push(`<p style="${STYLE.kicker}">${escapeHtml(text)}</p>`);
        break;
      }
      case 'title':
        out.push(`<h1 style="${STYLE.title}">${escapeHtml(fill(block.text, doc.values))}</h1>`);
        break;
      case 'heading':
        out.push(`<h2 style="${STYLE.heading}">${escapeHtml(fill(block.text, doc.values))}</h2>`);
        break;
      case 'segment':
        out.push(
          `<h2 style="${STYLE.heading}">${escapeHtml(`${block.text} (${block.minutes} minutes)`)}</h2>`,
        );
        break;
      case 'role': {
        const who = (doc.values[block.key] ?? '').trim();
        out.push(
          `<p style="${STYLE.role}"><b>${escapeHtml(block.label)}:</b> ${escapeHtml(who || BLANK)}</p>`,
        );
        break;
      }
      case 'paragraph': {
        // A line whose placeholders were all empty ("·  · ") is left out rather than printed bare.
        const text = fill(block.text, doc.values)
          .split(' · ')
          .filter((part) => part.trim())
          .join(' · ');
        if (text.trim()) out.push(`<p style="${STYLE.paragraph}">${escapeHtml(text)}</p>`);
        break;
      }
      case 'image':
        out.push(`<p style="${STYLE.paragraph}">${escapeHtml(block.marker)}</p>`);
        break;
      case 'table': {
        const rows = doc.tables(block.table);
        if (rows?.length) out.push(table(rows));
        break;
      }
    }
  }
  flush();
  const url = doc.link && safeUrl(doc.link.url);
  if (doc.link && url)
    out.push(`<p style="${STYLE.link}"><a href="${escapeHtml(url)}">${escapeHtml(doc.link.text)}</a></p>`);
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head>` +
    `<body>${out.join('')}</body></html>`
  );
}
