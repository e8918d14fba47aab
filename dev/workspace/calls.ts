// Counts every call the add-on makes on a fake service object, so tests and the bench can hold the
// add-on to "one read per table".

export class CallLog {
  private readonly counts = new Map<string, number>();
  private readonly services = new Map<string, number>();
  private fault: { at: number; message: string; seen: number } | null = null;
  private readonly hooks: { key: string; fn: () => void }[] = [];
  /** Makes the error a failing call throws (index.ts makes it in the script's realm). */
  makeError: (message: string) => Error = (message) => new Error(message);
  /** Runs on every call before it does anything; index.ts refuses calls the declared OAuth scopes don't cover. */
  check: (service: string, method: string) => void = () => undefined;

  /** service: 'SpreadsheetApp'; method: 'Range.getValues' (or 'getActive' on the service object). */
  record(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.services.set(service, (this.services.get(service) ?? 0) + 1);
    this.check(service, method);
    const hook = this.hooks.findIndex((h) => h.key === key);
    if (hook >= 0) this.hooks.splice(hook, 1)[0].fn();
    if (this.fault && ++this.fault.seen === this.fault.at) {
      const { message } = this.fault;
      this.fault = null;
      // Recorded before the method does anything: the failing call has no effect, as when a service errs.
      throw this.makeError(message);
    }
  }

  /**
   * Fault injection: the n-th counted call from now (1-based) throws `message` (a service error, the
   * time limit, a spent quota) and does nothing. One fault at a time; it clears itself once thrown.
   */
  failAt(n: number, message: string): void {
    this.fault = { at: n, message, seen: 0 };
  }

  /**
   * Runs `fn` once, just before the next call of `key` (e.g. 'SpreadsheetApp.Sheet.getMaxRows') does
   * anything: another execution (a person, another sidebar) landing in the middle of this one.
   */
  before(key: string, fn: () => void): void {
    this.hooks.push({ key, fn });
  }

  clearFault(): void {
    this.fault = null;
  }

  total(service?: string): number {
    if (service !== undefined) return this.services.get(service) ?? 0;
    let sum = 0;
    for (const n of this.services.values()) sum += n;
    return sum;
  }

  byService(): Record<string, number> {
    return Object.fromEntries([...this.services].sort(([a], [b]) => a.localeCompare(b)));
  }

  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Count of one method key, e.g. count('SpreadsheetApp.Range.getValues'). */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  reset(): void {
    this.counts.clear();
    this.services.clear();
  }
}
