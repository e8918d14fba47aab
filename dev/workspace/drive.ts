// DriveApp: files and folders. Docs (document.ts), the container spreadsheet and Forms are Drive files
// too: their own registries keep their content and name, and link it here through a DriveSource, either
// with registerFile() when they create a file or with a resolver that Drive asks for an id it has not
// seen yet (files made before Drive was asked, and files restored from saved state).
//
// Real behaviour kept: an id Drive cannot see (missing or denied) throws the same "No item with the
// given ID" error; trashed files stay reachable by id and still appear in getFiles*/getFilesByName
// (filter with isTrashed()); a File's URL for a Google Doc carries '?usp=drivesdk'.
import { Counted, Env } from './env';

export const MimeType = Object.freeze({
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: 'application/vnd.google-apps.folder',
  PLAIN_TEXT: 'text/plain',
  HTML: 'text/html',
  CSV: 'text/csv',
  PDF: 'application/pdf',
  JSON: 'application/json',
});

export const Access = Object.freeze({
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
});

export const Permission = Object.freeze({
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  NONE: 'NONE',
});

export const ROOT_FOLDER_ID = '0AInMemoryRootFolderUk9PVA';
export const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

/** How another registry lends a file's name and content to Drive. */
export interface DriveSource {
  mimeType: string;
  /** The URL DriveApp's File.getUrl() returns. */
  url: string;
  getName(): string;
  setName(name: string): void;
  /** Makes an independent copy in the owning registry and returns its id (Drive then registers it). */
  copy?(name: string): string;
}

export interface FileEntry {
  id: string;
  mimeType: string;
  /** Name of a plain file; files with a source keep their name there. */
  name: string;
  content: string;
  parents: string[];
  trashed: boolean;
  created: number;
  updated: number;
  editors: string[];
  viewers: string[];
  sharing: { access: string; permission: string };
  description: string;
  source?: DriveSource;
}

export interface FolderEntry {
  id: string;
  name: string;
  parents: string[];
  trashed: boolean;
  created: number;
  updated: number;
  editors: string[];
}

export type DriveFileState = Omit<FileEntry, 'source'>;
export type DriveFolderState = FolderEntry;

export interface DriveState {
  files: DriveFileState[];
  folders: DriveFolderState[];
  denied: string[];
  /** Ids the add-on may reach under drive.file (drive-api.ts); absent in states saved before it existed. */
  granted?: string[];
}

const ID_IN_URL = /\/d\/([A-Za-z0-9_-]+)|\/folders\/([A-Za-z0-9_-]+)|[?&]id=([A-Za-z0-9_-]+)/;

/** The id inside a Docs/Sheets/Forms/Drive URL, or the text itself. */
export function driveIdOf(idOrUrl: string): string {
  const m = ID_IN_URL.exec(idOrUrl);
  return m ? (m[1] ?? m[2] ?? m[3]) : idOrUrl;
}

export class DriveRegistry {
  readonly files = new Map<string, FileEntry>();
  readonly folders = new Map<string, FolderEntry>();
  readonly denied = new Set<string>();
  /**
   * What the add-on may reach under the drive.file scope: files and folders it created, or that the
   * user picked or opened with it (drive/api/guides/api-specific-auth). Used by the Drive advanced
   * service (drive-api.ts); DriveApp needs the full drive scope and ignores it.
   */
  readonly granted = new Set<string>();
  /**
   * How a file of a Google type is made from an upload (Files.create with media): by target mime type, the
   * new file's id from its name, the uploaded text and its folder (document.ts registers Docs from HTML).
   */
  readonly importers = new Map<string, (name: string, text: string, parentId: string) => string>();
  private readonly resolvers: ((id: string) => DriveSource | undefined)[] = [];
  private readonly listers: (() => string[])[] = [];

  constructor(readonly env: Env) {
    const now = env.now().getTime();
    this.folders.set(ROOT_FOLDER_ID, {
      id: ROOT_FOLDER_ID,
      name: 'My Drive',
      parents: [],
      trashed: false,
      created: now,
      updated: now,
      editors: [],
    });
  }

  /**
   * Links files Drive has not seen (or whose source was not restored) to their owning registry;
   * `list` names the ids the registry holds, so listings include files never looked up by id.
   */
  addResolver(resolve: (id: string) => DriveSource | undefined, list?: () => string[]): void {
    this.resolvers.push(resolve);
    if (list) this.listers.push(list);
  }

  /** Every file id Drive knows of, registered or not. */
  allIds(): string[] {
    const ids = new Set(this.files.keys());
    for (const list of this.listers) for (const id of list()) ids.add(id);
    return [...ids];
  }

  /**
   * For other fakes: a new file (a Doc, a Form) now exists. Goes into `parentId` (default: My Drive).
   * Registering an id again re-attaches the source and keeps the Drive metadata.
   */
  registerFile(init: {
    id: string;
    mimeType: string;
    name?: string;
    url?: string;
    source?: DriveSource;
    parentId?: string;
    content?: string;
  }): FileEntry {
    const existing = this.files.get(init.id);
    if (existing) {
      if (init.source) existing.source = init.source;
      return existing;
    }
    const now = this.env.now().getTime();
    const entry: FileEntry = {
      id: init.id,
      mimeType: init.mimeType,
      name: init.name ?? init.source?.getName() ?? 'Untitled',
      content: init.content ?? '',
      parents: [init.parentId ?? ROOT_FOLDER_ID],
      trashed: false,
      created: now,
      updated: now,
      editors: [],
      viewers: [],
      sharing: { access: Access.PRIVATE, permission: Permission.EDIT },
      description: '',
    };
    if (init.source) entry.source = init.source;
    else if (init.url !== undefined) {
      const url = init.url;
      let name = entry.name;
      entry.source = {
        mimeType: init.mimeType,
        url,
        getName: () => name,
        setName: (n) => {
          name = n;
        },
      };
    }
    this.files.set(entry.id, entry);
    return entry;
  }

  /** The entry with its source attached, without access checks; undefined when Drive has no such file. */
  lookupFile(id: string): FileEntry | undefined {
    const entry = this.files.get(id);
    if (entry?.source) return entry;
    for (const resolve of this.resolvers) {
      const source = resolve(id);
      if (source) return this.registerFile({ id, mimeType: source.mimeType, source });
    }
    return entry;
  }

  /** The add-on may reach this file or folder from now on (it made it, or the user picked it). */
  grant(id: string): void {
    this.granted.add(id);
  }

  /** Marks a file as changed now (for getLastUpdated). */
  touch(id: string): void {
    const entry = this.files.get(id);
    if (entry) entry.updated = this.env.now().getTime();
  }

  file(idOrUrl: unknown): FileEntry {
    const id = driveIdOf(String(idOrUrl));
    if (this.denied.has(id)) return this.env.fail(NO_ITEM);
    return this.lookupFile(id) ?? this.env.fail(NO_ITEM);
  }

  folder(idOrUrl: unknown): FolderEntry {
    const id = driveIdOf(String(idOrUrl));
    if (this.denied.has(id)) return this.env.fail(NO_ITEM);
    return this.folders.get(id) ?? this.env.fail(NO_ITEM);
  }

  nameOf(entry: FileEntry): string {
    return entry.source ? entry.source.getName() : entry.name;
  }

  newFolder(name: string, parentId: string): FolderEntry {
    const now = this.env.now().getTime();
    const f: FolderEntry = {
      id: this.env.nextFileId(),
      name,
      parents: [parentId],
      trashed: false,
      created: now,
      updated: now,
      editors: [],
    };
    this.folders.set(f.id, f);
    return f;
  }

  newPlainFile(name: string, content: string, mimeType: string, parentId: string): FileEntry {
    return this.registerFile({ id: this.env.nextFileId(), mimeType, name, content, parentId });
  }

  save(): DriveState {
    return {
      files: [...this.files.values()].map((f) => {
        const { source, ...rest } = f;
        return {
          ...rest,
          name: source ? source.getName() : f.name,
          parents: [...f.parents],
          editors: [...f.editors],
          viewers: [...f.viewers],
          sharing: { ...f.sharing },
        };
      }),
      folders: [...this.folders.values()].map((f) => ({
        ...f,
        parents: [...f.parents],
        editors: [...f.editors],
      })),
      denied: [...this.denied],
      granted: [...this.granted],
    };
  }

  load(state: DriveState): void {
    for (const f of state.files)
      this.files.set(f.id, {
        ...f,
        parents: [...f.parents],
        editors: [...f.editors],
        viewers: [...f.viewers],
        sharing: { ...f.sharing },
      });
    for (const f of state.folders)
      this.folders.set(f.id, { ...f, parents: [...f.parents], editors: [...f.editors] });
    for (const id of state.denied) this.denied.add(id);
    for (const id of state.granted ?? []) this.granted.add(id);
  }
}

export class FakeUser extends Counted {
  constructor(
    env: Env,
    private readonly email: string,
  ) {
    super(env, 'DriveApp', 'User');
  }
  getEmail(): string {
    this.rec('getEmail');
    return this.email;
  }
  getName(): string {
    this.rec('getName');
    return this.email.split('@')[0];
  }
}

/** FileIterator / FolderIterator over a snapshot. */
export class FakeDriveIterator<T> extends Counted {
  private at = 0;
  constructor(
    env: Env,
    typeName: 'FileIterator' | 'FolderIterator',
    private readonly items: T[],
  ) {
    super(env, 'DriveApp', typeName);
  }
  hasNext(): boolean {
    this.rec('hasNext');
    return this.at < this.items.length;
  }
  next(): T {
    this.rec('next');
    if (this.at >= this.items.length)
      return this.env.fail('Cannot retrieve the next object: iterator has reached the end.');
    return this.items[this.at++];
  }
  getContinuationToken(): string {
    this.rec('getContinuationToken');
    return `in-memory:${this.at}`;
  }
}

function emailsOf(list: unknown): string[] {
  const arr = Array.isArray(list) ? list : [list];
  return arr.map((x) => String(x).trim().toLowerCase());
}

function addUnique(target: string[], emails: string[]): void {
  for (const e of emails) if (!target.includes(e)) target.push(e);
}

export class FakeFile extends Counted {
  constructor(
    env: Env,
    private readonly drive: DriveRegistry,
    readonly entry: FileEntry,
  ) {
    super(env, 'DriveApp', 'File');
  }
  private touch(): void {
    this.entry.updated = this.env.now().getTime();
  }
  getId(): string {
    this.rec('getId');
    return this.entry.id;
  }
  getName(): string {
    this.rec('getName');
    return this.drive.nameOf(this.entry);
  }
  setName(name: string): this {
    this.rec('setName');
    if (this.entry.source) this.entry.source.setName(String(name));
    this.entry.name = String(name);
    this.touch();
    return this;
  }
  getUrl(): string {
    this.rec('getUrl');
    const s = this.entry.source;
    if (s) return s.url.includes('docs.google.com') ? `${s.url}?usp=drivesdk` : s.url;
    return `https://drive.google.com/file/d/${this.entry.id}/view?usp=drivesdk`;
  }
  getMimeType(): string {
    this.rec('getMimeType');
    return this.entry.mimeType;
  }
  getDescription(): string | null {
    this.rec('getDescription');
    return this.entry.description === '' ? null : this.entry.description;
  }
  setDescription(description: string): this {
    this.rec('setDescription');
    this.entry.description = String(description);
    return this;
  }
  getSize(): number {
    this.rec('getSize');
    return this.entry.source ? 0 : Buffer.byteLength(this.entry.content, 'utf8');
  }
  getDateCreated(): Date {
    this.rec('getDateCreated');
    return this.env.date(this.entry.created);
  }
  getLastUpdated(): Date {
    this.rec('getLastUpdated');
    return this.env.date(this.entry.updated);
  }
  isTrashed(): boolean {
    this.rec('isTrashed');
    return this.entry.trashed;
  }
  setTrashed(trashed: boolean): this {
    this.rec('setTrashed');
    this.entry.trashed = Boolean(trashed);
    this.touch();
    return this;
  }
  getParents(): FakeDriveIterator<FakeFolder> {
    this.rec('getParents');
    const parents = this.entry.parents.flatMap((id) => {
      const f = this.drive.folders.get(id);
      return f ? [new FakeFolder(this.env, this.drive, f)] : [];
    });
    return new FakeDriveIterator(this.env, 'FolderIterator', parents);
  }
  moveTo(destination: unknown): this {
    this.rec('moveTo');
    if (!(destination instanceof FakeFolder)) return this.env.fail('Invalid argument: destination');
    this.entry.parents = [destination.entry.id];
    this.touch();
    return this;
  }
  /** makeCopy() | makeCopy(name) | makeCopy(destination) | makeCopy(name, destination). */
  makeCopy(a?: unknown, b?: unknown): FakeFile {
    this.rec('makeCopy');
    const destination = a instanceof FakeFolder ? a : b instanceof FakeFolder ? b : null;
    if (b !== undefined && !(b instanceof FakeFolder)) return this.env.fail('Invalid argument: destination');
    const name = typeof a === 'string' ? a : `Copy of ${this.drive.nameOf(this.entry)}`;
    const parentId = destination ? destination.entry.id : (this.entry.parents[0] ?? ROOT_FOLDER_ID);
    const src = this.entry.source;
    let entry: FileEntry;
    if (src?.copy) {
      const id = src.copy(name);
      entry = this.drive.lookupFile(id) ?? this.env.fail(NO_ITEM);
      entry.parents = [parentId];
    } else if (src) {
      return this.env.fail(`Copying ${this.entry.mimeType} files is not supported by the in-memory Drive.`);
    } else {
      entry = this.drive.newPlainFile(name, this.entry.content, this.entry.mimeType, parentId);
    }
    entry.description = this.entry.description;
    return new FakeFile(this.env, this.drive, entry);
  }
  addEditor(emailAddress: string): this {
    this.rec('addEditor');
    addUnique(this.entry.editors, emailsOf(emailAddress));
    return this;
  }
  addEditors(emailAddresses: string[]): this {
    this.rec('addEditors');
    addUnique(this.entry.editors, emailsOf(emailAddresses));
    return this;
  }
  removeEditor(emailAddress: string): this {
    this.rec('removeEditor');
    const e = emailsOf(emailAddress)[0];
    this.entry.editors = this.entry.editors.filter((x) => x !== e);
    return this;
  }
  getEditors(): FakeUser[] {
    this.rec('getEditors');
    return this.entry.editors.map((e) => new FakeUser(this.env, e));
  }
  addViewer(emailAddress: string): this {
    this.rec('addViewer');
    addUnique(this.entry.viewers, emailsOf(emailAddress));
    return this;
  }
  getViewers(): FakeUser[] {
    this.rec('getViewers');
    return this.entry.viewers.map((e) => new FakeUser(this.env, e));
  }
  getOwner(): FakeUser {
    this.rec('getOwner');
    return new FakeUser(this.env, this.env.userEmail);
  }
  setSharing(accessType: string, permissionType: string): this {
    this.rec('setSharing');
    if (!Object.values(Access).includes(accessType as never))
      return this.env.fail('Invalid argument: accessType');
    if (!Object.values(Permission).includes(permissionType as never))
      return this.env.fail('Invalid argument: permissionType');
    this.entry.sharing = { access: accessType, permission: permissionType };
    return this;
  }
  getSharingAccess(): string {
    this.rec('getSharingAccess');
    return this.entry.sharing.access;
  }
  getSharingPermission(): string {
    this.rec('getSharingPermission');
    return this.entry.sharing.permission;
  }
  /** Only plain files created with createFile carry text; Google files answer with their name. */
  getBlob(): { getDataAsString(): string; getContentType(): string; getName(): string } {
    this.rec('getBlob');
    const content = this.entry.content;
    const type = this.entry.mimeType;
    const name = this.drive.nameOf(this.entry);
    return { getDataAsString: () => content, getContentType: () => type, getName: () => name };
  }
}

export class FakeFolder extends Counted {
  constructor(
    env: Env,
    private readonly drive: DriveRegistry,
    readonly entry: FolderEntry,
  ) {
    super(env, 'DriveApp', 'Folder');
  }
  private fileList(filter: (f: FileEntry) => boolean = () => true): FakeDriveIterator<FakeFile> {
    const files = this.drive
      .allIds()
      .map((id) => this.drive.lookupFile(id))
      .filter((f): f is FileEntry => f !== undefined && f.parents.includes(this.entry.id) && filter(f))
      .map((f) => new FakeFile(this.env, this.drive, f));
    return new FakeDriveIterator(this.env, 'FileIterator', files);
  }
  private folderList(filter: (f: FolderEntry) => boolean = () => true): FakeDriveIterator<FakeFolder> {
    const folders = [...this.drive.folders.values()]
      .filter((f) => f.parents.includes(this.entry.id) && filter(f))
      .map((f) => new FakeFolder(this.env, this.drive, f));
    return new FakeDriveIterator(this.env, 'FolderIterator', folders);
  }
  getId(): string {
    this.rec('getId');
    return this.entry.id;
  }
  getName(): string {
    this.rec('getName');
    return this.entry.name;
  }
  setName(name: string): this {
    this.rec('setName');
    this.entry.name = String(name);
    this.entry.updated = this.env.now().getTime();
    return this;
  }
  getUrl(): string {
    this.rec('getUrl');
    return `https://drive.google.com/drive/folders/${this.entry.id}`;
  }
  getDateCreated(): Date {
    this.rec('getDateCreated');
    return this.env.date(this.entry.created);
  }
  getLastUpdated(): Date {
    this.rec('getLastUpdated');
    return this.env.date(this.entry.updated);
  }
  isTrashed(): boolean {
    this.rec('isTrashed');
    return this.entry.trashed;
  }
  setTrashed(trashed: boolean): this {
    this.rec('setTrashed');
    if (this.entry.id === ROOT_FOLDER_ID) return this.env.fail('Access denied: DriveApp.');
    this.entry.trashed = Boolean(trashed);
    return this;
  }
  getParents(): FakeDriveIterator<FakeFolder> {
    this.rec('getParents');
    const parents = this.entry.parents.flatMap((id) => {
      const f = this.drive.folders.get(id);
      return f ? [new FakeFolder(this.env, this.drive, f)] : [];
    });
    return new FakeDriveIterator(this.env, 'FolderIterator', parents);
  }
  moveTo(destination: unknown): this {
    this.rec('moveTo');
    if (!(destination instanceof FakeFolder)) return this.env.fail('Invalid argument: destination');
    this.entry.parents = [destination.entry.id];
    return this;
  }
  createFolder(name: string): FakeFolder {
    this.rec('createFolder');
    return new FakeFolder(this.env, this.drive, this.drive.newFolder(String(name), this.entry.id));
  }
  createFile(name: string, content: string, mimeType?: string): FakeFile {
    this.rec('createFile');
    const entry = this.drive.newPlainFile(
      String(name),
      String(content),
      mimeType ?? MimeType.PLAIN_TEXT,
      this.entry.id,
    );
    return new FakeFile(this.env, this.drive, entry);
  }
  getFiles(): FakeDriveIterator<FakeFile> {
    this.rec('getFiles');
    return this.fileList();
  }
  getFilesByName(name: string): FakeDriveIterator<FakeFile> {
    this.rec('getFilesByName');
    return this.fileList((f) => this.drive.nameOf(f) === String(name));
  }
  getFilesByType(mimeType: string): FakeDriveIterator<FakeFile> {
    this.rec('getFilesByType');
    return this.fileList((f) => f.mimeType === String(mimeType));
  }
  getFolders(): FakeDriveIterator<FakeFolder> {
    this.rec('getFolders');
    return this.folderList();
  }
  getFoldersByName(name: string): FakeDriveIterator<FakeFolder> {
    this.rec('getFoldersByName');
    return this.folderList((f) => f.name === String(name));
  }
  /** Adds the file to this folder too (Drive's old multi-parent model). */
  addFile(file: unknown): this {
    this.rec('addFile');
    if (!(file instanceof FakeFile)) return this.env.fail('Invalid argument: child');
    if (!file.entry.parents.includes(this.entry.id)) file.entry.parents.push(this.entry.id);
    return this;
  }
  removeFile(file: unknown): this {
    this.rec('removeFile');
    if (!(file instanceof FakeFile)) return this.env.fail('Invalid argument: child');
    file.entry.parents = file.entry.parents.filter((p) => p !== this.entry.id);
    return this;
  }
  addEditor(emailAddress: string): this {
    this.rec('addEditor');
    addUnique(this.entry.editors, emailsOf(emailAddress));
    return this;
  }
  getEditors(): FakeUser[] {
    this.rec('getEditors');
    return this.entry.editors.map((e) => new FakeUser(this.env, e));
  }
}

export class FakeDriveApp extends Counted {
  readonly Access = Access;
  readonly Permission = Permission;

  constructor(
    env: Env,
    private readonly drive: DriveRegistry,
  ) {
    super(env, 'DriveApp', null);
  }
  private root(): FakeFolder {
    return new FakeFolder(this.env, this.drive, this.drive.folder(ROOT_FOLDER_ID));
  }
  getFileById(id: string): FakeFile {
    this.rec('getFileById');
    return new FakeFile(this.env, this.drive, this.drive.file(id));
  }
  getFolderById(id: string): FakeFolder {
    this.rec('getFolderById');
    return new FakeFolder(this.env, this.drive, this.drive.folder(id));
  }
  getRootFolder(): FakeFolder {
    this.rec('getRootFolder');
    return this.root();
  }
  createFolder(name: string): FakeFolder {
    this.rec('createFolder');
    return new FakeFolder(this.env, this.drive, this.drive.newFolder(String(name), ROOT_FOLDER_ID));
  }
  createFile(name: string, content: string, mimeType?: string): FakeFile {
    this.rec('createFile');
    const entry = this.drive.newPlainFile(
      String(name),
      String(content),
      mimeType ?? MimeType.PLAIN_TEXT,
      ROOT_FOLDER_ID,
    );
    return new FakeFile(this.env, this.drive, entry);
  }
  private allFiles(filter: (f: FileEntry) => boolean): FakeDriveIterator<FakeFile> {
    const files = this.drive
      .allIds()
      .filter((id) => !this.drive.denied.has(id))
      .map((id) => this.drive.lookupFile(id))
      .filter((f): f is FileEntry => f !== undefined && filter(f))
      .map((f) => new FakeFile(this.env, this.drive, f));
    return new FakeDriveIterator(this.env, 'FileIterator', files);
  }
  getFiles(): FakeDriveIterator<FakeFile> {
    this.rec('getFiles');
    return this.allFiles(() => true);
  }
  getFilesByName(name: string): FakeDriveIterator<FakeFile> {
    this.rec('getFilesByName');
    return this.allFiles((f) => this.drive.nameOf(f) === String(name));
  }
  getFilesByType(mimeType: string): FakeDriveIterator<FakeFile> {
    this.rec('getFilesByType');
    return this.allFiles((f) => f.mimeType === String(mimeType));
  }
  getFolders(): FakeDriveIterator<FakeFolder> {
    this.rec('getFolders');
    return this.folderIterator(() => true);
  }
  getFoldersByName(name: string): FakeDriveIterator<FakeFolder> {
    this.rec('getFoldersByName');
    return this.folderIterator((f) => f.name === String(name));
  }
  private folderIterator(filter: (f: FolderEntry) => boolean): FakeDriveIterator<FakeFolder> {
    const folders = [...this.drive.folders.values()]
      .filter((f) => f.id !== ROOT_FOLDER_ID && !this.drive.denied.has(f.id) && filter(f))
      .map((f) => new FakeFolder(this.env, this.drive, f));
    return new FakeDriveIterator(this.env, 'FolderIterator', folders);
  }
  getStorageUsed(): number {
    this.rec('getStorageUsed');
    let n = 0;
    for (const f of this.drive.files.values()) n += f.source ? 0 : Buffer.byteLength(f.content, 'utf8');
    return n;
  }
}
