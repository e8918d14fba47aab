// LockService for one execution: each scope has one holder. A Lock object that holds its scope may take
// it again; any other Lock object (or an outside holder set by the test) makes tryLock return false.
import { Counted, Env } from './env';

/** 'document:<id>' (each container document has its own) or 'user'. */
export type LockScope = `document:${string}` | 'user';

/** Who holds each scope: a FakeLock, or OUTSIDE for a simulated other execution. */
export class LockTable {
  readonly holders = new Map<LockScope, object>();

  private readonly outside = new Set<object>();

  /** Apps Script releases an execution's locks when it ends: called after each top-level call. */
  endExecution(): void {
    for (const [scope, holder] of this.holders) if (!this.outside.has(holder)) this.holders.delete(scope);
  }

  /** Simulates another execution holding the lock; returns the release function. */
  holdOutside(scope: LockScope): () => void {
    const token = { outside: true };
    this.holders.set(scope, token);
    this.outside.add(token);
    return () => {
      if (this.holders.get(scope) === token) this.holders.delete(scope);
    };
  }
}

export class FakeLock extends Counted {
  constructor(
    env: Env,
    private readonly table: LockTable,
    readonly scope: LockScope,
  ) {
    super(env, 'LockService', 'Lock');
  }
  private acquire(): boolean {
    const holder = this.table.holders.get(this.scope);
    if (holder !== undefined && holder !== this) return false;
    this.table.holders.set(this.scope, this);
    return true;
  }
  /** Nothing else runs while we would wait, so a held lock stays held: false at once. */
  tryLock(timeoutInMillis: number): boolean {
    this.rec('tryLock');
    if (typeof timeoutInMillis !== 'number' || timeoutInMillis < 0)
      this.env.fail('Invalid argument: timeoutInMillis');
    return this.acquire();
  }
  releaseLock(): void {
    this.rec('releaseLock');
    if (this.table.holders.get(this.scope) === this) this.table.holders.delete(this.scope);
  }
}

export class FakeLockService extends Counted {
  constructor(
    env: Env,
    private readonly table: LockTable,
  ) {
    super(env, 'LockService', null);
  }
  // reference/lock/lock-service#getDocumentLock(): the lock of the current container document; null
  // outside one (a trigger of an add-on, a standalone script). In a Docs sidebar it is the Doc's lock.
  getDocumentLock(): FakeLock | null {
    this.rec('getDocumentLock');
    const id = this.env.activeDocument();
    return id === null ? null : new FakeLock(this.env, this.table, `document:${id}`);
  }
  getUserLock(): FakeLock {
    this.rec('getUserLock');
    return new FakeLock(this.env, this.table, 'user');
  }
}
