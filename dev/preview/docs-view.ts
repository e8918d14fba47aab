// A Doc as Google Docs shows it: a Letter page with 1-inch margins, Arial 11 pt for normal text, Docs'
// default heading styles, tables with 1 pt black borders, and the attributes the add-on set (bold,
// sizes, colours, cell shading, borders, alignment, spacing). Made from the in-memory document's tree;
// every text is escaped and every attribute value is checked before it becomes CSS.
import type { DocNode, DocRun } from '../workspace';

type Attrs = NonNullable<DocNode['attrs']>;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const HEADING_TAGS: Record<string, string> = {
  TITLE: 'h1 class="title"',
  SUBTITLE: 'p class="subtitle"',
  HEADING1: 'h1',
  HEADING2: 'h2',
  HEADING3: 'h3',
  HEADING4: 'h4',
  HEADING5: 'h5',
  HEADING6: 'h6',
  NORMAL: 'p',
};
const ORDERED = new Set(['NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER']);
const LIST_STYLE: Record<string, string> = {
  NUMBER: 'decimal',
  LATIN_UPPER: 'upper-latin',
  LATIN_LOWER: 'lower-latin',
  ROMAN_UPPER: 'upper-roman',
  ROMAN_LOWER: 'lower-roman',
  BULLET: 'disc',
  HOLLOW_BULLET: 'circle',
  SQUARE_BULLET: 'square',
};

const color = (v: unknown): string | null => (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v) ? v : null);
const points = (v: unknown, max = 400): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : null;
const family = (v: unknown): string | null =>
  typeof v === 'string' && /^[A-Za-z0-9 ]{1,40}$/.test(v) ? v : null;

/** A style attribute of these declarations ('' for none). */
function styleAttr(declarations: readonly string[]): string {
  return declarations.length ? ` style="${escapeHtml(declarations.join(';'))}"` : '';
}

/** The CSS of an element's attributes that Docs would show; unknown or odd values are left out. */
function css(attrs: Attrs | undefined, kind: 'text' | 'paragraph' | 'cell' | 'table'): string {
  return styleAttr(declarations(attrs, kind));
}

function declarations(attrs: Attrs | undefined, kind: 'text' | 'paragraph' | 'cell' | 'table'): string[] {
  if (!attrs) return [];
  const out: string[] = [];
  const fg = color(attrs.FOREGROUND_COLOR);
  if (fg) out.push(`color:${fg}`);
  const bg = color(attrs.BACKGROUND_COLOR);
  if (bg) out.push(`background-color:${bg}`);
  const size = points(attrs.FONT_SIZE);
  if (size) out.push(`font-size:${size}pt`);
  const font = family(attrs.FONT_FAMILY);
  if (font) out.push(`font-family:"${font}",Arial,sans-serif`);
  if (attrs.BOLD === true) out.push('font-weight:bold');
  if (attrs.ITALIC === true) out.push('font-style:italic');
  if (attrs.UNDERLINE === true) out.push('text-decoration:underline');
  if (attrs.STRIKETHROUGH === true) out.push('text-decoration:line-through');
  if (kind === 'paragraph') {
    const align = attrs.HORIZONTAL_ALIGNMENT;
    if (align === 'CENTER' || align === 'RIGHT' || align === 'JUSTIFY' || align === 'LEFT')
      out.push(`text-align:${align.toLowerCase()}`);
    const before = points(attrs.SPACING_BEFORE);
    if (before !== null) out.push(`margin-top:${before}pt`);
    const after = points(attrs.SPACING_AFTER);
    if (after !== null) out.push(`margin-bottom:${after}pt`);
    const line = points(attrs.LINE_SPACING, 10);
    if (line) out.push(`line-height:${line * 1.15}`);
    const indent = points(attrs.INDENT_START);
    if (indent !== null) out.push(`margin-left:${indent}pt`);
  }
  if (kind === 'cell') {
    const width = points(attrs.WIDTH, 1000);
    if (width) out.push(`width:${width}pt`);
  }
  if (kind === 'table' || kind === 'cell') {
    const w = points(attrs.BORDER_WIDTH, 20);
    const c = color(attrs.BORDER_COLOR);
    if (w !== null || c) out.push(`--border:${w ?? 1}pt solid ${c ?? '#000000'}`);
  }
  return out;
}

/** An inline image at the size Docs shows it (pixels), from its own bytes; only a PNG or JPEG data URL. */
function imageHtml(image: NonNullable<DocRun['image']>): string {
  if (!/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(image.src)) return '';
  const size = (n: number) => (Number.isInteger(n) && n > 0 && n < 100000 ? n : 1);
  return `<img src="${image.src}" width="${size(image.width)}" height="${size(image.height)}" alt="${escapeHtml(image.alt ?? '')}">`;
}

function runHtml(r: DocRun): string {
  if (r.image) return imageHtml(r.image);
  if (r.kind) return r.kind === 'HORIZONTAL_RULE' ? '<hr>' : '<hr class="page-break">';
  let h = escapeHtml(r.text).replace(/\r|\n/g, '<br>');
  if (r.bold) h = `<strong>${h}</strong>`;
  if (r.italic) h = `<em>${h}</em>`;
  if (r.underline) h = `<u>${h}</u>`;
  if (r.link && /^(https?:|mailto:)/i.test(r.link))
    h = `<a href="${escapeHtml(r.link)}" target="_blank" rel="noopener">${h}</a>`;
  return h;
}

/** A paragraph's runs; a Text element's own attributes (set on the whole element) wrap them. */
function runsHtml(node: DocNode): string {
  const texts = (node.children ?? []).filter((c) => c.type === 'TEXT');
  const styled = texts.length === 1 ? css(texts[0].attrs, 'text') : '';
  const inner = (node.runs ?? []).map(runHtml).join('');
  return styled ? `<span${styled}>${inner}</span>` : inner;
}

function blocks(nodes: readonly DocNode[]): string {
  let out = '';
  let i = 0;
  while (i < nodes.length) {
    const n = nodes[i];
    if (n.type === 'LIST_ITEM') {
      const tag = ORDERED.has(n.glyphType ?? '') ? 'ol' : 'ul';
      out += `<${tag}>`;
      while (i < nodes.length && nodes[i].type === 'LIST_ITEM') {
        const li = nodes[i];
        const type = LIST_STYLE[li.glyphType ?? ''] ?? 'disc';
        const indent = 18 + (li.nestingLevel ?? 0) * 36;
        const style = styleAttr([
          `list-style-type:${type}`,
          `margin-left:${indent}pt`,
          ...declarations(li.attrs, 'paragraph'),
        ]);
        out += `<li${style}>${runsHtml(li) || '<br>'}</li>`;
        i++;
      }
      out += `</${tag}>`;
      continue;
    }
    if (n.type === 'PARAGRAPH') {
      const open = HEADING_TAGS[n.heading ?? 'NORMAL'] ?? 'p';
      const close = open.split(' ')[0];
      out += `<${open}${css(n.attrs, 'paragraph')}>${runsHtml(n) || '<br>'}</${close}>`;
    } else if (n.type === 'TABLE') {
      out += `<table${css(n.attrs, 'table')}><tbody>`;
      for (const row of n.children ?? []) {
        out += '<tr>';
        for (const cell of row.children ?? [])
          out += `<td${css(cell.attrs, 'cell')}>${blocks(cell.children ?? []) || '<br>'}</td>`;
        out += '</tr>';
      }
      out += '</tbody></table>';
    }
    i++;
  }
  return out;
}

// Google Docs' defaults for a new document (Normal text, Title, Subtitle, Heading 1–6; tables).
const STYLE = `
html{background:#f8f9fa}
body{margin:0;padding:16px 0}
.page{box-sizing:border-box;width:8.5in;min-height:11in;margin:0 auto;padding:1in;background:#fff;
  box-shadow:0 1px 3px 1px rgba(60,64,67,.15);font:11pt/1.15 Arial,Roboto,"Liberation Sans",Helvetica,sans-serif;color:#000}
p,li{margin:0}
h1,h2,h3,h4,h5,h6{font-weight:normal;margin:0}
.title{font-size:26pt;margin:0 0 3pt}
.subtitle{font-size:15pt;color:#666;margin:0 0 16pt}
h1{font-size:20pt;margin:20pt 0 6pt}
h2{font-size:16pt;margin:18pt 0 6pt}
h3{font-size:14pt;color:#434343;margin:16pt 0 4pt}
h4{font-size:12pt;color:#666;margin:14pt 0 4pt}
h5{font-size:11pt;color:#666;margin:12pt 0 4pt}
h6{font-size:11pt;color:#666;font-style:italic;margin:12pt 0 4pt}
ul,ol{margin:0;padding:0}
table{--border:1pt solid #000;border-collapse:collapse;width:100%;margin:0}
td{border:var(--border);padding:5pt;vertical-align:top}
a{color:#1155cc}
hr{border:0;border-top:1px solid #a0a0a0;margin:6pt 0}
img{vertical-align:bottom}
hr.page-break{border-top:1px dashed #a0a0a0;margin:18pt 0}
`;

/** A whole HTML page showing the document at page width, as in Google Docs. */
export function docPage(name: string, tree: DocNode): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title><style>${STYLE}</style></head><body><main class="page" aria-label="${escapeHtml(name)}">${blocks(tree.children ?? [])}</main></body></html>`;
}
