// DocumentApp's element tree: Body and TableCell hold blocks (Paragraph, ListItem, Table); a Table holds
// TableRows, a row TableCells; a Paragraph holds inline elements (Text, HorizontalRule, PageBreak).
// The fakes are the tree itself (one object per node, so getChildIndex/equality work as in real code).
//
// Real rules kept:
// - a section (Body, TableCell) always ends with a paragraph: appending or inserting a table at the end
//   adds an empty paragraph after it, and removing that last paragraph throws "Can't remove the last
//   paragraph in a document section.";
// - appending or inserting an element that is already in a tree throws "Element must be detached.";
// - getText() joins block children (and rows, cells) with '\n';
// - replaceText/findText take an RE2 pattern string and match inside one Text element at a time (never
//   across paragraphs). The replacement follows Java's Matcher rules (the service runs on Java): "$n" is
//   the n-th group, "\x" is x, and a "$" with no group number after it, a group the pattern lacks or a
//   trailing "\" throws. Text from people must not go in a replacement unescaped.
// - appendTable(cells) wants a String[][]: any non-string cell throws the signature error, and an empty
//   array or an empty row throws (invented wording); appendTable() with no argument makes an empty table
//   to fill with appendTableRow().
// - an InlineImage lives in a paragraph: Body.insertImage makes a new paragraph holding it
//   (document/body#insertImage(Integer,BlobSource)). Docs takes PNG, JPEG and GIF only, up to 25
//   megapixels (observed: gist.github.com/tanaikech/9414d22de2ff30216269ca7be4bce462, "Invalid image
//   data"); the fake reads PNG alone and refuses anything else (harsher). Its width and height are in
//   pixels, the image's own until set (document/inline-image#getWidth()).
import { Counted, Env } from './env';
import { pngSize } from './png';
import { FakeBlob } from './utilities';

export const ElementType = Object.freeze({
  BODY_SECTION: 'BODY_SECTION',
  COMMENT_SECTION: 'COMMENT_SECTION',
  DATE: 'DATE',
  DOCUMENT: 'DOCUMENT',
  EQUATION: 'EQUATION',
  FOOTER_SECTION: 'FOOTER_SECTION',
  FOOTNOTE: 'FOOTNOTE',
  FOOTNOTE_SECTION: 'FOOTNOTE_SECTION',
  HEADER_SECTION: 'HEADER_SECTION',
  HORIZONTAL_RULE: 'HORIZONTAL_RULE',
  INLINE_DRAWING: 'INLINE_DRAWING',
  INLINE_IMAGE: 'INLINE_IMAGE',
  LIST_ITEM: 'LIST_ITEM',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH: 'PARAGRAPH',
  PERSON: 'PERSON',
  RICH_LINK: 'RICH_LINK',
  TABLE: 'TABLE',
  TABLE_CELL: 'TABLE_CELL',
  TABLE_OF_CONTENTS: 'TABLE_OF_CONTENTS',
  TABLE_ROW: 'TABLE_ROW',
  TEXT: 'TEXT',
  UNSUPPORTED: 'UNSUPPORTED',
});

export const ParagraphHeading = Object.freeze({
  NORMAL: 'NORMAL',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING1',
  HEADING2: 'HEADING2',
  HEADING3: 'HEADING3',
  HEADING4: 'HEADING4',
  HEADING5: 'HEADING5',
  HEADING6: 'HEADING6',
});

export const GlyphType = Object.freeze({
  BULLET: 'BULLET',
  HOLLOW_BULLET: 'HOLLOW_BULLET',
  SQUARE_BULLET: 'SQUARE_BULLET',
  NUMBER: 'NUMBER',
  LATIN_UPPER: 'LATIN_UPPER',
  LATIN_LOWER: 'LATIN_LOWER',
  ROMAN_UPPER: 'ROMAN_UPPER',
  ROMAN_LOWER: 'ROMAN_LOWER',
});

export const Attribute = Object.freeze({
  BACKGROUND_COLOR: 'BACKGROUND_COLOR',
  BOLD: 'BOLD',
  BORDER_COLOR: 'BORDER_COLOR',
  BORDER_WIDTH: 'BORDER_WIDTH',
  FONT_FAMILY: 'FONT_FAMILY',
  FONT_SIZE: 'FONT_SIZE',
  FOREGROUND_COLOR: 'FOREGROUND_COLOR',
  HEADING: 'HEADING',
  HORIZONTAL_ALIGNMENT: 'HORIZONTAL_ALIGNMENT',
  INDENT_START: 'INDENT_START',
  INDENT_END: 'INDENT_END',
  ITALIC: 'ITALIC',
  LINE_SPACING: 'LINE_SPACING',
  LINK_URL: 'LINK_URL',
  SPACING_AFTER: 'SPACING_AFTER',
  SPACING_BEFORE: 'SPACING_BEFORE',
  STRIKETHROUGH: 'STRIKETHROUGH',
  UNDERLINE: 'UNDERLINE',
  WIDTH: 'WIDTH',
});

export type Kind = keyof typeof ElementType;
export type AttrValue = string | number | boolean | null;

/** Per-character text style. */
export interface CharStyle {
  b?: boolean;
  i?: boolean;
  u?: boolean;
  l?: string;
}

/** Serialized element (state and copy()). */
export interface ElementData {
  k: Kind;
  a?: Record<string, AttrValue>;
  /** heading */
  h?: string;
  /** glyph type, nesting level and list id of a list item */
  g?: string;
  n?: number;
  id?: string;
  /** text and style runs [start, endExclusive, style] */
  s?: string;
  r?: [number, number, CharStyle][];
  c?: ElementData[];
  /** An inline image: its bytes (base64), content type, shown width and height (px), alt title. */
  img?: { b64: string; type: string; w: number; h: number; alt?: string };
}

/** What an attached tree reports to its document. */
export interface DocOwner {
  readonly closed: boolean;
  changed(): void;
}

const CLOSED = 'Document is closed, its contents cannot be updated.';
const LAST_PARAGRAPH = "Can't remove the last paragraph in a document section.";

/** RE2 pattern string → JS RegExp: leading (?i)/(?s)/(?m) flags and (?P<name>…) groups. */
export function re2(env: Env, pattern: unknown): RegExp {
  let src = String(pattern);
  let flags = 'g';
  const m = /^\(\?([ims]+)\)/.exec(src);
  if (m) {
    src = src.slice(m[0].length);
    for (const f of m[1]) if (!flags.includes(f)) flags += f;
  }
  src = src.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(src, flags);
  } catch {
    return env.fail(`Invalid regular expression: ${String(pattern)}`);
  }
}

/**
 * reference/document/body#replaceText(String,String): the replacement string as java.util.regex.Matcher
 * reads it: "\x" inserts x, "$n" (or "${name}") the group, anything else after "$" throws.
 */
export function javaReplacement(env: Env, replacement: string, m: RegExpMatchArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      if (++i >= replacement.length) env.fail('character to be escaped is missing');
      out += replacement[i];
    } else if (c === '$') {
      if (++i >= replacement.length) env.fail('Illegal group reference: group index is missing');
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        const name = end < 0 ? '' : replacement.slice(i + 1, end);
        if (!name) env.fail("named capturing group is missing trailing '}'");
        const group = m.groups?.[name];
        if (group === undefined && !(m.groups && name in m.groups)) env.fail(`No group with name {${name}}`);
        out += group ?? '';
        i = end;
        continue;
      }
      if (!/[0-9]/.test(replacement[i])) env.fail('Illegal group reference');
      let n = Number(replacement[i]);
      // Java reads further digits while they still name a group of the pattern.
      while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1])) {
        const next = n * 10 + Number(replacement[i + 1]);
        if (next >= m.length) break;
        n = next;
        i++;
      }
      if (n >= m.length) env.fail(`No group ${n}`);
      out += m[n] ?? '';
    } else {
      out += c;
    }
  }
  return out;
}

function sameStyle(a: CharStyle, b: CharStyle): boolean {
  return a.b === b.b && a.i === b.i && a.u === b.u && a.l === b.l;
}

function isEmptyStyle(s: CharStyle): boolean {
  return s.b === undefined && s.i === undefined && s.u === undefined && s.l === undefined;
}

export function styleRuns(text: FakeText): { text: string; style: CharStyle }[] {
  const out: { text: string; style: CharStyle }[] = [];
  for (let i = 0; i < text.chars.length; i++) {
    const st = text.styles[i] ?? {};
    const last = out[out.length - 1];
    if (last && sameStyle(last.style, st)) last.text += text.chars[i];
    else out.push({ text: text.chars[i], style: st });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

export abstract class FakeElement extends Counted {
  parent: FakeContainer | null = null;
  attrs: Record<string, AttrValue> = {};

  protected constructor(
    env: Env,
    readonly kind: Kind,
    typeName: string,
  ) {
    super(env, 'DocumentApp', typeName);
  }

  /** Counts the call and refuses closed documents; `mutates` marks the file as updated. */
  protected call(method: string, mutates = false): void {
    this.rec(method);
    const owner = this.owner();
    if (owner?.closed) this.env.fail(CLOSED);
    if (mutates) owner?.changed();
  }

  /** The elements from the tree's root down to this one. */
  private chain(): FakeElement[] {
    const out: FakeElement[] = [this];
    for (let e = this.parent; e; e = e.parent) out.unshift(e);
    return out;
  }

  owner(): DocOwner | null {
    const root = this.chain()[0];
    return root instanceof FakeBody ? root.doc : null;
  }

  /** Child indexes from the body down to this element, or null when detached. */
  path(): number[] | null {
    const chain = this.chain();
    if (!(chain[0] instanceof FakeBody)) return null;
    return chain
      .slice(1)
      .map((e, i) =>
        chain[i] instanceof FakeContainer ? (chain[i] as FakeContainer).children.indexOf(e) : -1,
      );
  }

  getType(): string {
    this.call('getType');
    return this.kind;
  }
  getParent(): FakeContainer | null {
    this.call('getParent');
    return this.parent;
  }
  removeFromParent(): this {
    this.call('removeFromParent', true);
    this.parent?.detachChild(this);
    return this;
  }
  /** A deep, detached copy. */
  copy(): this {
    this.call('copy');
    return build(this.env, serialize(this)) as this;
  }
  protected attributes(): Record<string, AttrValue> {
    return { ...this.attrs };
  }
  protected applyAttribute(key: string, value: AttrValue): void {
    if (value === null) delete this.attrs[key];
    else this.attrs[key] = value;
  }

  private cast<T extends FakeElement>(kinds: Kind[], name: string): T {
    if (!kinds.includes(this.kind)) return this.env.fail(`Cannot convert ${this.kind} to ${name}.`);
    return this as unknown as T;
  }
  asParagraph(): FakeParagraph {
    this.call('asParagraph');
    return this.cast(['PARAGRAPH'], 'Paragraph');
  }
  asListItem(): FakeListItem {
    this.call('asListItem');
    return this.cast(['LIST_ITEM'], 'ListItem');
  }
  asTable(): FakeTable {
    this.call('asTable');
    return this.cast(['TABLE'], 'Table');
  }
  asText(): FakeText {
    this.call('asText');
    return this.cast(['TEXT'], 'Text');
  }
}

// --- text ------------------------------------------------------------------------------------------

interface Seg {
  node: FakeText;
  at: number;
}

interface Flat {
  text: string;
  segs: Seg[];
  /** Paragraphs with their start offset (to insert into empty ones). */
  paras: { p: FakeParagraph; at: number }[];
}

function flatten(el: FakeElement, out: Flat): void {
  if (el instanceof FakeText) {
    out.segs.push({ node: el, at: out.text.length });
    out.text += el.chars;
  } else if (el instanceof FakeParagraph) {
    out.paras.push({ p: el, at: out.text.length });
    for (const c of el.children) flatten(c, out);
  } else if (el instanceof FakeContainer) {
    el.children.forEach((c, i) => {
      if (i > 0) out.text += '\n';
      flatten(c, out);
    });
  }
}

export function textOf(el: FakeElement): string {
  const out: Flat = { text: '', segs: [], paras: [] };
  flatten(el, out);
  return out.text;
}

/**
 * A Text element (a run of characters with per-character style) or, when `over` is set, the Text view
 * that editAsText() gives over a paragraph or a whole section (offsets count '\n' between blocks).
 */
export class FakeText extends FakeElement {
  chars = '';
  styles: CharStyle[] = [];

  constructor(
    env: Env,
    text = '',
    private readonly over: FakeContainer | null = null,
  ) {
    super(env, 'TEXT', 'Text');
    this.chars = text;
    this.styles = Array.from({ length: text.length }, () => ({}));
  }

  override owner(): DocOwner | null {
    return this.over ? this.over.owner() : super.owner();
  }

  private flat(): Flat {
    if (!this.over) return { text: this.chars, segs: [{ node: this, at: 0 }], paras: [] };
    const out: Flat = { text: '', segs: [], paras: [] };
    flatten(this.over, out);
    return out;
  }

  private checkIndex(offset: unknown, length: number, inclusiveEnd: boolean): number {
    const n = Number(offset);
    if (!Number.isInteger(n) || n < 0) return this.env.fail(`Invalid argument: offset`);
    if (inclusiveEnd ? n > length : n >= length)
      return this.env.fail(`Index (${n}) must be less than the content length (${length}).`);
    return n;
  }

  /** Applies f(node, startInNode, endExclusiveInNode) to each Text overlapping [start, end]. */
  private each(start: number, endInclusive: number, f: (node: FakeText, s: number, e: number) => void): void {
    for (const { node, at } of this.flat().segs) {
      const s = Math.max(start - at, 0);
      const e = Math.min(endInclusive + 1 - at, node.chars.length);
      if (s < e) f(node, s, e);
    }
  }

  private range(args: unknown[], method: string): { start: number; end: number; value: unknown } {
    const len = this.flat().text.length;
    if (args.length >= 3) {
      const start = this.checkIndex(args[0], len, false);
      const end = this.checkIndex(args[1], len, false);
      if (end < start) return this.env.fail(`Invalid argument: ${method} endOffsetInclusive`);
      return { start, end, value: args[2] };
    }
    return { start: 0, end: len - 1, value: args[0] };
  }

  private setStyle(args: unknown[], method: string, key: keyof CharStyle): this {
    this.call(method, true);
    const { start, end, value } = this.range(args, method);
    this.each(start, end, (node, s, e) => {
      for (let i = s; i < e; i++) {
        const st: CharStyle = { ...node.styles[i] };
        if (value === null || value === undefined || value === '') delete st[key];
        else if (key === 'l') st.l = String(value);
        else st[key] = Boolean(value);
        node.styles[i] = st;
      }
    });
    return this;
  }

  private getStyle(args: unknown[], method: string, key: keyof CharStyle): boolean | string | null {
    this.call(method);
    const flat = this.flat();
    const values: (boolean | string | null)[] = [];
    const pick = (node: FakeText, i: number): boolean | string | null => {
      const v = node.styles[i]?.[key];
      return key === 'l' ? (v === undefined ? null : (v as string)) : v === true;
    };
    if (args.length > 0) {
      const offset = this.checkIndex(args[0], flat.text.length, false);
      for (const { node, at } of flat.segs)
        if (offset >= at && offset < at + node.chars.length) return pick(node, offset - at);
      return null;
    }
    for (const { node } of flat.segs) for (let i = 0; i < node.chars.length; i++) values.push(pick(node, i));
    if (values.length === 0) return null;
    return values.every((v) => v === values[0]) ? values[0] : null;
  }

  getText(): string {
    this.call('getText');
    return this.flat().text;
  }
  /** Deletes characters; with a view, the '\n' between blocks stay (blocks are not merged). */
  deleteText(startOffset: number, endOffsetInclusive: number): this {
    this.call('deleteText', true);
    const len = this.flat().text.length;
    const start = this.checkIndex(startOffset, len, false);
    const end = this.checkIndex(endOffsetInclusive, len, false);
    if (end < start) return this.env.fail('Invalid argument: endOffsetInclusive');
    this.each(start, end, (node, s, e) => {
      node.chars = node.chars.slice(0, s) + node.chars.slice(e);
      node.styles.splice(s, e - s);
    });
    return this;
  }
  /** Used by containers too: literal replacement, style of the first matched character. */
  replaceIn(re: RegExp, replacement: string): void {
    let chars = '';
    const styles: CharStyle[] = [];
    let last = 0;
    re.lastIndex = 0;
    for (const m of this.chars.matchAll(re)) {
      const i = m.index ?? 0;
      if (m[0].length === 0) continue;
      const text = javaReplacement(this.env, replacement, m);
      chars += this.chars.slice(last, i) + text;
      styles.push(...this.styles.slice(last, i));
      const st = this.styles[i] ?? {};
      for (let k = 0; k < text.length; k++) styles.push({ ...st });
      last = i + m[0].length;
    }
    if (last === 0 && chars === '') return;
    this.chars = chars + this.chars.slice(last);
    this.styles = styles.concat(this.styles.slice(last));
  }
  setBold(...args: unknown[]): this {
    return this.setStyle(args, 'setBold', 'b');
  }
  getLinkUrl(...args: unknown[]): string | null {
    return this.getStyle(args, 'getLinkUrl', 'l') as string | null;
  }
  protected override applyAttribute(key: string, value: AttrValue): void {
    if (!this.styleAll(key, value)) super.applyAttribute(key, value);
  }
  /** BOLD/ITALIC/UNDERLINE/LINK_URL attributes on every character (not counted); false for others. */
  styleAll(key: string, value: AttrValue): boolean {
    const style: Partial<Record<string, keyof CharStyle>> = {
      BOLD: 'b',
      ITALIC: 'i',
      UNDERLINE: 'u',
      LINK_URL: 'l',
    };
    const k = style[key];
    if (!k) return false;
    this.each(0, this.flat().text.length - 1, (node, s, e) => {
      for (let i = s; i < e; i++) {
        const st: CharStyle = { ...node.styles[i] };
        if (value === null || value === false || value === '') delete st[k];
        else if (k === 'l') st.l = String(value);
        else st[k] = true;
        node.styles[i] = st;
      }
    });
    return true;
  }
}

export class FakeRangeElement extends Counted {
  constructor(
    env: Env,
    readonly element: FakeElement,
    readonly start: number,
    readonly endInclusive: number,
    private readonly partial: boolean,
  ) {
    super(env, 'DocumentApp', 'RangeElement');
  }
  getElement(): FakeElement {
    this.rec('getElement');
    return this.element;
  }
  getStartOffset(): number {
    this.rec('getStartOffset');
    return this.partial ? this.start : -1;
  }
  getEndOffsetInclusive(): number {
    this.rec('getEndOffsetInclusive');
    return this.partial ? this.endInclusive : -1;
  }
}

function findIn(env: Env, segs: Seg[], pattern: string, from?: FakeRangeElement): FakeRangeElement | null {
  const re = re2(env, pattern);
  let started = from === undefined || from === null;
  for (const { node } of segs) {
    let min = 0;
    if (!started) {
      if (node !== from?.element) continue;
      started = true;
      min = from.endInclusive + 1;
    }
    re.lastIndex = 0;
    for (const m of node.chars.matchAll(re)) {
      const i = m.index ?? 0;
      if (i >= min && m[0].length > 0) return new FakeRangeElement(env, node, i, i + m[0].length - 1, true);
    }
  }
  return null;
}

// --- containers ------------------------------------------------------------------------------------

export abstract class FakeContainer extends FakeElement {
  children: FakeElement[] = [];

  protected checkChildIndex(index: unknown, allowEnd: boolean): number {
    const n = Number(index);
    const max = this.children.length;
    if (!Number.isInteger(n) || n < 0) return this.env.fail('Invalid argument: childIndex');
    if (allowEnd ? n > max : n >= max)
      return this.env.fail(`Child index (${n}) must be less than the number of child elements (${max}).`);
    return n;
  }

  /** Puts a detached element at index (end by default). */
  adopt<T extends FakeElement>(child: T, index = this.children.length): T {
    if (child.parent) return this.env.fail('Element must be detached.');
    child.parent = this;
    this.children.splice(index, 0, child);
    return child;
  }

  detachChild(child: FakeElement): void {
    const i = this.children.indexOf(child);
    if (i === -1) return this.env.fail('Element does not contain the specified child element.');
    this.children.splice(i, 1);
    child.parent = null;
  }

  getNumChildren(): number {
    this.call('getNumChildren');
    return this.children.length;
  }
  getChild(childIndex: number): FakeElement {
    this.call('getChild');
    return this.children[this.checkChildIndex(childIndex, false)];
  }
  getChildIndex(child: unknown): number {
    this.call('getChildIndex');
    const i = this.children.indexOf(child as FakeElement);
    return i === -1 ? this.env.fail('Element does not contain the specified child element.') : i;
  }
  getText(): string {
    this.call('getText');
    return textOf(this);
  }
  editAsText(): FakeText {
    this.call('editAsText');
    return this.textView();
  }
  /** The editAsText() view, not counted. */
  textView(): FakeText {
    return new FakeText(this.env, '', this);
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.call('replaceText', true);
    const re = re2(this.env, searchPattern);
    const flat: Flat = { text: '', segs: [], paras: [] };
    flatten(this, flat);
    for (const { node } of flat.segs) node.replaceIn(re, String(replacement));
    return this;
  }
  findText(searchPattern: string, from?: FakeRangeElement): FakeRangeElement | null {
    this.call('findText');
    const flat: Flat = { text: '', segs: [], paras: [] };
    flatten(this, flat);
    return findIn(this.env, flat.segs, searchPattern, from);
  }
  clear(): this {
    this.call('clear', true);
    this.clearContent();
    return this;
  }
  protected clearContent(): void {
    for (const c of this.children) c.parent = null;
    this.children = [];
  }
  protected override applyAttribute(key: string, value: AttrValue): void {
    if (!new FakeText(this.env, '', this).styleAll(key, value)) super.applyAttribute(key, value);
  }
}

export function descendants(el: FakeElement): FakeElement[] {
  const out: FakeElement[] = [];
  const walk = (e: FakeElement): void => {
    if (!(e instanceof FakeContainer)) return;
    for (const c of e.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export class FakeHorizontalRule extends FakeElement {
  constructor(env: Env) {
    super(env, 'HORIZONTAL_RULE', 'HorizontalRule');
  }
}

export class FakePageBreak extends FakeElement {
  constructor(env: Env) {
    super(env, 'PAGE_BREAK', 'PageBreak');
  }
}

/** The largest image Docs takes, in pixels (observed, see the file's opening comment). */
export const MAX_IMAGE_PIXELS = 25_000_000;

export class FakeInlineImage extends FakeElement {
  altTitle: string | null = null;
  constructor(
    env: Env,
    readonly bytes: Buffer,
    readonly contentType: string,
    public width: number,
    public height: number,
  ) {
    super(env, 'INLINE_IMAGE', 'InlineImage');
  }

  /** An image from a BlobSource, checked as Docs checks it (not counted). */
  static from(env: Env, image: unknown): FakeInlineImage {
    if (!(image instanceof FakeBlob))
      return env.fail(
        `The parameters (${typeof image}) don't match the method signature for DocumentApp.Body.insertImage.`,
      );
    const { bytes, contentType } = image.peek();
    const size = contentType === 'image/png' ? pngSize(bytes) : null;
    if (!size || size.width * size.height > MAX_IMAGE_PIXELS) return env.fail('Invalid image data.');
    return new FakeInlineImage(env, Buffer.from(bytes), 'image/png', size.width, size.height);
  }

  /** document/inline-image#getWidth(): in pixels. */
  getWidth(): number {
    this.call('getWidth');
    return this.width;
  }
  /** document/inline-image#getHeight(): in pixels. */
  getHeight(): number {
    this.call('getHeight');
    return this.height;
  }
  /** document/inline-image#setWidth(Integer): in pixels; the height is left as it is. */
  setWidth(width: number): this {
    this.call('setWidth', true);
    this.width = this.pixels(width, 'width');
    return this;
  }
  /** document/inline-image#setHeight(Integer): in pixels. */
  setHeight(height: number): this {
    this.call('setHeight', true);
    this.height = this.pixels(height, 'height');
    return this;
  }
  /** document/inline-image#setAltTitle(String). */
  setAltTitle(title: string): this {
    this.call('setAltTitle', true);
    this.altTitle = String(title);
    return this;
  }
  private pixels(n: unknown, name: string): number {
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0)
      return this.env.fail(`Invalid argument: ${name}`);
    return n;
  }
}

export class FakeParagraph extends FakeContainer {
  heading: string = ParagraphHeading.NORMAL;

  constructor(env: Env, text = '', kind: Kind = 'PARAGRAPH', typeName = 'Paragraph') {
    super(env, kind, typeName);
    if (text !== '') this.adopt(new FakeText(env, text));
  }

  replaceContent(text: string): void {
    this.clearContent();
    if (text !== '') this.adopt(new FakeText(this.env, text));
  }

  /** Real Paragraph/ListItem.setText returns nothing (no chaining). */
  setText(text: string): void {
    this.call('setText', true);
    this.replaceContent(String(text));
  }
  setLinkUrl(url: string | null): this {
    this.call('setLinkUrl', true);
    for (const c of this.children)
      if (c instanceof FakeText)
        c.styles = c.styles.map((s) => {
          const st: CharStyle = { ...s };
          if (url === null || url === '') delete st.l;
          else st.l = String(url);
          return st;
        });
    return this;
  }
  protected override attributes(): Record<string, AttrValue> {
    return { ...this.attrs, [Attribute.HEADING]: this.heading };
  }
  protected override applyAttribute(key: string, value: AttrValue): void {
    if (key === Attribute.HEADING) {
      if (typeof value === 'string' && Object.values(ParagraphHeading).includes(value as never))
        this.heading = value;
      return;
    }
    super.applyAttribute(key, value);
  }
}

export class FakeListItem extends FakeParagraph {
  glyph: string = GlyphType.BULLET;
  nesting = 0;
  listId = '';

  constructor(env: Env, text = '') {
    super(env, text, 'LIST_ITEM', 'ListItem');
  }
}

function isParagraphLike(e: FakeElement | undefined): boolean {
  return e instanceof FakeParagraph;
}

function cellsArgument(env: Env, cells: unknown, method: string): string[][] {
  const fail = (label: string): never =>
    env.fail(`The parameters (${label}) don't match the method signature for DocumentApp.${method}.`);
  if (!Array.isArray(cells))
    return fail(typeof cells === 'object' && cells !== null ? 'object' : typeof cells);
  for (const row of cells) {
    if (!Array.isArray(row)) return fail(`${typeof row}[]`);
    for (const v of row)
      if (typeof v !== 'string') {
        const label =
          v === null ? 'null' : Object.prototype.toString.call(v) === '[object Date]' ? 'Date' : typeof v;
        return fail(`${label}[][]`);
      }
  }
  if (cells.length === 0 || cells.some((r: unknown[]) => r.length === 0))
    return env.fail('Invalid argument: cells. A table needs at least one row and one cell in every row.');
  return cells as string[][];
}

/** Body and TableCell: sections that hold paragraphs, list items and tables. */
export abstract class FakeBlockContainer extends FakeContainer {
  /** A section always ends with a paragraph. */
  protected endWithParagraph(): void {
    if (!isParagraphLike(this.children[this.children.length - 1])) this.adopt(new FakeParagraph(this.env));
  }

  /** Cleared sections keep one empty paragraph. */
  protected override clearContent(): void {
    super.clearContent();
    this.adopt(new FakeParagraph(this.env));
  }

  override detachChild(child: FakeElement): void {
    const last = this.children[this.children.length - 1];
    if (child === last && isParagraphLike(child)) return this.env.fail(LAST_PARAGRAPH);
    super.detachChild(child);
  }

  private paragraphArg(p: unknown, list: boolean): FakeParagraph {
    if (list) {
      if (p instanceof FakeListItem) return p;
      return new FakeListItem(this.env, String(p));
    }
    if (p instanceof FakeParagraph && !(p instanceof FakeListItem)) return p;
    if (p instanceof FakeElement) return this.env.fail('Invalid argument: paragraph');
    return new FakeParagraph(this.env, String(p));
  }

  private placeListItem(item: FakeListItem, index: number): FakeListItem {
    if (item.parent) return this.env.fail('Element must be detached.');
    if (item.listId === '') {
      const prev = this.children[index - 1];
      item.listId =
        prev instanceof FakeListItem
          ? prev.listId
          : `kix.${this.env.nextRandom().toString(36).padStart(7, '0')}`;
    }
    return this.adopt(item, index);
  }

  private tableArg(cells: unknown, method: string): FakeTable {
    if (cells instanceof FakeTable) return cells;
    const t = new FakeTable(this.env);
    if (cells === undefined) return t;
    for (const row of cellsArgument(this.env, cells, method)) {
      const r = t.adopt(new FakeTableRow(this.env));
      for (const v of row) r.adopt(new FakeTableCell(this.env, v));
    }
    return t;
  }

  appendParagraph(paragraph: unknown): FakeParagraph {
    this.call('appendParagraph', true);
    return this.adopt(this.paragraphArg(paragraph, false));
  }
  appendListItem(listItem: unknown): FakeListItem {
    this.call('appendListItem', true);
    return this.placeListItem(this.paragraphArg(listItem, true) as FakeListItem, this.children.length);
  }
  appendTable(cells?: unknown): FakeTable {
    this.call('appendTable', true);
    const t = this.adopt(this.tableArg(cells, `${this.typeLabel()}.appendTable`));
    this.endWithParagraph();
    return t;
  }
  insertTable(childIndex: number, cells?: unknown): FakeTable {
    this.call('insertTable', true);
    const i = this.checkChildIndex(childIndex, true);
    const t = this.adopt(this.tableArg(cells, `${this.typeLabel()}.insertTable`), i);
    this.endWithParagraph();
    return t;
  }
  /** Real: a horizontal rule lives in a new paragraph; the rule is returned. */
  appendHorizontalRule(): FakeHorizontalRule {
    this.call('appendHorizontalRule', true);
    const p = this.adopt(new FakeParagraph(this.env));
    return p.adopt(new FakeHorizontalRule(this.env));
  }
  /** document/body#insertImage(Integer,BlobSource): a new paragraph at childIndex holding the image. */
  insertImage(childIndex: number, image: unknown): FakeInlineImage {
    this.call('insertImage', true);
    const i = this.checkChildIndex(childIndex, true);
    const img = FakeInlineImage.from(this.env, image);
    return this.adopt(new FakeParagraph(this.env), i).adopt(img);
  }
  getTables(): FakeTable[] {
    this.call('getTables');
    return descendants(this).filter((e): e is FakeTable => e instanceof FakeTable);
  }
  private typeLabel(): string {
    return this instanceof FakeBody ? 'Body' : 'TableCell';
  }
}

export class FakeBody extends FakeBlockContainer {
  constructor(
    env: Env,
    readonly doc: DocOwner | null = null,
  ) {
    super(env, 'BODY_SECTION', 'Body');
  }
  /** Only for the tree's root: adopt children without the detached check. */
  static fresh(env: Env, doc: DocOwner | null): FakeBody {
    const b = new FakeBody(env, doc);
    b.adopt(new FakeParagraph(env));
    return b;
  }
}

export class FakeTable extends FakeContainer {
  constructor(env: Env) {
    super(env, 'TABLE', 'Table');
  }
  private row(i: unknown): FakeTableRow {
    return this.children[this.checkChildIndex(i, false)] as FakeTableRow;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.children.length;
  }
  getRow(rowIndex: number): FakeTableRow {
    this.call('getRow');
    return this.row(rowIndex);
  }
  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    this.call('getCell');
    const r = this.row(rowIndex);
    const n = Number(cellIndex);
    const cell = r.children[n];
    if (!Number.isInteger(n) || !cell)
      return this.env.fail(
        `Child index (${n}) must be less than the number of child elements (${r.children.length}).`,
      );
    return cell as FakeTableCell;
  }
}

export class FakeTableRow extends FakeContainer {
  constructor(env: Env) {
    super(env, 'TABLE_ROW', 'TableRow');
  }
  getNumCells(): number {
    this.call('getNumCells');
    return this.children.length;
  }
}

export class FakeTableCell extends FakeBlockContainer {
  constructor(env: Env, text = '', empty = false) {
    super(env, 'TABLE_CELL', 'TableCell');
    if (!empty) this.adopt(new FakeParagraph(env, text));
  }
}

// --- serialization (state and copy) ----------------------------------------------------------------

export function serialize(el: FakeElement): ElementData {
  const d: ElementData = { k: el.kind };
  if (Object.keys(el.attrs).length > 0) d.a = { ...el.attrs };
  if (el instanceof FakeText) {
    d.s = el.chars;
    const runs: [number, number, CharStyle][] = [];
    let at = 0;
    for (const run of styleRuns(el)) {
      if (!isEmptyStyle(run.style)) runs.push([at, at + run.text.length, { ...run.style }]);
      at += run.text.length;
    }
    if (runs.length > 0) d.r = runs;
  }
  if (el instanceof FakeInlineImage)
    d.img = {
      b64: el.bytes.toString('base64'),
      type: el.contentType,
      w: el.width,
      h: el.height,
      ...(el.altTitle === null ? {} : { alt: el.altTitle }),
    };
  if (el instanceof FakeParagraph && el.heading !== ParagraphHeading.NORMAL) d.h = el.heading;
  if (el instanceof FakeListItem) {
    d.g = el.glyph;
    d.n = el.nesting;
    d.id = el.listId;
  }
  if (el instanceof FakeContainer) d.c = el.children.map(serialize);
  return d;
}

export function build(env: Env, d: ElementData, doc: DocOwner | null = null): FakeElement {
  let el: FakeElement;
  switch (d.k) {
    case 'TEXT': {
      const t = new FakeText(env, d.s ?? '');
      for (const [s, e, st] of d.r ?? [])
        for (let i = s; i < e && i < t.styles.length; i++) t.styles[i] = { ...st };
      el = t;
      break;
    }
    case 'PARAGRAPH':
      el = new FakeParagraph(env);
      break;
    case 'LIST_ITEM': {
      const li = new FakeListItem(env);
      li.glyph = d.g ?? GlyphType.BULLET;
      li.nesting = d.n ?? 0;
      li.listId = d.id ?? '';
      el = li;
      break;
    }
    case 'TABLE':
      el = new FakeTable(env);
      break;
    case 'TABLE_ROW':
      el = new FakeTableRow(env);
      break;
    case 'TABLE_CELL':
      el = new FakeTableCell(env, '', true);
      break;
    case 'BODY_SECTION':
      el = new FakeBody(env, doc);
      break;
    case 'HORIZONTAL_RULE':
      el = new FakeHorizontalRule(env);
      break;
    case 'PAGE_BREAK':
      el = new FakePageBreak(env);
      break;
    case 'INLINE_IMAGE': {
      if (!d.img) return env.fail('Unsupported element INLINE_IMAGE without its image');
      const img = new FakeInlineImage(env, Buffer.from(d.img.b64, 'base64'), d.img.type, d.img.w, d.img.h);
      img.altTitle = d.img.alt ?? null;
      el = img;
      break;
    }
    default:
      return env.fail(`Unsupported element ${String(d.k)}`);
  }
  if (d.a) el.attrs = { ...d.a };
  if (el instanceof FakeParagraph && d.h) el.heading = d.h;
  if (el instanceof FakeContainer) for (const c of d.c ?? []) el.adopt(build(env, c));
  return el;
}
