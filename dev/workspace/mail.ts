// MailApp: sendEmail in its three forms, the daily recipient quota, and a log of what went out.
import { Counted, Env } from './env';

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
const DAY_MS = 86_400_000;
/** Workspace accounts: 1,500 recipients a day (consumer accounts: 100). */
export const DEFAULT_MAIL_QUOTA = 1500;
const MAX_RECIPIENTS = 50;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  /** ISO instant it was sent (workspace clock). */
  at: string;
}

export interface MailState {
  quota: number;
  sent: SentMail[];
}

function copyMail(m: SentMail): SentMail {
  return { ...m, to: [...m.to], cc: [...m.cc], bcc: [...m.bcc] };
}

/** The outbox and the quota. Nothing here counts. */
export class MailStore {
  /** Every message sent, in order. */
  readonly sent: SentMail[] = [];
  quota = DEFAULT_MAIL_QUOTA;

  constructor(
    private readonly env: Env,
    state?: MailState,
  ) {
    if (state) {
      this.quota = state.quota;
      this.sent.push(...state.sent.map(copyMail));
    }
  }

  /** Recipients allowed in any 24 hours (Apps Script's quota is a rolling day). */
  setQuota(n: number): void {
    this.quota = Math.max(0, Math.floor(n));
  }

  /** Recipients sent to in the 24 hours before now. */
  used(): number {
    const since = this.env.now().getTime() - DAY_MS;
    let n = 0;
    for (const m of this.sent) {
      if (Date.parse(m.at) > since) n += m.to.length + m.cc.length + m.bcc.length;
    }
    return n;
  }

  remaining(): number {
    return Math.max(0, this.quota - this.used());
  }

  toJSON(): MailState {
    return { quota: this.quota, sent: this.sent.map(copyMail) };
  }
}

interface MailOptions {
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  cc?: unknown;
  bcc?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

interface MailMessage extends MailOptions {
  to?: unknown;
  subject?: unknown;
  body?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class FakeMailApp extends Counted {
  constructor(
    env: Env,
    private readonly store: MailStore,
  ) {
    super(env, 'MailApp', null);
  }

  /** 'a@x.org, Name <b@y.org>' → ['a@x.org', 'b@y.org']; throws 'Invalid email: …' like MailApp. */
  private addresses(list: unknown): string[] {
    if (list === undefined || list === null) return [];
    const out: string[] = [];
    for (const raw of String(list).split(',')) {
      const part = raw.trim();
      if (part === '') continue;
      const bracketed = /<([^<>]*)>\s*$/.exec(part);
      const address = (bracketed ? bracketed[1] : part).trim();
      if (!EMAIL.test(address)) this.env.fail(`Invalid email: ${part}`);
      out.push(address);
    }
    return out;
  }

  private send(message: MailMessage): void {
    const to = this.addresses(message.to);
    const cc = this.addresses(message.cc);
    const bcc = this.addresses(message.bcc);
    const subject = message.subject === undefined || message.subject === null ? '' : String(message.subject);
    // MailApp builds the headers itself: a line break in the subject is refused, never passed on.
    if (/[\r\n]/.test(subject)) this.env.fail('Invalid argument: subject');
    const body = message.body === undefined || message.body === null ? '' : String(message.body);
    const htmlBody = message.htmlBody === undefined ? null : String(message.htmlBody);
    const name = message.name === undefined ? null : String(message.name);
    if (name !== null && /[\r\n]/.test(name)) this.env.fail('Invalid argument: name');
    let replyTo: string | null = null;
    if (message.replyTo !== undefined && message.replyTo !== null && String(message.replyTo) !== '') {
      const r = this.addresses(message.replyTo);
      replyTo = r.join(',');
    }
    const count = to.length + cc.length + bcc.length;
    if (count === 0) this.env.fail('Failed to send email: no recipient');
    if (count > MAX_RECIPIENTS) this.env.fail('Limit Exceeded: Email Recipients Per Message.');
    if (this.store.remaining() < count) this.env.fail(QUOTA_MESSAGE);
    this.store.sent.push({
      to,
      cc,
      bcc,
      subject,
      body,
      htmlBody,
      name,
      replyTo,
      noReply: message.noReply === true,
      at: this.env.now().toISOString(),
    });
  }

  /**
   * sendEmail(message) | sendEmail(recipient, subject, body) | sendEmail(recipient, subject, body, options)
   * | sendEmail(recipient, replyTo, subject, body).
   */
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.rec('sendEmail');
    if (isRecord(a) && b === undefined) {
      this.send(a as MailMessage);
      return;
    }
    if (typeof d === 'string') {
      this.send({ to: a, replyTo: b, subject: c, body: d });
      return;
    }
    if (b === undefined || c === undefined) {
      this.env.fail("The parameters () don't match the method signature for MailApp.sendEmail.");
    }
    const options: MailOptions = isRecord(d) ? (d as MailOptions) : {};
    this.send({ ...options, to: a, subject: b, body: c });
  }
  getRemainingDailyQuota(): number {
    this.rec('getRemainingDailyQuota');
    return this.store.remaining();
  }
}
