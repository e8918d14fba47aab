// Utilities: dates, ids and pauses.
import { randomUUID } from 'node:crypto';
import { formatJavaDate, normalizeZone } from './datetime';
import { Counted, Env, isDate } from './env';

export class FakeUtilities extends Counted {
  /** Milliseconds passed to sleep(), for tests of back-off. */
  readonly slept: number[] = [];

  constructor(env: Env) {
    super(env, 'Utilities', null);
  }
  formatDate(date: unknown, timeZone: string, format: string): string {
    this.rec('formatDate');
    if (!isDate(date)) return this.env.fail('Invalid argument: date');
    if (Number.isNaN(date.getTime())) this.env.fail('Invalid argument: date');
    try {
      return formatJavaDate(date.getTime(), normalizeZone(String(timeZone)), String(format));
    } catch (e) {
      return this.env.fail(`Invalid argument: format (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  getUuid(): string {
    this.rec('getUuid');
    return randomUUID();
  }
  /** Records the pause; the in-memory world does not wait. */
  sleep(milliseconds: number): void {
    this.rec('sleep');
    this.slept.push(Number(milliseconds));
  }
}
