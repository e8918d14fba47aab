// "Ask partners to check their details": one "Check your details" Form per spreadsheet, made once and
// reused, answering into this spreadsheet through the survey Forms' one form-submit trigger. Each
// partner's main contact gets a personal link (the Form prefilled with the partner's record and a random
// code) through the one mail loop; an answer becomes proposed changes, which the coordinator accepts
// (writing that one cell, unless it changed in the sheet since) or rejects. An answer with nothing to
// change marks the partner's details confirmed.
import type {
  DecideResult,
  DetailsAskResult,
  MailPlan,
  ProposedChanges,
  Sender,
  SendResult,
} from '../../shared/contract';
import type { ChangeDecision } from '../../shared/choices';
import type { Contact, DetailsCheck, Partner } from '../../shared/records';
import { checkField, isEmail } from '../../shared/fields';
import { TABLES, type TableKey } from '../../shared/schema';
import {
  AGREEMENTS_TITLE,
  agreementLines,
  CHANGEABLE,
  changeLabel,
  CODE_STAND_IN,
  DETAILS_CODE_TITLE,
  DETAILS_FIELDS,
  DETAILS_FORM_TITLE,
  DETAILS_INTRO,
  PARTNER_REF_TITLE,
  PARTNER_STAND_IN,
  personalLink,
  proposals,
  shownOf,
  standIn,
  textOf,
  valueFor,
  type Shown,
} from '../domain/details-check';
import { renderSurveyMail } from '../domain/survey-mail';
import { entryOrder, linkEntries } from '../domain/form-link';
import { newId } from '../domain/ids';
import { randomHex } from '../domain/random';
import { UserError } from '../domain/errors';
import type { Rec } from '../domain/table';
import { withSheetLock, withUserLock, type Database, type TableData } from './database';
import { JobLog } from './jobs';
import { planMail, queueTheRest, runMail, UNCERTAIN } from './mail-loop';
import { readSender, senderOrStop } from './sender';
import { findRow } from './records';
import { ensureSubmitTrigger, placeResponseTab, publishOrStop } from './surveys';

const SUBJECT = '{{partner.name}}: please check the details we have on record';
const MESSAGE = [
  'Dear {{contact.name}},',
  '',
  'To keep our partner records current, please check what we have on record for {{partner.name}} and correct anything that changed. It takes two minutes; the form is filled in with what we have now.',
  '',
  'The link below is made for {{partner.name}}, so please do not forward it.',
  '',
  '{{survey.link}}',
  '',
  'With thanks,',
].join('\n');

interface DetailsForm {
  readonly formId: string;
  /** The Form's prefilled link with a stand-in for each field, the code and the partner reference. */
  readonly prefill: string;
}

/** The Form the latest check used, if Partner Hub can still open it; else a new one. */
function detailsForm(db: Database, checks: TableData<DetailsCheck>): DetailsForm {
  const latest = checks.rows
    .map((r) => r.record)
    .filter((c) => c.formId && c.prefill)
    .sort((a, b) => b.created.localeCompare(a.created))[0];
  if (latest) {
    try {
      if (FormApp.openById(latest.formId).isAcceptingResponses())
        return { formId: latest.formId, prefill: latest.prefill };
    } catch {
      // Deleted, or no longer shared with this person: a new Form takes its place.
    }
  }
  return makeDetailsForm(db);
}

function makeDetailsForm(db: Database): DetailsForm {
  const form = FormApp.create(DETAILS_FORM_TITLE);
  publishOrStop(form, DETAILS_FORM_TITLE);
  form.setDescription(DETAILS_INTRO);
  form.setCollectEmail(false);
  const prefilled: [GoogleAppsScript.Forms.TextItem | GoogleAppsScript.Forms.ParagraphTextItem, string][] =
    [];
  DETAILS_FIELDS.forEach((f, i) => {
    const item = f.paragraph ? form.addParagraphTextItem() : form.addTextItem();
    item.setTitle(f.title);
    if (f.help) item.setHelpText(f.help);
    prefilled.push([item, standIn(i)]);
  });
  const agreements = form
    .addParagraphTextItem()
    .setTitle(AGREEMENTS_TITLE)
    .setHelpText('One line per agreement: its type, then its start and end dates (yyyy-mm-dd; ? for none).');
  prefilled.push([agreements, standIn(DETAILS_FIELDS.length)]);
  const help = 'These tell us which partner answered. Please leave them as they are.';
  const ref = form.addTextItem().setTitle(PARTNER_REF_TITLE).setHelpText(help);
  const code = form.addTextItem().setTitle(DETAILS_CODE_TITLE).setHelpText(help);
  prefilled.push([ref, PARTNER_STAND_IN], [code, CODE_STAND_IN]);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, db.spreadsheet.getId());
  db.forgetSheets();
  placeResponseTab(db, form.getId());
  let response = form.createResponse();
  for (const [item, value] of prefilled) response = response.withItemResponse(item.createResponse(value));
  const prefill = response.toPrefilledUrl();
  ensureSubmitTrigger(db.spreadsheet);
  return { formId: form.getId(), prefill };
}

/** The values a partner's link carries, by stand-in. */
function linkValues(shown: Shown, partnerId: string, token: string): Record<string, string> {
  const values: Record<string, string> = {};
  DETAILS_FIELDS.forEach((f, i) => {
    values[standIn(i)] = shown.values[f.key] ?? '';
  });
  values[standIn(DETAILS_FIELDS.length)] = agreementLines(shown);
  values[PARTNER_STAND_IN] = partnerId;
  values[CODE_STAND_IN] = token;
  return values;
}

/**
 * Asks each chosen partner's main contact (the primary one with an email, else the first with one) to
 * check its details. A partner already asked and not yet answered is not asked twice; the emails go
 * through the mail loop within the batch and the day's quota, and what is left goes with the trigger.
 */
export function askToCheckDetails(
  db: Database,
  partnerIds: readonly string[],
  batch: number,
): DetailsAskResult {
  const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r]));
  const contacts = db.read('contacts').rows.map((r) => r.record);
  const agreements = db.read('agreements').rows.map((r) => r.record);
  const chosen: { partner: Partner; version: string; contact: Contact }[] = [];
  const skipped: string[] = [];
  for (const id of partnerIds) {
    const row = partners.get(id);
    if (!row) throw new UserError(`No partner with id ${id}; reload and try again.`);
    const partner = row.record;
    const people = contacts.filter((c) => c.partnerId === id && isEmail(c.email));
    const contact = people.find((c) => c.primary) ?? people[0];
    if (contact) chosen.push({ partner, version: row.version, contact });
    else skipped.push(partner.name);
  }
  const first = db.read('detailsChecks');
  if (!first.sheet)
    throw new UserError('Run "Set up partner database" first: there is no Details Checks tab.');
  const open = new Set(
    first.rows
      .map((r) => r.record)
      .filter((c) => c.status === 'queued' || c.status === 'sent')
      .map((c) => c.partnerId),
  );
  const fresh = chosen.filter((c) => !open.has(c.partner.id));
  if (fresh.length) {
    const form = detailsForm(db, first);
    withSheetLock(db, () => {
      const data = db.read('detailsChecks');
      const taken = new Set(data.rows.map((r) => String(r.record.id)));
      const again = new Set(
        data.rows
          .map((r) => r.record)
          .filter((c) => c.status === 'queued' || c.status === 'sent')
          .map((c) => c.partnerId),
      );
      // 192-bit codes from one pair of UUIDs, as the survey sends make them.
      const random = randomHex(Utilities.getUuid() + Utilities.getUuid());
      const now = new Date().toISOString();
      const rows = fresh
        .filter((c) => !again.has(c.partner.id))
        .map((c, i) => {
          const id = newId(TABLES.detailsChecks.idPrefix, random, taken);
          taken.add(id);
          const token = random().slice(0, 48);
          const shown = shownOf(
            c.partner,
            c.contact,
            agreements.filter((a) => a.partnerId === c.partner.id),
          );
          const values: Rec = {
            id,
            partnerId: c.partner.id,
            contactId: c.contact.id,
            email: c.contact.email,
            token,
            status: 'queued',
            partnerVersion: c.version,
            formId: form.formId,
            prefill: personalLink(form.prefill, linkValues(shown, c.partner.id, token)),
            shown: JSON.stringify(shown),
            created: now,
            updated: now,
          };
          return { row: data.values.length + 1 + i, values };
        });
      db.write(data, rows);
    });
  }
  return { ...deliver(db, batch), skipped };
}

/** A reminder goes once a round (a day): to those asked whose email went, who have not answered. */
const REMIND_ROUND = () => new Date().toISOString().slice(0, 10);

function dueFor(all: readonly DetailsCheck[], mode: 'ask' | 'remind', round: string): DetailsCheck[] {
  return mode === 'ask'
    ? all.filter((c) => c.status === 'queued')
    : all.filter((c) => c.status === 'sent' && isEmail(c.email) && !c.remindedAt.startsWith(round));
}

/** What a reminder would do now: how many are due (asked, not answered), the quota, the signature. */
export function previewDetailsReminder(db: Database): MailPlan {
  const all = db.read('detailsChecks').rows.map((r) => r.record);
  return planMail(db, dueFor(all, 'remind', REMIND_ROUND()).length);
}

/**
 * Reminds the partners asked to check their details who have not answered, through the mail loop: once
 * a day at most, signed, and never twice in a round. What the quota stops goes with the trigger.
 */
export function remindDetails(db: Database, batch: number, resuming = false): SendResult {
  const spreadsheetId = db.spreadsheet.getId();
  const sender = resuming ? readSender(spreadsheetId) : senderOrStop(spreadsheetId);
  return deliver(db, batch, 'remind', sender);
}

function deliver(
  db: Database,
  batch: number,
  mode: 'ask' | 'remind' = 'ask',
  sender: Sender | null = null,
): Omit<DetailsAskResult, 'skipped'> {
  return withUserLock('Partners are already being asked from another window. Wait for it to finish.', () => {
    const round = REMIND_ROUND();
    const log = new JobLog(
      db.spreadsheet.getId(),
      mode === 'ask' ? 'details.send' : `details.remind.${round}`,
    );
    const data = db.read('detailsChecks');
    const partners = new Map(db.read('partners').rows.map((r) => [String(r.record.id), r.record]));
    const contacts = new Map(db.read('contacts').rows.map((r) => [String(r.record.id), r.record]));
    const all = data.rows.map((r) => r.record);
    const due = dueFor(all, mode, round);
    const outcome = runMail({
      log,
      due,
      key: (c) => c.id,
      batch,
      compose: (c) => ({
        to: c.email,
        ...renderSurveyMail({
          subject: mode === 'ask' ? SUBJECT : `Reminder: ${SUBJECT}`,
          message: MESSAGE,
          link: c.prefill,
          partnerName: partners.get(c.partnerId)?.name ?? '',
          contactName: contacts.get(c.contactId)?.name ?? '',
          surveyTitle: DETAILS_FORM_TITLE,
          closes: '',
          ...(sender ? { sender } : {}),
        }),
      }),
    });
    const now = new Date().toISOString();
    const changes = new Map<string, Rec>();
    for (const c of [...outcome.done, ...outcome.sent])
      changes.set(
        c.id,
        mode === 'ask'
          ? { status: 'sent', sentAt: now, error: '', updated: now }
          : { remindedAt: now, error: '', updated: now },
      );
    const failed = [
      ...outcome.uncertain.map((c) => ({ c, error: UNCERTAIN })),
      ...outcome.failed.map((f) => ({ c: f.item, error: f.error })),
    ];
    for (const f of failed)
      changes.set(
        f.c.id,
        mode === 'ask'
          ? { status: 'failed', error: f.error.slice(0, 500), updated: now }
          : // A reminder that failed leaves the ask as it was: the partner may still answer the first email.
            { remindedAt: now, error: `Reminder: ${f.error}`.slice(0, 500), updated: now },
      );
    if (changes.size)
      withSheetLock(db, () => {
        const again = db.read('detailsChecks');
        db.write(
          again,
          again.rows
            .filter((r) => changes.has(String(r.record.id)))
            .map((r) => ({ row: r.row, values: changes.get(String(r.record.id)) as Rec })),
        );
      });
    queueTheRest(
      {
        spreadsheetId: db.spreadsheet.getId(),
        kind: mode === 'ask' ? 'detailsSend' : 'detailsRemind',
        id: 'details',
      },
      outcome,
    );
    const left = outcome.left.length;
    return {
      total: mode === 'ask' ? due.length + all.filter((c) => c.status !== 'queued').length : due.length,
      sent: outcome.sent.map((c) => c.email),
      failed: failed.map((f) => ({ email: f.c.email, error: f.error })),
      queued: left,
      stoppedBy: left > 0 ? outcome.stoppedBy : null,
      quotaLeft: outcome.quotaLeft,
    };
  });
}

/** The Form's questions in the order it was made with: the details, the agreements, the reference, the code. */
const ANSWER_TITLES = [
  ...DETAILS_FIELDS.map((f) => f.title),
  AGREEMENTS_TITLE,
  PARTNER_REF_TITLE,
  DETAILS_CODE_TITLE,
];
/** How far before the response tab's timestamp the Form's own response is looked for. */
const STAMP_SLACK = 5000;

/**
 * A partner's answers as typed, by question, from the Form's own response: the one carrying this check's
 * code, at the response tab's timestamp or just after. The trigger's named values are the response tab's
 * display text, which Sheets parsed as if typed there ("3-5" a date, "007" the number 7). The questions'
 * entry ids come from the check's own prefilled link, made with a value for each question in order.
 * Null when the response cannot be read (the Form deleted or no longer shared): the named values then.
 */
function typedAnswers(check: DetailsCheck, token: string, stamp: Date | null): Record<string, string> | null {
  const order = entryOrder(check.prefill);
  if (!stamp || !check.formId || order.length !== ANSWER_TITLES.length) return null;
  const codeEntry = order[order.length - 1];
  let responses: GoogleAppsScript.Forms.FormResponse[];
  try {
    responses = FormApp.openById(check.formId).getResponses(new Date(stamp.getTime() - STAMP_SLACK));
  } catch {
    return null;
  }
  // The newest first: the answer that fired this trigger is at the end, or near it.
  for (const response of [...responses].reverse()) {
    const entries = linkEntries(response.toPrefilledUrl());
    if (entries.get(codeEntry)?.[0]?.trim() !== token) continue;
    const out: Record<string, string> = {};
    ANSWER_TITLES.forEach((title, i) => {
      out[title] = (entries.get(order[i]) ?? []).join(', ');
    });
    return out;
  }
  return null;
}

/** Whether a form-submit trigger's answer is a "Check your details" answer: by its code question. */
export function isDetailsAnswer(named: Record<string, string[]> | undefined): boolean {
  return !!named && Object.prototype.hasOwnProperty.call(named, DETAILS_CODE_TITLE);
}

/**
 * A partner's answer, from the form-submit trigger. Its code names the check; the partner reference it
 * carries must be that check's partner, else nothing changes. What differs from what the Form showed
 * becomes proposed changes; an answer with nothing to change marks the details confirmed today.
 */
export function detailsAnswered(db: Database, named: Record<string, string[]>, stamp: Date | null): void {
  const first = (title: string) => named[title]?.[0];
  const token = String(first(DETAILS_CODE_TITLE) ?? '').trim();
  const ref = String(first(PARTNER_REF_TITLE) ?? '').trim();
  if (!token) return;
  withSheetLock(db, () => {
    const checks = db.read('detailsChecks');
    const match = checks.rows.find((r) => r.record.token === token);
    if (!match) return;
    const check = match.record;
    // A code used with another partner's reference (a link edited or mixed up) changes nothing.
    if (check.partnerId !== ref) return;
    let shown: Shown;
    try {
      shown = JSON.parse(check.shown) as Shown;
    } catch {
      return;
    }
    if (shown.partnerId !== check.partnerId) return;
    const typed = typedAnswers(check, token, stamp);
    const answers: Record<string, string | undefined> = {};
    for (const title of ANSWER_TITLES.slice(0, -2)) answers[title] = typed ? typed[title] : first(title);
    const found = proposals(shown, answers);
    const now = new Date().toISOString();
    if (found.length === 0) {
      const partners = db.read('partners');
      const row = findRow(partners, check.partnerId);
      if (row) db.write(partners, [{ row: row.row, values: { confirmed: db.today() } }]);
    } else {
      const data = db.read('proposedChanges');
      if (!data.sheet) return;
      const pending = new Set(
        data.rows
          .map((r) => r.record)
          .filter((c) => c.status === 'pending')
          .map((c) => `${c.table}\n${c.recordId}\n${c.field}\n${c.newValue}`),
      );
      const taken = new Set(data.rows.map((r) => String(r.record.id)));
      const fresh = found.filter((p) => !pending.has(`${p.table}\n${p.recordId}\n${p.field}\n${p.newValue}`));
      db.write(
        data,
        fresh.map((p, i) => {
          const id = newId(TABLES.proposedChanges.idPrefix, () => Utilities.getUuid(), taken);
          taken.add(id);
          const values: Rec = {
            id,
            partnerId: check.partnerId,
            checkId: check.id,
            table: p.table,
            recordId: p.recordId,
            field: p.field,
            oldValue: p.oldValue,
            newValue: p.newValue,
            receivedAt: now,
            status: 'pending',
            partnerVersion: check.partnerVersion,
            created: now,
            updated: now,
          };
          return { row: data.values.length + 1 + i, values };
        }),
      );
    }
    db.write(checks, [{ row: match.row, values: { status: 'answered', answeredAt: now, updated: now } }]);
  });
}

/** The pending changes, by partner, each with what the sheet holds now. */
export function proposedChanges(db: Database): ProposedChanges {
  const changes = db.read('proposedChanges').rows.map((r) => r.record);
  const pending = changes.filter((c) => c.status === 'pending');
  const checks = db.read('detailsChecks').rows.map((r) => r.record);
  const tables = new Map<string, TableData>();
  const tableOf = (key: TableKey) => {
    let t = tables.get(key);
    if (!t) tables.set(key, (t = db.read(key)));
    return t;
  };
  const partners = tableOf('partners');
  const byPartner = new Map<string, ProposedChanges['partners'][number]['changes'][number][]>();
  for (const c of pending) {
    const target = CHANGEABLE[c.table] ? findRow(tableOf(c.table as TableKey), c.recordId) : undefined;
    const current = target ? textOf(target.record[c.field]) : '';
    const type = c.table === 'agreements' && target ? String(target.record.type) : '';
    const list = byPartner.get(c.partnerId) ?? [];
    list.push({
      id: c.id,
      label: changeLabel(c.table, c.field, type),
      oldValue: c.oldValue,
      newValue: c.newValue,
      current,
      conflict: !target || current !== c.oldValue,
      receivedAt: c.receivedAt,
    });
    byPartner.set(c.partnerId, list);
  }
  return {
    partners: [...byPartner].map(([partnerId, list]) => ({
      partnerId,
      name: String(findRow(partners, partnerId)?.record.name ?? partnerId),
      changes: list,
    })),
    waiting: checks.filter((c) => c.status === 'queued' || c.status === 'sent').length,
    answered: checks.filter((c) => c.status === 'answered').length,
  };
}

/**
 * Accepts or rejects one proposed change. Accepting writes that one cell, and only if it still holds
 * what the partner was shown: a cell changed in the sheet since is shown, never overwritten. Only the
 * details on the Form can change, on the partner's own rows, whatever the Proposed Changes tab says.
 */
export function decideChange(db: Database, changeId: string, decision: ChangeDecision): DecideResult {
  return withSheetLock(db, () => {
    const data = db.read('proposedChanges');
    const row = findRow(data, changeId);
    if (!row) throw new UserError(`No proposed change with id ${changeId}; reload and try again.`);
    const change = row.record;
    if (change.status !== 'pending')
      throw new UserError(
        `This change was already ${change.status}; reload to see the changes still waiting.`,
      );
    const now = new Date().toISOString();
    const close = (status: 'accepted' | 'rejected') =>
      db.write(data, [{ row: row.row, values: { status, decidedAt: now, updated: now } }]);
    if (decision === 'reject') {
      close('rejected');
      return { status: 'rejected' };
    }
    const allowed = CHANGEABLE[change.table];
    if (!allowed || !allowed.includes(change.field))
      throw new UserError(
        `A partner's answer cannot change "${change.field}" of ${change.table}: only the details on the Form. Reject this change.`,
      );
    const key = change.table as TableKey;
    // A table named by the change: its rows as plain records, read by the change's field name.
    const target: TableData = db.read(key);
    const found = findRow(target, change.recordId);
    const owner = found ? (key === 'partners' ? found.record.id : found.record.partnerId) : undefined;
    if (!found || owner !== change.partnerId)
      return {
        status: 'conflict',
        message: `The ${TABLES[key].tab} row this change is for is gone or belongs to another partner now. Nothing was written.`,
        current: '',
      };
    const current = textOf(found.record[change.field]);
    const col = TABLES[key].columns.find((c) => c.key === change.field);
    if (!col) throw new UserError(`The ${TABLES[key].tab} tab has no column for "${change.field}".`);
    if (current !== change.oldValue)
      return {
        status: 'conflict',
        message: `${col.header} was changed in the sheet since the partner was asked: it now says "${current}". Nothing was written; change it by hand or reject this change.`,
        current,
      };
    const checked = checkField(col, valueFor(col, change.newValue));
    if (!checked.ok)
      return { status: 'invalid', message: `${checked.message} Nothing was written.`, current };
    db.write(target, [{ row: found.row, values: { [change.field]: checked.value } }]);
    close('accepted');
    return { status: 'accepted' };
  });
}
