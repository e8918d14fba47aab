// Sending a survey: recipients are added once, each with a random code in their personal link; the
// emails go through the one mail loop (mail-loop.ts) within the batch, the day's quota and the time,
// never twice; reminders go to those who have not answered. The text of a send is kept for the trigger
// that finishes it.
import type {
  MailPlan,
  Sender,
  SendRequest,
  SendResult,
  SurveyMailPreview,
  TestMailResult,
} from '../../shared/contract';
import type { Contact, Partner, Survey, SurveyRecipient } from '../../shared/records';
import { isEmail } from '../../shared/fields';
import { TABLES, type SurveyKind } from '../../shared/schema';
import { DEFAULT_MESSAGE, DEFAULT_SUBJECT, renderSurveyMail } from '../domain/survey-mail';
import { newId } from '../domain/ids';
import { randomHex } from '../domain/random';
import { classifyMailError } from '../domain/mail-run';
import { escapeHtml } from '../domain/text';
import { UserError } from '../domain/errors';
import type { Rec } from '../domain/table';
import { withSheetLock, withUserLock, type Database } from './database';
import { JobLog } from './jobs';
import { planMail, queueTheRest, runMail, UNCERTAIN } from './mail-loop';
import { surveyOf, TOKEN_STAND_IN } from './surveys';
import { refreshResponses } from './survey-answers';
import { readSender, schoolOf, senderOrStop } from './sender';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Codes nobody can guess, 192 bits each (48 hex digits): HMAC-SHA-256 under a key of two fresh UUIDs
 * (244 random bits) that is kept nowhere, so one pair of Utilities calls serves a whole send.
 */
function tokenSource(): () => string {
  const random = randomHex(Utilities.getUuid() + Utilities.getUuid());
  return () => random().slice(0, 48);
}

interface Target {
  readonly partner: Partner;
  readonly contact: Contact;
}

function targets(db: Database, request: Pick<SendRequest, 'audience' | 'partnerIds'>): Target[] {
  const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r.record]));
  const contacts = db.read('contacts').rows.map((r) => r.record);
  const out: Target[] = [];
  for (const id of request.partnerIds) {
    const partner = partners.get(id);
    if (!partner) throw new UserError(`No partner with id ${id}; reload and try again.`);
    const people = contacts.filter((c) => c.partnerId === id && isEmail(c.email));
    const chosen =
      request.audience === 'all' ? people : [people.find((c) => c.primary) ?? people[0]].filter(Boolean);
    for (const contact of chosen) out.push({ partner, contact: contact as Contact });
  }
  return out;
}

/** A survey's recipients (flags aside): who was added, with their state. */
function recipientsOf(db: Database, surveyId: string): SurveyRecipient[] {
  return db
    .read('surveyResponses')
    .rows.map((r) => r.record)
    .filter((r) => r.surveyId === surveyId && r.status !== 'flagged');
}

/** Who a send (waiting to go) or a reminder (sent, not answered, not emailed for minDays) is due to. */
function dueFor(
  recipients: readonly SurveyRecipient[],
  kind: 'send' | 'remind',
  minDays: number,
): SurveyRecipient[] {
  const cutoff = Date.now() - minDays * DAY;
  return recipients.filter((rec) => {
    if (kind === 'send') return rec.status === 'queued';
    const last = Date.parse(rec.remindedAt || rec.sentAt);
    return rec.status === 'sent' && !(last > cutoff);
  });
}

/**
 * The email as the first chosen contact would get it (with a stand-in code), and what sending it would
 * do: how many emails, within the day's quota or not, and whether the signature is there yet.
 */
export function previewSurveyMail(db: Database, request: SendRequest): SurveyMailPreview {
  const { row } = surveyOf(db, request.surveyId);
  const list = targets(db, request);
  const recipients = recipientsOf(db, row.record.id);
  const known = new Set(recipients.map((r) => r.contactId));
  const already = new Set(recipients.filter((r) => r.status !== 'queued').map((r) => r.contactId));
  // The send goes to everyone waiting (this time's and any left from before) and the contacts new to it.
  const fresh = new Set(list.filter((t) => !known.has(t.contact.id)).map((t) => t.contact.id));
  const plan = planMail(db, recipients.filter((r) => r.status === 'queued').length + fresh.size);
  const mail = sampleMail(row.record, request, list[0], 'sample-code', plan.sender);
  return {
    ...plan,
    recipients: list.length,
    alreadySent: list.filter((t) => already.has(t.contact.id)).length,
    subject: mail.subject,
    body: mail.body,
    htmlBody: mail.htmlBody,
    unknownPlaceholders: mail.unknown,
    domainOnly: domainOnly(row.record.formId),
  };
}

function sampleMail(
  survey: Survey,
  request: Pick<SendRequest, 'subject' | 'message'>,
  sample: Target | undefined,
  code: string,
  sender: Sender | null,
) {
  return renderSurveyMail({
    subject: request.subject,
    message: request.message,
    link: survey.prefill.replace(TOKEN_STAND_IN, code),
    partnerName: sample?.partner.name ?? 'Sample partner',
    contactName: sample?.contact.name ?? 'Sample contact',
    surveyTitle: survey.title,
    closes: survey.closes,
    sender,
  });
}

const TEST_NOTE =
  'This is a test: the email your partners will get, sent to you alone. Its link carries no partner’s ' +
  'code, so an answer through it is kept but counted for no partner.';

/**
 * "Send a test to me": the email as the first chosen contact would get it, to the coordinator alone
 * (the address given, else their own), with a code no partner has. Nothing is recorded as sent.
 */
export function sendSurveyTest(db: Database, request: SendRequest, to: string): TestMailResult {
  const { row } = surveyOf(db, request.surveyId);
  const list = request.partnerIds.length ? targets(db, request) : [];
  const sender = readSender(db.spreadsheet.getId());
  const address = to.trim() || ownAddress();
  if (address && !isEmail(address))
    throw new UserError(
      `"${address.slice(0, 80)}" is not an email address; type yours, like name@school.org.`,
    );
  if (!sender || !address)
    return { status: 'needs', address: !address, sender: !sender, school: sender ? '' : schoolOf(db) };
  const mail = sampleMail(row.record, request, list[0], 'test', sender);
  try {
    MailApp.sendEmail({
      to: address,
      subject: `[Test] ${mail.subject}`,
      body: `${TEST_NOTE}\n\n${mail.body}`,
      htmlBody: `<p><em>${escapeHtml(TEST_NOTE)}</em></p>${mail.htmlBody}`,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = classifyMailError(message);
    if (kind === 'quota')
      throw new UserError('Today’s email quota is used up: the test can go when it renews, within a day.');
    if (kind === 'permanent') throw new UserError(`The test to ${address} was refused: ${message}`);
    throw error;
  }
  return { status: 'sent', to: address };
}

/** The coordinator's own address, or '' when Google does not give it (some accounts and domains). */
function ownAddress(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return '';
  }
}

/** What a reminder would do now: those due (answers read first), the quota, the signature. */
export function previewReminder(db: Database, surveyId: string, minDays: number): MailPlan {
  const { row } = surveyOf(db, surveyId);
  if (row.record.status === 'closed')
    throw new UserError(`"${row.record.title}" is closed; there is no one to remind.`);
  refreshResponses(db, surveyId);
  return planMail(db, dueFor(recipientsOf(db, surveyId), 'remind', minDays).length);
}

/**
 * Whether the survey's Form takes answers only from people signed in to the school's own domain
 * (Form.requiresLogin). False when the Form cannot be read: then nothing is claimed.
 */
function domainOnly(formId: string): boolean {
  try {
    return FormApp.openById(formId).requiresLogin();
  } catch {
    return false;
  }
}

/** The email text and round of a send or a reminder, kept for the trigger that may finish it. */
function mailText(
  spreadsheetId: string,
  surveyId: string,
  kind: 'send' | 'remind',
  given?: MailParams,
): MailParams | null {
  const store = PropertiesService.getUserProperties();
  const key = `ph.${spreadsheetId}.surveyMail.${kind}.${surveyId}`;
  if (given) {
    store.setProperty(key, JSON.stringify(given));
    return given;
  }
  const saved = store.getProperty(key);
  return saved ? (JSON.parse(saved) as MailParams) : null;
}

/**
 * Sends the survey: recipients are added once (with their code), then emails go out up to the batch,
 * the day's quota and the time budget. Each sent email is recorded before the next one goes.
 */
export function sendSurvey(db: Database, request: SendRequest, resuming = false): SendResult {
  const { row } = surveyOf(db, request.surveyId);
  if (row.record.status === 'closed')
    throw new UserError(`"${row.record.title}" is closed; it cannot be sent.`);
  // Who it goes to is checked first: a refused call changes nothing, not even the text waiting to go.
  const list = request.partnerIds.length ? targets(db, request) : [];
  const spreadsheetId = db.spreadsheet.getId();
  // A resume (the trigger) sends with the text and signature of the person's send; a call from the
  // sidebar brings its own text, signed as Settings say.
  const text = mailText(
    spreadsheetId,
    row.record.id,
    'send',
    resuming
      ? undefined
      : {
          subject: request.subject,
          message: request.message,
          sender: senderOrStop(spreadsheetId),
        },
  );
  if (list.length) addRecipients(db, row.record.id, list);
  return deliver(db, spreadsheetId, row.record, 'send', text, request.batch);
}

interface MailParams {
  readonly subject: string;
  readonly message: string;
  /** The signature; absent only in a text kept by an earlier version (then Settings' is used). */
  readonly sender?: Sender;
  /** For reminders: skip anyone reminded (or sent to) within this many days; the round started on this date. */
  readonly minDays?: number;
  readonly round?: string;
}

export function remindSurvey(
  db: Database,
  surveyId: string,
  minDays: number,
  batch: number,
  resuming = false,
): SendResult {
  const { row } = surveyOf(db, surveyId);
  if (row.record.status === 'closed')
    throw new UserError(`"${row.record.title}" is closed; there is no one to remind.`);
  const spreadsheetId = db.spreadsheet.getId();
  const sender = resuming ? undefined : senderOrStop(spreadsheetId);
  refreshResponses(db, surveyId);
  const kind = row.record.kind as SurveyKind;
  const params = mailText(
    spreadsheetId,
    surveyId,
    'remind',
    resuming
      ? undefined
      : {
          subject: `Reminder: ${DEFAULT_SUBJECT[kind] ?? row.record.title}`,
          message: DEFAULT_MESSAGE[kind] ?? '{{survey.link}}',
          sender,
          minDays,
          round: new Date().toISOString().slice(0, 10),
        },
  );
  return deliver(
    db,
    spreadsheetId,
    row.record,
    'remind',
    params,
    batch,
    params?.minDays ?? minDays,
    params?.round,
  );
}

function addRecipients(db: Database, surveyId: string, list: readonly Target[]): void {
  withSheetLock(db, () => {
    const data = db.read('surveyResponses');
    if (!data.sheet)
      throw new UserError('Run "Set up partner database" first: there is no Survey Responses tab.');
    const known = new Set(
      data.rows
        .map((r) => r.record)
        .filter((r) => r.surveyId === surveyId)
        .map((r) => r.contactId),
    );
    const taken = new Set(data.rows.map((r) => String(r.record.id)));
    const now = new Date().toISOString();
    const fresh = list.filter((t) => !known.has(t.contact.id) && (known.add(t.contact.id), true));
    if (!fresh.length) return;
    const random = tokenSource();
    db.write(
      data,
      fresh.map((t, i) => {
        const id = newId(TABLES.surveyResponses.idPrefix, random, taken);
        taken.add(id);
        const values: Rec = {
          id,
          surveyId,
          partnerId: t.partner.id,
          contactId: t.contact.id,
          email: t.contact.email,
          token: random(),
          status: 'queued',
          sentAt: '',
          remindedAt: '',
          respondedAt: '',
          error: '',
          created: now,
          updated: now,
        };
        return { row: data.values.length + 1 + i, values };
      }),
    );
  });
}

function deliver(
  db: Database,
  spreadsheetId: string,
  survey: Survey,
  kind: 'send' | 'remind',
  text: MailParams | null,
  batch: number,
  minDays = 0,
  remindRound = '',
): SendResult {
  if (!text)
    throw new UserError('The email text for this survey was not found; send it again from the sidebar.');
  return withUserLock('This survey is already being sent from another window. Wait for it to finish.', () => {
    const now = new Date().toISOString();
    const round = kind === 'send' ? 'send' : `remind.${remindRound || now.slice(0, 10)}`;
    const log = new JobLog(spreadsheetId, `survey.${survey.id}.${round}`);
    const data = db.read('surveyResponses');
    const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r.record]));
    const contacts = new Map(db.read('contacts').rows.map((r) => [String(r.record.id), r.record]));
    const mine = data.rows.map((r) => r.record).filter((r) => r.surveyId === survey.id);
    const due = dueFor(mine, kind, minDays);
    const sender = text.sender ?? readSender(spreadsheetId);
    const outcome = runMail({
      log,
      due,
      key: (rec) => rec.id,
      batch,
      compose: (rec) => ({
        to: rec.email,
        ...renderSurveyMail({
          subject: text.subject,
          message: text.message,
          link: survey.prefill.replace(TOKEN_STAND_IN, encodeURIComponent(rec.token)),
          partnerName: partners.get(rec.partnerId)?.name ?? '',
          contactName: contacts.get(rec.contactId)?.name ?? '',
          surveyTitle: survey.title,
          closes: survey.closes,
          sender,
        }),
      }),
    });
    // Sent before the sheet heard of it (a run stopped between the two): recorded now, never resent.
    // Recorded as about to go but never as gone: it may have gone, so it is reported and never sent again.
    const changes = new Map<string, Rec>();
    const went: Rec =
      kind === 'send' ? { status: 'sent', sentAt: now, updated: now } : { remindedAt: now, updated: now };
    for (const rec of outcome.done) changes.set(rec.id, went);
    for (const rec of outcome.sent) changes.set(rec.id, kind === 'send' ? { ...went, error: '' } : went);
    const failed = [
      ...outcome.uncertain.map((rec) => ({ rec, error: UNCERTAIN })),
      ...outcome.failed.map((f) => ({ rec: f.item, error: f.error })),
    ];
    if (kind === 'send')
      for (const f of failed)
        changes.set(f.rec.id, { status: 'failed', error: f.error.slice(0, 500), updated: now });
    flush(db, changes);
    const job = {
      spreadsheetId,
      kind: kind === 'send' ? ('surveySend' as const) : ('surveyRemind' as const),
      id: survey.id,
    };
    queueTheRest(job, outcome);
    const left = outcome.left.length;
    return {
      total: due.length + mine.filter((r) => kind === 'send' && r.status !== 'queued').length,
      sent: outcome.sent.map((rec) => rec.email),
      failed: failed.map((f) => ({ email: f.rec.email, error: f.error })),
      queued: left,
      stoppedBy: left > 0 ? outcome.stoppedBy : null,
      quotaLeft: outcome.quotaLeft,
    };
  });
}

/** Writes the recipients' new states under the document lock, found again by id (a sort may have moved them). */
function flush(db: Database, changes: ReadonlyMap<string, Rec>): void {
  if (!changes.size) return;
  withSheetLock(db, () => {
    const fresh = db.read('surveyResponses');
    const rows = fresh.rows.filter((r) => changes.has(String(r.record.id)));
    db.write(
      fresh,
      rows.map((r) => ({ row: r.row, values: changes.get(String(r.record.id)) as Rec })),
    );
  });
}
