// Drive's import of an HTML file into a Google Doc (Files.create with the Docs mime type and text/html
// media: workspace/drive/api/guides/manage-uploads, "Import to Google Docs types"), as the element tree
// DocumentApp then reads. Only the markup Partner Hub writes is understood; anything else is refused in
// words that say so, so a change to the generated HTML cannot pass here and look different on Google.
//
// What Google's conversion does and this keeps:
// - <h1>…<h6> become paragraphs with the headings HEADING1…HEADING6, <p> a NORMAL paragraph;
// - <ul>/<ol> items become list items (bullets / numbers), one nesting level per nested list;
// - <table> becomes a table, each <td>/<th> a cell holding a paragraph; a body never ends with a
//   table (an empty paragraph follows it, as in every Docs section);
// - <b>/<strong>, <i>/<em>, <u> and <a href> become bold, italic, underlined and linked text;
// - runs of white space collapse to one space, and leading and trailing space of a block goes, as a
//   browser shows it; character references (&amp;, &#8211;…) are decoded;
// - <head> (its <title>, <meta>, <style>) adds nothing to the body: the Doc's name is the request's;
// - inline CSS (style="…") is accepted and, here, not kept: Docs keeps some of it (colours, sizes), the
//   element tree this models has no place for it.
import type { CharStyle, ElementData } from './document-elements';
import type { Env } from './env';

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'element';
      readonly tag: string;
      readonly attrs: Record<string, string>;
      children: Node[];
    };

const VOID = new Set(['meta', 'br', 'hr']);
const BLOCK_TEXT: Record<string, string> = {
  p: 'NORMAL',
  h1: 'HEADING1',
  h2: 'HEADING2',
  h3: 'HEADING3',
  h4: 'HEADING4',
  h5: 'HEADING5',
  h6: 'HEADING6',
};
const INLINE = new Set(['b', 'strong', 'i', 'em', 'u', 'a', 'span']);
const KNOWN = new Set([
  'html',
  'head',
  'body',
  'title',
  'style',
  'div',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'hr',
  ...VOID,
  ...INLINE,
  ...Object.keys(BLOCK_TEXT),
]);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(env: Env, text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref.toLowerCase()];
    return named ?? env.fail(`The in-memory Drive does not support the HTML entity ${whole}.`);
  });
}

/** A strict parser of well-formed markup: every element closed, attributes quoted. */
function parse(env: Env, html: string): Node[] {
  const root: Node & { kind: 'element' } = { kind: 'element', tag: '#root', attrs: {}, children: [] };
  const stack = [root];
  const tag =
    /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/([a-z0-9]+)\s*>|<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/gi;
  let at = 0;
  const text = (s: string) => {
    if (s) stack[stack.length - 1].children.push({ kind: 'text', text: decode(env, s) });
  };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    text(html.slice(at, m.index));
    at = tag.lastIndex;
    const [whole, closing, opening, attrText] = m;
    if (closing) {
      const name = closing.toLowerCase();
      const top = stack.pop();
      if (!top || top.tag !== name)
        env.fail(`The in-memory Drive cannot import HTML with a stray </${name}>.`);
      if (name === 'style' || name === 'title') top.children = [];
    } else if (opening) {
      const name = opening.toLowerCase();
      if (!KNOWN.has(name)) env.fail(`The in-memory Drive does not import the HTML element <${name}>.`);
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([a-z-]+)="([^"]*)"/gi))
        attrs[a[1].toLowerCase()] = decode(env, a[2]);
      const node: Node & { kind: 'element' } = { kind: 'element', tag: name, attrs, children: [] };
      stack[stack.length - 1].children.push(node);
      if (!VOID.has(name) && !whole.endsWith('/>')) stack.push(node);
    }
  }
  const rest = html.slice(at);
  if (/[<>]/.test(rest)) env.fail('The in-memory Drive cannot import HTML that is not well formed.');
  text(rest);
  if (stack.length !== 1)
    env.fail(`The in-memory Drive cannot import HTML with an unclosed <${stack[stack.length - 1].tag}>.`);
  return root.children;
}

/** The runs of one block's inline content, white space collapsed as a browser shows it. */
function inline(env: Env, nodes: readonly Node[]): ElementData {
  let s = '';
  const runs: [number, number, CharStyle][] = [];
  const walk = (list: readonly Node[], style: CharStyle) => {
    for (const n of list) {
      if (n.kind === 'text') {
        const piece = n.text.replace(/[ \t\r\n\f]+/g, ' ');
        const start = s.length;
        s += s.endsWith(' ') || s === '' ? piece.replace(/^ /, '') : piece;
        if (Object.keys(style).length && s.length > start) runs.push([start, s.length, { ...style }]);
        continue;
      }
      if (n.tag === 'br') env.fail('The in-memory Drive does not import <br>: write one paragraph per line.');
      if (!INLINE.has(n.tag)) env.fail(`The in-memory Drive does not import <${n.tag}> inside a paragraph.`);
      const next: CharStyle = { ...style };
      if (n.tag === 'b' || n.tag === 'strong') next.b = true;
      if (n.tag === 'i' || n.tag === 'em') next.i = true;
      if (n.tag === 'u') next.u = true;
      if (n.tag === 'a') {
        if (!n.attrs.href) env.fail('The in-memory Drive does not import <a> without an href.');
        next.l = n.attrs.href;
      }
      walk(n.children, next);
    }
  };
  walk(nodes, {});
  const end = s.replace(/ $/, '').length;
  const text = s.slice(0, end);
  const kept = runs
    .map(([a, b, st]): [number, number, CharStyle] => [a, Math.min(b, end), st])
    .filter(([a, b]) => b > a);
  return kept.length ? { k: 'TEXT', s: text, r: kept } : { k: 'TEXT', s: text };
}

function paragraph(env: Env, nodes: readonly Node[], heading = 'NORMAL'): ElementData {
  const text = inline(env, nodes);
  return { k: 'PARAGRAPH', ...(heading === 'NORMAL' ? {} : { h: heading }), c: text.s ? [text] : [] };
}

function elements(list: readonly Node[]): (Node & { kind: 'element' })[] {
  return list.filter((n): n is Node & { kind: 'element' } => n.kind === 'element');
}

/** The blocks of a body or a table cell. */
function blocks(env: Env, list: readonly Node[], lists: { next: number }, level = 0): ElementData[] {
  const out: ElementData[] = [];
  let loose: Node[] = [];
  const flush = () => {
    if (loose.some((n) => n.kind === 'element' || n.text.trim())) out.push(paragraph(env, loose));
    loose = [];
  };
  for (const n of list) {
    if (n.kind === 'text' || INLINE.has(n.tag)) {
      loose.push(n);
      continue;
    }
    flush();
    if (n.tag in BLOCK_TEXT) out.push(paragraph(env, n.children, BLOCK_TEXT[n.tag]));
    else if (n.tag === 'div' || n.tag === 'body' || n.tag === 'html')
      out.push(...blocks(env, n.children, lists, level));
    else if (n.tag === 'head') continue;
    else if (n.tag === 'hr') out.push({ k: 'PARAGRAPH', c: [{ k: 'HORIZONTAL_RULE' }] });
    else if (n.tag === 'ul' || n.tag === 'ol') out.push(...listItems(env, n, lists, level));
    else if (n.tag === 'table') out.push(table(env, n, lists));
    else env.fail(`The in-memory Drive does not import <${n.tag}> here.`);
  }
  flush();
  return out;
}

function listItems(
  env: Env,
  list: Node & { kind: 'element' },
  lists: { next: number },
  level: number,
): ElementData[] {
  const id = `kix.list${lists.next++}`;
  const glyph = list.tag === 'ol' ? 'NUMBER' : 'BULLET';
  const out: ElementData[] = [];
  for (const li of elements(list.children)) {
    if (li.tag !== 'li') env.fail(`The in-memory Drive does not import <${li.tag}> in a list.`);
    const own = li.children.filter((c) => c.kind === 'text' || INLINE.has(c.tag));
    const text = inline(env, own);
    out.push({ k: 'LIST_ITEM', g: glyph, n: level, id, c: text.s ? [text] : [] });
    for (const sub of elements(li.children).filter((c) => c.tag === 'ul' || c.tag === 'ol'))
      out.push(...listItems(env, sub, lists, level + 1));
  }
  return out;
}

function table(env: Env, node: Node & { kind: 'element' }, lists: { next: number }): ElementData {
  const rows = elements(node.children).flatMap((c) =>
    c.tag === 'thead' || c.tag === 'tbody' ? elements(c.children) : [c],
  );
  return {
    k: 'TABLE',
    c: rows.map((tr) => {
      if (tr.tag !== 'tr') env.fail(`The in-memory Drive does not import <${tr.tag}> in a table.`);
      return {
        k: 'TABLE_ROW',
        c: elements(tr.children).map((td) => {
          if (td.tag !== 'td' && td.tag !== 'th')
            env.fail(`The in-memory Drive does not import <${td.tag}> in a table row.`);
          const inside = blocks(env, td.children, lists);
          return { k: 'TABLE_CELL', c: inside.length ? inside : [{ k: 'PARAGRAPH', c: [] }] };
        }),
      };
    }),
  };
}

/** The body a Doc imported from this HTML has. */
export function htmlToDoc(env: Env, html: string): ElementData {
  const children = blocks(env, parse(env, html), { next: 1 });
  // A section ends with a paragraph (and an empty Doc has one).
  if (!children.length || children[children.length - 1].k === 'TABLE')
    children.push({ k: 'PARAGRAPH', c: [] });
  return { k: 'BODY_SECTION', c: children };
}
