// DocumentApp: documents, the cursor, the active (container) document, and the Docs wiring of the
// workspace (DocumentApp and Drive advanced service globals, helpers, state). The element tree is in document-elements.ts.
//
// Real behaviour kept: a new document's body holds one empty paragraph; getCursor()/getSelection() are
// null until a cursor is placed (workspace.setDocumentCursor or Document.setCursor); after saveAndClose()
// the Document and its elements throw until the document is opened again; openById/openByUrl on a missing
// or denied id throw "Document is missing (perhaps it was deleted, or you don't have read access?)";
// getActiveDocument() is null outside a Docs container and getUi() then throws.
import {
  AttrValue,
  build,
  DocOwner,
  ElementData,
  ElementType,
  FakeBody,
  FakeContainer,
  FakeElement,
  FakeInlineImage,
  FakeListItem,
  FakeParagraph,
  FakeTable,
  FakeText,
  ParagraphHeading,
  serialize,
  styleRuns,
  textOf,
} from './document-elements';
import { DriveRegistry, DriveSource, DriveState, driveIdOf, MimeType, ROOT_FOLDER_ID } from './drive';
import { FakeDriveAdvanced } from './drive-api';
import { htmlToDoc } from './html-import';
import { Counted, Env } from './env';
import type { SpreadsheetRegistry } from './spreadsheet-app';
import type { FakeUi } from './ui';

export const MISSING_DOCUMENT =
  "Document is missing (perhaps it was deleted, or you don't have read access?)";

export interface DocumentState {
  id: string;
  name: string;
  body: ElementData;
  cursor: { path: number[]; offset: number } | null;
  editors: string[];
}

export class DocData implements DocOwner {
  closed = false;
  body: FakeBody;
  cursor: { element: FakeElement; offset: number } | null = null;
  editors: string[] = [];

  constructor(
    readonly env: Env,
    readonly id: string,
    public name: string,
    private readonly onChange: () => void,
    body?: ElementData,
  ) {
    this.body = body ? (build(env, body, this) as FakeBody) : FakeBody.fresh(env, this);
  }
  get url(): string {
    return `https://docs.google.com/document/d/${this.id}/edit`;
  }
  changed(): void {
    this.onChange();
  }
}

export class DocumentRegistry {
  readonly docs = new Map<string, DocData>();
  activeId: string | null = null;

  constructor(
    private readonly env: Env,
    readonly drive: DriveRegistry,
  ) {
    drive.addResolver((id) => {
      const d = this.docs.get(id);
      return d ? this.source(d) : undefined;
    });
  }

  private source(d: DocData): DriveSource {
    return {
      mimeType: MimeType.GOOGLE_DOCS,
      url: d.url,
      getName: () => d.name,
      setName: (name) => {
        d.name = name;
      },
    };
  }

  /** A new document (and its Drive file in My Drive). */
  add(name: string, body?: ElementData, id?: string): DocData {
    const docId = id ?? this.env.nextFileId();
    const d = new DocData(this.env, docId, name, () => this.drive.touch(docId), body);
    this.docs.set(d.id, d);
    this.drive.registerFile({
      id: d.id,
      mimeType: MimeType.GOOGLE_DOCS,
      source: this.source(d),
      parentId: ROOT_FOLDER_ID,
    });
    return d;
  }

  idOf(idOrUrl: string): string {
    return /\/document\/d\/([A-Za-z0-9_-]+)/.exec(idOrUrl)?.[1] ?? driveIdOf(idOrUrl);
  }

  open(idOrUrl: unknown, byUrl: boolean): DocData {
    const text = String(idOrUrl);
    if (byUrl && !/\/document\/d\/[A-Za-z0-9_-]+/.test(text)) this.env.fail('Invalid argument: url');
    const id = this.idOf(text);
    const d = this.docs.get(id);
    if (!d || this.drive.denied.has(id)) return this.env.fail(MISSING_DOCUMENT);
    d.closed = false;
    return d;
  }

  save(): DocumentState[] {
    return [...this.docs.values()].map((d) => {
      const path = d.cursor?.element.path();
      return {
        id: d.id,
        name: d.name,
        body: serialize(d.body),
        cursor: d.cursor && path ? { path, offset: d.cursor.offset } : null,
        editors: [...d.editors],
      };
    });
  }

  load(states: DocumentState[]): void {
    for (const st of states) {
      const d = new DocData(this.env, st.id, st.name, () => this.drive.touch(st.id), st.body);
      d.editors = [...st.editors];
      if (st.cursor) {
        const el = elementAt(d.body, st.cursor.path);
        if (el) d.cursor = { element: el, offset: st.cursor.offset };
      }
      this.docs.set(d.id, d);
    }
  }
}

function elementAt(body: FakeBody, path: number[]): FakeElement | null {
  let el: FakeElement = body;
  for (const i of path) {
    if (!(el instanceof FakeContainer)) return null;
    const next: FakeElement | undefined = el.children[i];
    if (!next) return null;
    el = next;
  }
  return el;
}

/** A cursor position: a Text and a character offset, or a container and a child index. */
export class FakePosition extends Counted {
  constructor(
    env: Env,
    readonly element: FakeElement,
    readonly offset: number,
  ) {
    super(env, 'DocumentApp', 'Position');
  }
  getElement(): FakeElement {
    this.rec('getElement');
    return this.element;
  }
}

export class FakeDocument extends Counted {
  constructor(
    env: Env,
    readonly data: DocData,
    private readonly drive: DriveRegistry,
  ) {
    super(env, 'DocumentApp', 'Document');
  }
  private call(method: string): void {
    this.rec(method);
    if (this.data.closed) this.env.fail('Document is closed, its contents cannot be updated.');
  }
  getId(): string {
    this.call('getId');
    return this.data.id;
  }
  getName(): string {
    this.call('getName');
    return this.data.name;
  }
  setName(name: string): this {
    this.call('setName');
    this.data.name = String(name);
    this.drive.touch(this.data.id);
    return this;
  }
  getUrl(): string {
    this.call('getUrl');
    return this.data.url;
  }
  getBody(): FakeBody {
    this.call('getBody');
    return this.data.body;
  }
  getCursor(): FakePosition | null {
    this.call('getCursor');
    const c = this.data.cursor;
    if (!c || c.element.owner() !== this.data) return null;
    return new FakePosition(this.env, c.element, c.offset);
  }
  saveAndClose(): void {
    this.rec('saveAndClose');
    this.data.closed = true;
    this.drive.touch(this.data.id);
  }
}

export class FakeDocumentApp extends Counted {
  readonly ParagraphHeading = ParagraphHeading;
  readonly ElementType = ElementType;

  constructor(
    env: Env,
    private readonly docs: DocumentRegistry,
    private readonly ui: FakeUi,
  ) {
    super(env, 'DocumentApp', null);
  }
  private wrap(d: DocData): FakeDocument {
    return new FakeDocument(this.env, d, this.docs.drive);
  }
  create(name: string): FakeDocument {
    this.rec('create');
    const d = this.docs.add(String(name));
    // A Doc the add-on creates is one it may reach under drive.file (drive/api/guides/api-specific-auth).
    this.docs.drive.grant(d.id);
    return this.wrap(d);
  }
  openById(id: string): FakeDocument {
    this.rec('openById');
    return this.wrap(this.docs.open(id, false));
  }
  openByUrl(url: string): FakeDocument {
    this.rec('openByUrl');
    return this.wrap(this.docs.open(url, true));
  }
  getActiveDocument(): FakeDocument | null {
    this.rec('getActiveDocument');
    // Null outside a Docs container: in Sheets and in an add-on's trigger.
    const d =
      this.docs.activeId === null || this.env.host !== 'docs'
        ? undefined
        : this.docs.docs.get(this.docs.activeId);
    if (!d) return null;
    d.closed = false;
    return this.wrap(d);
  }
  getUi(): FakeUi {
    this.rec('getUi');
    if (this.docs.activeId === null || this.env.host !== 'docs')
      return this.env.fail('Cannot call DocumentApp.getUi() from this context.');
    return this.ui;
  }
}

// --- rendering (not counted) -----------------------------------------------------------------------

export interface DocRun {
  text: string;
  /** Set for a horizontal rule, a page break or an inline image (text ''). */
  kind?: 'HORIZONTAL_RULE' | 'PAGE_BREAK' | 'INLINE_IMAGE';
  /** An inline image: a data: URL of its bytes, its shown size in pixels, its alt title. */
  image?: { src: string; width: number; height: number; alt: string | null };
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  link?: string;
}

export interface DocNode {
  type: string;
  text: string;
  heading?: string;
  glyphType?: string;
  nestingLevel?: number;
  /** Paragraphs and list items: the styled runs (horizontal rules and page breaks as type-only runs). */
  runs?: DocRun[];
  /** Tables: each cell's text. */
  rows?: string[][];
  children?: DocNode[];
  /** The element's own attributes (setAttributes, setBackgroundColor…) when it has any; headings are `heading`. */
  attrs?: Record<string, AttrValue>;
}

function withAttrs(node: DocNode, el: FakeElement): DocNode {
  if (Object.keys(el.attrs).length > 0) node.attrs = { ...el.attrs };
  return node;
}

export function renderTree(el: FakeElement): DocNode {
  const node: DocNode = { type: el.kind, text: el instanceof FakeText ? el.chars : textOf(el) };
  if (el instanceof FakeParagraph) {
    node.heading = el.heading;
    if (el instanceof FakeListItem) {
      node.glyphType = el.glyph;
      node.nestingLevel = el.nesting;
    }
    node.runs = el.children.flatMap((c): DocRun[] => {
      if (c instanceof FakeInlineImage)
        return [
          {
            text: '',
            kind: 'INLINE_IMAGE',
            image: {
              src: `data:${c.contentType};base64,${c.bytes.toString('base64')}`,
              width: c.width,
              height: c.height,
              alt: c.altTitle,
            },
          },
        ];
      if (!(c instanceof FakeText))
        return [{ text: '', kind: c.kind === 'HORIZONTAL_RULE' ? 'HORIZONTAL_RULE' : 'PAGE_BREAK' }];
      return styleRuns(c).map((r) => {
        const run: DocRun = { text: r.text };
        if (r.style.b) run.bold = true;
        if (r.style.i) run.italic = true;
        if (r.style.u) run.underline = true;
        if (r.style.l) run.link = r.style.l;
        return run;
      });
    });
    node.children = el.children.map((c) =>
      withAttrs({ type: c.kind, text: c instanceof FakeText ? c.chars : '' }, c),
    );
    return withAttrs(node, el);
  }
  if (el instanceof FakeTable)
    node.rows = el.children.map((r) => (r instanceof FakeContainer ? r.children.map((c) => textOf(c)) : []));
  if (el instanceof FakeContainer) node.children = el.children.map(renderTree);
  return withAttrs(node, el);
}

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

const TAGS: Record<string, string> = {
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

function runsHtml(node: DocNode): string {
  let out = '';
  for (const r of node.runs ?? []) {
    if (r.image) {
      const { src, width, height, alt } = r.image;
      out += `<img src="${escapeHtml(src)}" width="${width}" height="${height}" alt="${escapeHtml(alt ?? '')}">`;
      continue;
    }
    if (r.kind) {
      out += r.kind === 'HORIZONTAL_RULE' ? '<hr>' : '<hr class="page-break">';
      continue;
    }
    let h = escapeHtml(r.text);
    if (r.bold) h = `<strong>${h}</strong>`;
    if (r.italic) h = `<em>${h}</em>`;
    if (r.underline) h = `<u>${h}</u>`;
    if (r.link && /^(https?:|mailto:)/i.test(r.link)) h = `<a href="${escapeHtml(r.link)}">${h}</a>`;
    out += h;
  }
  return out;
}

function blocksHtml(nodes: DocNode[]): string {
  let out = '';
  let i = 0;
  while (i < nodes.length) {
    const n = nodes[i];
    if (n.type === 'LIST_ITEM') {
      const tag = ORDERED.has(n.glyphType ?? '') ? 'ol' : 'ul';
      out += `<${tag}>`;
      while (i < nodes.length && nodes[i].type === 'LIST_ITEM') {
        const li = nodes[i];
        out += `<li style="margin-left:${(li.nestingLevel ?? 0) * 1.5}em">${runsHtml(li)}</li>`;
        i++;
      }
      out += `</${tag}>`;
      continue;
    }
    if (n.type === 'PARAGRAPH') {
      const open = TAGS[n.heading ?? 'NORMAL'] ?? 'p';
      const close = open.split(' ')[0];
      out += `<${open}>${runsHtml(n) || '<br>'}</${close}>`;
    } else if (n.type === 'TABLE') {
      out += '<table><tbody>';
      for (const row of n.children ?? []) {
        out += '<tr>';
        for (const cell of row.children ?? []) out += `<td>${blocksHtml(cell.children ?? [])}</td>`;
        out += '</tr>';
      }
      out += '</tbody></table>';
    }
    i++;
  }
  return out;
}

/** Plain tree and escaped HTML of a document's body, for tests and the local preview. Not counted. */
export function renderDocument(doc: DocData | FakeDocument): {
  id: string;
  name: string;
  url: string;
  tree: DocNode;
  html: string;
} {
  const d = doc instanceof FakeDocument ? doc.data : doc;
  const tree = renderTree(d.body);
  return {
    id: d.id,
    name: d.name,
    url: d.url,
    tree,
    html: `<article class="doc"><h1 class="doc-name">${escapeHtml(d.name)}</h1>${blocksHtml(tree.children ?? [])}</article>`,
  };
}

// --- workspace wiring ------------------------------------------------------------------------------

export interface DocsDriveState {
  documents?: DocumentState[];
  activeDocumentId?: string | null;
  drive?: DriveState;
}

export interface InspectedDriveItem {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
}

/** The workspace helpers for Docs and Drive (none of them counted). */
export interface DocsDriveHelpers {
  /** A new document, as if made by hand (not counted); `paragraphs` fill its body. */
  addDocument(name: string, paragraphs?: string[]): FakeDocument;
  /** Runs the add-on in Docs with this document open (null: back in the Sheets container). */
  setActiveDocument(idOrUrl: string | null): void;
  /**
   * Places the cursor: path = child indexes from the body (a number for a body child, [table, row,
   * cell, paragraph] inside a table); offset = character offset in that paragraph's text.
   */
  setDocumentCursor(idOrUrl: string, path: number | number[], offset?: number): void;
  /** Plain tree and escaped HTML of a document. */
  inspectDocument(idOrUrl: string): ReturnType<typeof renderDocument>;
  /** Every Drive folder and file. */
  inspectDrive(): { folders: InspectedDriveItem[]; files: InspectedDriveItem[] };
  /** Drive.Files.get and DocumentApp.openById then throw as for a file you cannot see. */
  denyDriveAccess(idOrUrl: string): void;
  /** A folder in My Drive (or in `parentId`) as if made by hand: the add-on cannot reach it under drive.file. Its id. */
  addFolder(name: string, parentId?: string): string;
  /** The user picks this file or folder for the add-on (the Google Picker): Drive.Files reaches it from now on. */
  grantToApp(idOrUrl: string): void;
  /** The user renames a file or folder, or moves it into another folder, by hand (Drive's own web page). */
  editDriveItem(idOrUrl: string, change: { name?: string; parentId?: string }): void;
  /** The user moves a file or folder to the trash by hand (what is inside is trashed with it). */
  trashDriveItem(idOrUrl: string): void;
  /** The user deletes a file or folder for good (a folder with everything in it): no service finds it any more. */
  deleteDriveItem(idOrUrl: string): void;
}

export interface DocsDrive {
  /** DocumentApp and the Drive advanced service. */
  globals: {
    DocumentApp: FakeDocumentApp;
    Drive: FakeDriveAdvanced;
  };
  drive: DriveRegistry;
  docs: DocumentRegistry;
  helpers: DocsDriveHelpers;
  save(): Required<DocsDriveState>;
}

/** Builds DocumentApp and the Drive advanced service over one Drive; the container spreadsheets are Drive files too. */
export function createDocsDrive(
  env: Env,
  ui: FakeUi,
  spreadsheets: SpreadsheetRegistry,
  state?: DocsDriveState,
): DocsDrive {
  const drive = new DriveRegistry(env);
  const docs = new DocumentRegistry(env, drive);
  if (state?.drive) drive.load(state.drive);
  if (state?.documents) docs.load(state.documents);
  docs.activeId = state?.activeDocumentId ?? null;
  drive.addResolver(
    (id) => {
      const book = spreadsheets.books.get(id);
      if (!book) return undefined;
      return {
        mimeType: MimeType.GOOGLE_SHEETS,
        url: book.data.url,
        getName: () => book.data.name,
        setName: (name) => {
          book.data.name = name;
        },
      };
    },
    () => [...spreadsheets.books.keys()],
  );
  // Drive's HTML import makes a Doc straight into its folder (html-import.ts).
  drive.importers.set(MimeType.GOOGLE_DOCS, (name, html, parentId) => {
    const d = docs.add(name, htmlToDoc(env, html));
    const entry = drive.lookupFile(d.id);
    if (entry) entry.parents = [parentId];
    return d.id;
  });

  const docOf = (idOrUrl: string): DocData => {
    const d = docs.docs.get(docs.idOf(idOrUrl));
    if (!d) throw new Error(`No document ${idOrUrl}`);
    return d;
  };
  const item = (f: { id: string; mimeType?: string; parents: string[]; trashed: boolean }, name: string) => ({
    id: f.id,
    name,
    mimeType: f.mimeType ?? MimeType.FOLDER,
    parents: [...f.parents],
    trashed: f.trashed,
  });

  const helpers: DocsDriveHelpers = {
    addDocument(name, paragraphs = []) {
      const d = docs.add(name);
      paragraphs.forEach((p, i) => {
        if (i === 0) (d.body.children[0] as FakeParagraph).replaceContent(p);
        else d.body.adopt(new FakeParagraph(env, p));
      });
      return new FakeDocument(env, d, drive);
    },
    setActiveDocument(idOrUrl) {
      docs.activeId = idOrUrl === null ? null : docOf(idOrUrl).id;
      // A Doc made active is the container of what runs next: the add-on is then running in Docs.
      env.host = idOrUrl === null ? 'sheets' : 'docs';
    },
    setDocumentCursor(idOrUrl, path, offset = 0) {
      const d = docOf(idOrUrl);
      const p = typeof path === 'number' ? [path] : path;
      let el = elementAt(d.body, p);
      if (!el) throw new Error(`No element at ${JSON.stringify(p)}`);
      while (!(el instanceof FakeParagraph) && el instanceof FakeContainer && el.children.length > 0)
        el = el.children[0];
      if (el instanceof FakeParagraph) {
        let at = 0;
        for (const c of el.children) {
          if (c instanceof FakeText && offset <= at + c.chars.length) {
            d.cursor = { element: c, offset: offset - at };
            return;
          }
          if (c instanceof FakeText) at += c.chars.length;
        }
        if (offset > at) throw new Error(`Offset ${offset} is past the paragraph's ${at} characters`);
        d.cursor = { element: el, offset: el.children.length };
        return;
      }
      d.cursor = { element: el, offset };
    },
    inspectDocument(idOrUrl) {
      return renderDocument(docOf(idOrUrl));
    },
    inspectDrive() {
      return {
        folders: [...drive.folders.values()].map((f) => item(f, f.name)),
        files: drive.allIds().flatMap((id) => {
          const f = drive.lookupFile(id);
          return f ? [item(f, drive.nameOf(f))] : [];
        }),
      };
    },
    denyDriveAccess(idOrUrl) {
      drive.denied.add(docs.idOf(String(idOrUrl)));
    },
    addFolder(name, parentId = ROOT_FOLDER_ID) {
      if (!drive.folders.has(parentId)) throw new Error(`No folder ${parentId}`);
      return drive.newFolder(name, parentId).id;
    },
    grantToApp(idOrUrl) {
      const id = docs.idOf(String(idOrUrl));
      if (!drive.folders.has(id) && !drive.lookupFile(id)) throw new Error(`No Drive item ${idOrUrl}`);
      drive.grant(id);
    },
    editDriveItem(idOrUrl, change) {
      const id = docs.idOf(String(idOrUrl));
      const entry = drive.folders.get(id) ?? drive.lookupFile(id);
      if (!entry || id === ROOT_FOLDER_ID) throw new Error(`No Drive item ${idOrUrl}`);
      if (change.parentId !== undefined) {
        if (!drive.folders.has(change.parentId)) throw new Error(`No folder ${change.parentId}`);
        entry.parents = [change.parentId];
      }
      if (change.name !== undefined) {
        drive.files.get(id)?.source?.setName(change.name);
        entry.name = change.name;
      }
    },
    trashDriveItem(idOrUrl) {
      const id = docs.idOf(String(idOrUrl));
      const entry = drive.folders.get(id) ?? drive.lookupFile(id);
      if (!entry || id === ROOT_FOLDER_ID) throw new Error(`No Drive item ${idOrUrl}`);
      entry.trashed = true;
    },
    deleteDriveItem(idOrUrl) {
      const id = docs.idOf(String(idOrUrl));
      if (id === ROOT_FOLDER_ID || (!drive.folders.has(id) && !drive.lookupFile(id)))
        throw new Error(`No Drive item ${idOrUrl}`);
      // files.delete: "If the target is a folder, all descendants owned by the user are also deleted"
      // (workspace/drive/api/reference/rest/v3/files/delete).
      const folders = new Set<string>(drive.folders.has(id) ? [id] : []);
      for (let size = -1; size !== folders.size;) {
        size = folders.size;
        for (const f of drive.folders.values()) if (f.parents.some((p) => folders.has(p))) folders.add(f.id);
      }
      const files = drive.allIds().flatMap((f) => {
        const entry = drive.lookupFile(f);
        return entry && (f === id || entry.parents.some((p) => folders.has(p))) ? [entry] : [];
      });
      const kept = files.find((f) => f.source && f.mimeType !== MimeType.GOOGLE_DOCS);
      if (kept) throw new Error(`The in-memory Drive cannot delete ${kept.mimeType} files (${kept.id}).`);
      for (const f of files) {
        docs.docs.delete(f.id);
        drive.files.delete(f.id);
        drive.granted.delete(f.id);
      }
      for (const f of folders) {
        drive.folders.delete(f);
        drive.granted.delete(f);
      }
    },
  };

  return {
    globals: {
      DocumentApp: new FakeDocumentApp(env, docs, ui),
      Drive: new FakeDriveAdvanced(env, drive),
    },
    drive,
    docs,
    helpers,
    save: () => ({ documents: docs.save(), activeDocumentId: docs.activeId, drive: drive.save() }),
  };
}
