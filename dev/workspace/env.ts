// What every fake shares: the call log, the clock, the zones, the record of menus, sidebars and alerts
// that ui.ts fills, and the realm that values and errors are made in (the bundle runs in a vm context,
// where `instanceof Error`/`instanceof Date` need its own constructors; see Workspace.bindRealm).
import type { CallLog } from './calls';

/** One shape for all entries so callers can map items to [caption, functionName] directly. */
export interface MenuEntry {
  kind: 'item' | 'separator';
  /** The item's caption; '' for a separator. */
  caption: string;
  /** '' for separators. */
  functionName: string;
}

export interface UiRecord {
  /** Menus added with addToUi; adding a menu with the same title again replaces it (onOpen reruns). */
  menus: { title: string; addon: boolean; items: MenuEntry[] }[];
  sidebars: { title: string; html: string; width: number }[];
  alerts: { title: string; prompt: string; buttons: string; response: string }[];
  /** Next answers to alert(), as button names ('OK', 'YES', 'NO'…); shifted one per call. */
  answers: string[];
}

export function newUiRecord(): UiRecord {
  return {
    menus: [],
    sidebars: [],
    alerts: [],
    answers: [],
  };
}

export interface Realm {
  Error: ErrorConstructor;
  Date: DateConstructor;
}

export type Host = 'sheets' | 'docs' | 'trigger';

export class Env {
  realm: Realm = { Error, Date };
  /**
   * Where the current execution runs: a Sheets or Docs container (menu, sidebar), or a trigger. An
   * add-on's installable trigger (time-driven or form-submit) runs outside any container: no active
   * document, no UI, no document lock or properties. (guides/triggers/installable; reference/lock/lock-service)
   */
  host: Host = 'sheets';
  /** The id of the container document of this execution (set by the workspace): null in a trigger. */
  activeDocument: () => string | null = () => null;
  /** What Session.getActiveUser().getEmail() gives: may be '' (consumer accounts, other domains). */
  activeUserEmail: string;

  constructor(
    readonly calls: CallLog,
    readonly now: () => Date,
    public scriptTimeZone: string,
    readonly userEmail: string,
    readonly ui: UiRecord,
    /** State of the id generator, persisted so restored workspaces keep making fresh ids. */
    public seed: number,
  ) {
    this.activeUserEmail = userEmail;
  }

  /** Deterministic pseudo-random 32-bit integer (mulberry32): stable ids across test runs. */
  nextRandom(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A Drive-style file id: 44 characters of [A-Za-z0-9_-] starting with '1'. */
  nextFileId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let id = '1';
    while (id.length < 44) id += alphabet[this.nextRandom() % 64];
    return id;
  }

  fail(message: string): never {
    throw new this.realm.Error(message);
  }

  date(ms: number): Date {
    return new this.realm.Date(ms);
  }
}

/** Base of every fake object: `this.rec('getValues')` counts one call as '<service>.<type>.getValues'. */
export abstract class Counted {
  protected constructor(
    protected readonly env: Env,
    private readonly service: string,
    private readonly typeName: string | null,
  ) {}

  protected rec(method: string): void {
    this.env.calls.record(this.service, this.typeName ? `${this.typeName}.${method}` : method);
  }
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
