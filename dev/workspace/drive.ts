// Drive's files and folders, as the Drive advanced service (drive-api.ts) sees them. Docs (document.ts),
// the container spreadsheet and Forms are Drive files too: their own registries keep their content and
// name, and link it here through a DriveSource, either with registerFile() when they create a file or
// with a resolver that Drive asks for an id it has not seen yet (files made before Drive was asked, and
// files restored from saved state). The add-on never calls DriveApp (it needs the restricted drive
// scope), so DriveApp is not faked.
//
// Real behaviour kept: an id Drive cannot see (missing or denied) throws the same "No item with the
// given ID" error; trashed files stay reachable by id.
import type { Env } from './env';

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
  /** The file's URL (what Drive.Files' webViewLink gives). */
  url: string;
  getName(): string;
  setName(name: string): void;
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
   * service (drive-api.ts). Granted by each fake that creates: DocumentApp.create, FormApp.create,
   * Drive.Files.create, and `grantToApp` for the Picker. SpreadsheetApp.create is not faked (src/ does not
   * call it); should it come back, it must grant the spreadsheet it makes here too.
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
