// Counts every call the add-on makes on a fake service object, so tests and the bench can hold the
// add-on to "one read per table".

export class CallLog {
  private readonly counts = new Map<string, number>();
  private readonly services = new Map<string, number>();

  /** service: 'SpreadsheetApp'; method: 'Range.getValues' (or 'getActive' on the service object). */
  record(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.services.set(service, (this.services.get(service) ?? 0) + 1);
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
