// PropertiesService: three string stores with Apps Script's size limits.
import { Counted, Env } from './env';

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export class FakeProperties extends Counted {
  constructor(
    env: Env,
    readonly store: Map<string, string>,
  ) {
    super(env, 'PropertiesService', 'Properties');
  }

  /** Sets several keys, all or nothing, after checking both quotas. */
  private put(entries: [string, string][], deleteAllOthers: boolean): void {
    for (const [, v] of entries) {
      if (bytes(v) > VALUE_LIMIT) this.env.fail('Argument too large: value');
    }
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [k, v] of entries) next.set(k, v);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > STORE_LIMIT) {
      this.env.fail(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }

  getProperty(key: string): string | null {
    this.rec('getProperty');
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    this.rec('setProperty');
    this.put([[String(key), String(value)]], false);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): this {
    this.rec('setProperties');
    if (properties === null || typeof properties !== 'object') this.env.fail('Invalid argument: properties');
    this.put(
      Object.entries(properties).map(([k, v]) => [k, String(v)]),
      deleteAllOthers === true,
    );
    return this;
  }
  getProperties(): Record<string, string> {
    this.rec('getProperties');
    return Object.fromEntries(this.store);
  }
  deleteProperty(key: string): this {
    this.rec('deleteProperty');
    this.store.delete(String(key));
    return this;
  }
}

export interface PropertyStores {
  /** One store per container document (spreadsheet or Doc), by its id. */
  documents: Map<string, Map<string, string>>;
  script: Map<string, string>;
  user: Map<string, string>;
}

export class FakePropertiesService extends Counted {
  constructor(
    env: Env,
    private readonly stores: PropertyStores,
  ) {
    super(env, 'PropertiesService', null);
  }
  // reference/properties/properties-service#getDocumentProperties(): the current container document's
  // store, each document its own; null outside a container (an add-on's trigger).
  getDocumentProperties(): FakeProperties | null {
    this.rec('getDocumentProperties');
    const id = this.env.activeDocument();
    if (id === null) return null;
    let store = this.stores.documents.get(id);
    if (!store) this.stores.documents.set(id, (store = new Map()));
    return new FakeProperties(this.env, store);
  }
  getUserProperties(): FakeProperties {
    this.rec('getUserProperties');
    return new FakeProperties(this.env, this.stores.user);
  }
}
