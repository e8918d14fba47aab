// Utilities: dates, ids, pauses and Blobs.
import { randomUUID } from 'node:crypto';
import { formatJavaDate, normalizeZone } from './datetime';
import { Counted, Env, isDate } from './env';

/** Java bytes are signed: -128..127. */
function signed(buf: Buffer): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** Utilities.newBlob's data: Java bytes (signed or not) or a string, as UTF-8. */
function toBuffer(data: unknown): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  return Buffer.from(String(data), 'utf8');
}

export class FakeBlob extends Counted {
  constructor(
    env: Env,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {
    super(env, 'Utilities', 'Blob');
  }
  /** What the Blob holds, for other fakes (a Drive upload): not a method of Apps Script's Blob, not counted. */
  peek(): { readonly bytes: Buffer; readonly contentType: string | null } {
    return { bytes: this.bytes, contentType: this.contentType };
  }
  getBytes(): number[] {
    this.rec('getBytes');
    return signed(this.bytes);
  }
  getDataAsString(charset?: string): string {
    this.rec('getDataAsString');
    return this.bytes.toString(charset === 'US_ASCII' ? 'latin1' : 'utf8');
  }
  setDataFromString(s: string): this {
    this.rec('setDataFromString');
    this.bytes = Buffer.from(String(s), 'utf8');
    return this;
  }
  getContentType(): string | null {
    this.rec('getContentType');
    return this.contentType;
  }
  setContentType(t: string): this {
    this.rec('setContentType');
    this.contentType = t;
    return this;
  }
  getName(): string | null {
    this.rec('getName');
    return this.name;
  }
  setName(name: string): this {
    this.rec('setName');
    this.name = name;
    return this;
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
