// The Drive advanced service (global `Drive`, Drive API v3): the Files methods Partner Hub uses, with
// what the add-on may reach under the drive.file scope. Calls count under 'Drive' ('Drive.Files.get').
//
// Real behaviour kept, each from the page named:
// - Arguments are the request body, then path parameters, then the media Blob, then an object of optional
//   parameters (apps-script/guides/services/advanced, "How method signatures are determined"); the media
//   argument may be null when only metadata changes (apps-script/advanced/drive, "Add custom properties").
// - Under drive.file the add-on reaches only what it created or the user picked or opened with it
//   (workspace/drive/api/guides/api-specific-auth); anything else, and anything deleted, answers
//   404 "File not found: <id>." (workspace/drive/api/guides/handle-errors, notFound).
// - An API error reaches the script as "API call to drive.files.<method> failed with error: <message>"
//   (the advanced services' GoogleJsonResponseException).
// - Without `fields` a file comes back as kind, id, name and mimeType; an unknown field is refused
//   (workspace/drive/api/guides/fields-parameter).
// - Files.list lists only what drive.file lets the add-on reach, trashed items included unless the query
//   says `trashed = false` (reference/rest/v3/files/list); query terms as in guides/ref-search-terms:
//   quoted values with \' for a quote, createdTime in RFC 3339 (UTC).
import { Counted, Env } from './env';
import { DriveRegistry, FileEntry, FolderEntry, MimeType, ROOT_FOLDER_ID } from './drive';
import { FakeBlob } from './utilities';

type Item = { kind: 'file'; entry: FileEntry } | { kind: 'folder'; entry: FolderEntry };

const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A comma-separated id list, as addParents and removeParents take it. */
function ids(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export class FakeDriveFiles extends Counted {
  constructor(
    env: Env,
    private readonly drive: DriveRegistry,
  ) {
    super(env, 'Drive', 'Files');
  }

  private fail(method: string, message: string): never {
    return this.env.fail(`API call to drive.files.${method} failed with error: ${message}`);
  }

  /** Refuses what this fake does not model, in words that say so (not an error Google would give). */
  private unsupported(what: string): never {
    return this.env.fail(`The in-memory Drive does not support ${what}.`);
  }

  /** A file or folder the add-on may reach under drive.file; 404 otherwise. */
  private reach(method: string, idValue: unknown): Item {
    const id = String(idValue);
    if (this.drive.granted.has(id) && !this.drive.denied.has(id)) {
      const folder = this.drive.folders.get(id);
      if (folder) return { kind: 'folder', entry: folder };
      const file = this.drive.lookupFile(id);
      if (file) return { kind: 'file', entry: file };
    }
    return this.fail(method, `File not found: ${id}.`);
  }

  /** A folder the add-on may put things in: 'root' (My Drive) or a reachable folder. */
  private parentFolder(method: string, id: string): string {
    if (id === 'root' || id === ROOT_FOLDER_ID) return ROOT_FOLDER_ID;
    const item = this.reach(method, id);
    // A parent is a folder (workspace/drive/api/reference/rest/v3/files#File.FIELDS.parents).
    if (item.kind !== 'folder') return this.unsupported(`a parent that is not a folder (${id})`);
    return item.entry.id;
  }

  /** Trashed "either explicitly or from a trashed parent folder" (reference/rest/v3/files#File.FIELDS.trashed). */
  private trashed(entry: { trashed: boolean; parents: string[] }, seen = new Set<string>()): boolean {
    if (entry.trashed) return true;
    return entry.parents.some((p) => {
      const parent = this.drive.folders.get(p);
      if (!parent || seen.has(p)) return false;
      seen.add(p);
      return this.trashed(parent, seen);
    });
  }

  private resource(method: string, item: Item, fields: unknown): Record<string, unknown> {
    const { entry } = item;
    const link =
      item.kind === 'folder'
        ? `https://drive.google.com/drive/folders/${entry.id}`
        : item.entry.source?.url.includes('docs.google.com')
          ? `${item.entry.source.url}?usp=drivesdk`
          : `https://drive.google.com/file/d/${entry.id}/view?usp=drivesdk`;
    const all: Record<string, unknown> = {
      kind: 'drive#file',
      id: entry.id,
      name: item.kind === 'folder' ? item.entry.name : this.drive.nameOf(item.entry),
      mimeType: item.kind === 'folder' ? MimeType.FOLDER : item.entry.mimeType,
      parents: [...entry.parents],
      trashed: this.trashed(entry),
      webViewLink: link,
    };
    const wanted = fields === undefined || fields === null ? DEFAULT_FIELDS : ids(fields);
    if (wanted.includes('*')) return all;
    const out: Record<string, unknown> = {};
    for (const field of wanted) {
      if (!(field in all)) {
        if (/^[A-Za-z]+$/.test(field)) this.unsupported(`the field "${field}"`);
        this.fail(method, `Invalid field selection ${field}`);
      }
      out[field] = all[field];
    }
    return out;
  }

  private options(method: string, value: unknown): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    return record(value) ?? this.fail(method, 'Invalid argument: optionalArgs');
  }

  private noMedia(media: unknown): void {
    if (media !== undefined && media !== null) this.unsupported('uploading file content');
  }

  /**
   * Files.create(resource, mediaData?, optionalArgs?): a folder (mimeType FOLDER, no media), or a Google
   * Doc imported from HTML (mimeType GOOGLE_DOCS with a text/html Blob: Drive converts it, as in
   * workspace/drive/api/guides/manage-uploads, "Import to Google Docs types"; see html-import.ts).
   */
  create(resource: unknown, mediaData?: unknown, optionalArgs?: unknown): Record<string, unknown> {
    this.rec('create');
    const body = record(resource) ?? this.fail('create', 'Invalid argument: resource');
    const options = this.options('create', optionalArgs);
    const imported = body.mimeType === MimeType.GOOGLE_DOCS && mediaData !== undefined && mediaData !== null;
    if (imported) {
      if (!(mediaData instanceof FakeBlob)) return this.fail('create', 'Invalid argument: mediaData');
      const media = mediaData.peek();
      if (media.contentType !== 'text/html')
        this.unsupported(`importing ${String(media.contentType)} into a Google Doc (only text/html)`);
    } else {
      this.noMedia(mediaData);
      if (body.mimeType !== MimeType.FOLDER)
        this.unsupported(
          `Drive.Files.create for anything but a folder or an HTML import (mimeType ${String(body.mimeType)})`,
        );
    }
    const parents = body.parents === undefined ? [] : body.parents;
    if (!Array.isArray(parents)) return this.fail('create', 'Invalid value for parents');
    // One parent per item (workspace/drive/api/guides/ref-single-parent): a second one is refused.
    if (parents.length > 1) this.fail('create', 'Increasing the number of parents is not allowed');
    const parentId = parents.length ? this.parentFolder('create', String(parents[0])) : ROOT_FOLDER_ID;
    // A new file with no name is "Untitled" (workspace/drive/api/guides/create-file).
    const name = typeof body.name === 'string' && body.name !== '' ? body.name : 'Untitled';
    if (imported && mediaData instanceof FakeBlob) {
      const importer = this.drive.importers.get(MimeType.GOOGLE_DOCS);
      if (!importer) return this.unsupported('imports without DocumentApp');
      const id = importer(name, mediaData.peek().bytes.toString('utf8'), parentId);
      this.drive.grant(id);
      const file = this.drive.lookupFile(id) ?? this.fail('create', 'Internal error');
      return this.resource('create', { kind: 'file', entry: file }, options.fields);
    }
    const folder = this.drive.newFolder(name, parentId);
    // What the add-on creates it may reach (drive.file).
    this.drive.grant(folder.id);
    return this.resource('create', { kind: 'folder', entry: folder }, options.fields);
  }

  /** Files.update(resource, fileId, mediaData?, optionalArgs?): name, trashed, and a move with addParents/removeParents. */
  update(
    resource: unknown,
    fileId: unknown,
    mediaData?: unknown,
    optionalArgs?: unknown,
  ): Record<string, unknown> {
    this.rec('update');
    const body = record(resource) ?? this.fail('update', 'Invalid argument: resource');
    const item = this.reach('update', fileId);
    this.noMedia(mediaData);
    const options = this.options('update', optionalArgs);
    // Parents change only through addParents/removeParents (reference/rest/v3/files/update).
    if ('parents' in body)
      this.fail(
        'update',
        'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.',
      );
    for (const key of Object.keys(body)) {
      if (!['name', 'trashed'].includes(key)) this.unsupported(`changing "${key}" with Drive.Files.update`);
    }
    if (body.name !== undefined && typeof body.name !== 'string')
      this.fail('update', 'Invalid value for name');
    if (body.trashed !== undefined && typeof body.trashed !== 'boolean')
      this.fail('update', 'Invalid value for trashed');
    const add = ids(options.addParents).map((id) => this.parentFolder('update', id));
    const remove = new Set(ids(options.removeParents).map((id) => (id === 'root' ? ROOT_FOLDER_ID : id)));
    let parents = item.entry.parents.filter((p) => !remove.has(p));
    for (const id of add) if (!parents.includes(id)) parents.push(id);
    // One parent per item (workspace/drive/api/guides/ref-single-parent): add one only where one was removed.
    if (parents.length > 1) this.fail('update', 'Increasing the number of parents is not allowed');
    // An item whose last parent is removed goes to its owner's My Drive (reference/rest/v2/parents/delete).
    if (parents.length === 0) parents = [ROOT_FOLDER_ID];
    if (item.kind === 'folder' && this.isWithin(parents[0], item.entry.id))
      this.fail('update', 'Adding this parent would create a cycle in the folder tree.');
    item.entry.parents = parents;
    if (typeof body.name === 'string') {
      if (item.kind === 'file' && item.entry.source) item.entry.source.setName(body.name);
      item.entry.name = body.name;
    }
    if (typeof body.trashed === 'boolean') item.entry.trashed = body.trashed;
    item.entry.updated = this.env.now().getTime();
    return this.resource('update', item, options.fields);
  }

  /** Files.get(fileId, optionalArgs?): metadata only. */
  get(fileId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    this.rec('get');
    const item = this.reach('get', fileId);
    const options = this.options('get', optionalArgs);
    if (options.alt === 'media') this.unsupported('downloading file content');
    return this.resource('get', item, options.fields);
  }

  /** Files.list(optionalArgs?): q with and-joined name, mimeType, trashed, parents and createdTime terms. */
  list(optionalArgs?: unknown): Record<string, unknown> {
    this.rec('list');
    const options = this.options('list', optionalArgs);
    const size = options.pageSize === undefined ? 100 : Number(options.pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 1000) this.fail('list', 'Invalid value for pageSize');
    if (options.pageToken !== undefined) this.unsupported('page tokens in Drive.Files.list');
    const tests = options.q === undefined ? [] : this.query(String(options.q));
    const items: Item[] = [];
    for (const id of this.drive.granted) {
      if (this.drive.denied.has(id)) continue;
      const folder = this.drive.folders.get(id);
      const file = folder ? undefined : this.drive.lookupFile(id);
      const item: Item | null = folder
        ? { kind: 'folder', entry: folder }
        : file
          ? { kind: 'file', entry: file }
          : null;
      if (item && tests.every((t) => t(item))) items.push(item);
    }
    if (items.length > size) this.unsupported('more results than one page of Drive.Files.list');
    const { top, inner } = listFields(options.fields);
    const out: Record<string, unknown> = {};
    for (const field of top) {
      if (field === 'kind') out.kind = 'drive#fileList';
      else if (field === 'incompleteSearch') out.incompleteSearch = false;
      else if (field !== 'nextPageToken') this.unsupported(`the list field "${field}"`);
    }
    if (inner) out.files = items.map((item) => this.resource('list', item, inner.join(',')));
    return out;
  }

  /** The query's terms as tests on an item (guides/ref-search-terms); anything else is refused. */
  private query(q: string): ((item: Item) => boolean)[] {
    const tokens = tokenize(q) ?? this.fail('list', 'Invalid Value');
    const terms: Token[][] = [[]];
    for (const t of tokens) {
      if (t.kind === 'word' && t.text.toLowerCase() === 'and') terms.push([]);
      else terms[terms.length - 1].push(t);
    }
    return terms.map((term) => {
      const [a, b, c] = term;
      const text = term.map((t) => t.text).join(' ');
      if (term.length !== 3) return this.unsupported(`the query term "${text}" in Drive.Files.list`);
      if (a.kind === 'string' && b.text === 'in' && c.text === 'parents') {
        const id = a.text === 'root' ? ROOT_FOLDER_ID : a.text;
        return (item: Item) => item.entry.parents.includes(id);
      }
      if (
        (a.text === 'name' || a.text === 'mimeType') &&
        (b.text === '=' || b.text === '!=') &&
        c.kind === 'string'
      ) {
        const key = a.text;
        return (item: Item) => (this.resource('list', item, key)[key] === c.text) === (b.text === '=');
      }
      if (a.text === 'trashed' && (b.text === '=' || b.text === '!=') && /^(true|false)$/.test(c.text)) {
        const want = (c.text === 'true') === (b.text === '=');
        return (item: Item) => this.trashed(item.entry) === want;
      }
      if (a.text === 'createdTime' && b.kind === 'op' && c.kind === 'string') {
        const when = Date.parse(c.text);
        if (Number.isNaN(when)) this.fail('list', 'Invalid Value');
        const compare: Record<string, (t: number) => boolean> = {
          '<': (t) => t < when,
          '<=': (t) => t <= when,
          '>': (t) => t > when,
          '>=': (t) => t >= when,
          '=': (t) => t === when,
          '!=': (t) => t !== when,
        };
        const test = compare[b.text];
        return (item: Item) => test(item.entry.created);
      }
      return this.unsupported(`the query term "${text}" in Drive.Files.list`);
    });
  }

  /** True when `folderId` is `ancestorId` or inside it. */
  private isWithin(folderId: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let at: string | undefined = folderId; at && !seen.has(at);) {
      if (at === ancestorId) return true;
      seen.add(at);
      at = this.drive.folders.get(at)?.parents[0];
    }
    return false;
  }
}

interface Token {
  kind: 'string' | 'word' | 'op';
  text: string;
}

/** A query's tokens: quoted values ('…' or "…", a backslash escaping the next character), words, operators. */
function tokenize(q: string): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < q.length;) {
    const c = q[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < q.length && q[j] !== c; j++) text += q[j] === '\\' ? q[++j] : q[j];
      if (j >= q.length) return null;
      out.push({ kind: 'string', text });
      i = j + 1;
    } else if (/[<>=!]/.test(c)) {
      const op = /^(<=|>=|!=|=|<|>)/.exec(q.slice(i))?.[1];
      if (!op) return null;
      out.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      const word = /^[A-Za-z]+/.exec(q.slice(i))?.[0];
      if (!word) return null;
      out.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return out;
}

/** A list's `fields`: top-level names, and the file fields inside files(…) (files(kind,id,name,mimeType) by default). */
function listFields(fields: unknown): { top: string[]; inner: string[] | null } {
  if (fields === undefined || fields === null) return { top: ['kind'], inner: DEFAULT_FIELDS };
  const text = String(fields);
  const files = /(^|,)\s*files\(([^)]*)\)\s*(?=,|$)/.exec(text);
  const rest = files ? text.replace(files[0], files[1]) : text;
  return { top: ids(rest), inner: files ? ids(files[2]) : null };
}

/** The `Drive` global: only Files, the collection Partner Hub uses. */
export class FakeDriveAdvanced {
  readonly Files: FakeDriveFiles;
  constructor(env: Env, drive: DriveRegistry) {
    this.Files = new FakeDriveFiles(env, drive);
  }
}
