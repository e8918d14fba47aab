// Utilities: dates, ids, pauses and Blobs.
import { randomUUID } from 'node:crypto';
import { formatJavaDate, normalizeZone } from './datetime';
import { Counted, Env, isDate } from './env';

/** Utilities.newBlob's data: Java bytes (signed or not) or a string, as UTF-8. */
function toBuffer(data: unknown): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  return Buffer.from(String(data), 'utf8');
}

export class FakeBlob extends Counted {
  constructor(
    env: Env,
    private readonly bytes: Buffer,
    private readonly contentType: string | null,
    private readonly name: string | null,
  ) {
    super(env, 'Utilities', 'Blob');
  }
  // src/ only hands a Blob to Drive.Files.create: none of Blob's own methods is faked.
  /** What the Blob holds, for other fakes (a Drive upload): not a method of Apps Script's Blob, not counted. */
  peek(): { readonly bytes: Buffer; readonly contentType: string | null; readonly name: string | null } {
    return { bytes: this.bytes, contentType: this.contentType, name: this.name };
  }
}

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
  newBlob(data: unknown, contentType?: string, name?: string): FakeBlob {
    this.rec('newBlob');
    return new FakeBlob(this.env, toBuffer(data ?? ''), contentType ?? null, name ?? null);
  }
  /** Records the pause; the in-memory world does not wait. */
  sleep(milliseconds: number): void {
    this.rec('sleep');
    this.slept.push(Number(milliseconds));
  }
}
