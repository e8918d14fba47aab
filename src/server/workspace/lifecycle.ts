// Vetting, onboarding and the annual review on their own tabs, and the Docs for people outside the
// sheet: the vetting checklist, the partnership agreement, the staff directory and the overview.
import type { Listed, ReviewContext, SaveRequest, SaveResult } from '../../shared/contract';
import type { FieldValue, Onboarding, Partner, Review, Vetting } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import type { PartnerDoc, SchoolDoc } from '../../shared/choices';
import {
  agreementDoc,
  overviewDoc,
  REVIEW_QUESTIONS,
  reviewEvidence,
  schoolYear,
  staffDirectoryDoc,
  vettingDoc,
} from '../domain/lifecycle';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import type { Rec } from '../domain/table';
import { withSheetLock, type Database } from './database';
import { findRow, listed, saveRecord, updateRow } from './records';
import { writeDocument } from './agenda-docs';
import { surveysNewestFirst } from './surveys';
import { surveyView } from './survey-results';
import { yearReport, yearSpan, type ReportAudience } from '../domain/year-report';

function partnerOf(db: Database, id: string): Partner {
  const row = findRow(db.read('partners'), id);
  if (!row) throw new UserError(`No partner with id ${id}; it may have been deleted.`);
  return row.record;
}

/** Adds a row for a partner unless it has one; returns the partner's row either way. */
function ensureRow(db: Database, key: 'vetting' | 'onboarding', partnerId: string, values: Rec): Listed<Rec> {
  return withSheetLock(db, () => {
    const data = db.read(key);
    if (!data.sheet)
      throw new UserError(`Run "Set up partner database" first: there is no ${TABLES[key].tab} tab.`);
    const existing = data.rows.find((r) => r.record.partnerId === partnerId);
    if (existing) return listed<Rec>(existing);
    const now = new Date().toISOString();
    const id = newId(
      TABLES[key].idPrefix,
      () => Utilities.getUuid(),
      new Set(data.rows.map((r) => String(r.record.id))),
    );
    db.write(data, [
      { row: data.values.length + 1, values: { ...values, id, partnerId, created: now, updated: now } },
    ]);
    const after = findRow(db.read(key), id);
    if (!after) throw new UserError(`The new ${TABLES[key].tab} row could not be read back.`);
    return listed<Rec>(after);
  });
}

/**
 * A decision names who made it, as the coordinator types it. Not Session.getActiveUser(): that is who
 * uses the add-on, not always who decided, and its address is blank for consumer accounts and people
 * of another domain.
 */
function whoDecided(values: Record<string, FieldValue>): Record<string, string> {
  return values.decision && !values.decidedBy
    ? { decidedBy: 'Decided by: give the name of the person who made the decision.' }
    : {};
}

/** A prospect moves to vetting, with an empty checklist. */
export function startVetting(db: Database, partnerId: string): Listed<Vetting> {
  const partner = partnerOf(db, partnerId);
  if (partner.status !== 'prospect' && partner.status !== 'vetting') {
    throw new UserError(`${partner.name} is ${partner.status}; only a prospect is vetted.`);
  }
  const row = ensureRow(db, 'vetting', partnerId, {});
  if (partner.status === 'prospect') updateRow(db, 'partners', partnerId, { status: 'vetting' });
  return row as Listed<Vetting>;
}

/** Saves the checklist; a decision moves the partner on (approve: onboarding; decline: ended) and says who decided. */
export function saveVetting(db: Database, request: SaveRequest): SaveResult<Vetting> {
  return saveRecord(db, 'vetting', request, {
    check: whoDecided,
    complete: (full) => decisionDate(db, full),
    after: (saved) => {
      // Only a decision made now moves the partner: saving notes later leaves its status alone.
      if (!('decision' in request.values)) return;
      const partnerId = String(saved.partnerId);
      if (saved.decision === 'approve') {
        db.write(db.read('partners'), statusChange(db, partnerId, 'onboarding'));
      } else if (saved.decision === 'decline') {
        db.write(db.read('partners'), statusChange(db, partnerId, 'ended'));
      }
    },
  });
}

/** A decision without its date is dated today. */
function decisionDate(db: Database, full: Rec): Rec {
  return full.decision && !full.decidedOn ? { decidedOn: db.today() } : {};
}

function statusChange(db: Database, partnerId: string, status: string) {
  const row = db.read('partners').rows.find((r) => r.record.id === partnerId);
  return row && row.record.status !== status
    ? [{ row: row.row, values: { status, updated: new Date().toISOString() } }]
    : [];
}

export function saveOnboarding(db: Database, request: SaveRequest): SaveResult<Onboarding> {
  if (!request.id && typeof request.values.partnerId === 'string') {
    const existing = db.read('onboarding').rows.find((r) => r.record.partnerId === request.values.partnerId);
    if (existing) throw new UserError('This partner already has an onboarding row; edit that one.');
  }
  return saveRecord(db, 'onboarding', request);
}

export function reviewContext(db: Database, partnerId: string): ReviewContext {
  const partner = partnerOf(db, partnerId);
  const today = db.today();
  let score: number | null = null;
  for (const survey of surveysNewestFirst(db)) {
    const found = surveyView(db, survey.id).summary.partners.find(
      (p) => p.partnerId === partnerId && p.overall !== null,
    );
    if (found) {
      score = found.overall;
      break;
    }
  }
  return {
    year: schoolYear(today),
    questions: REVIEW_QUESTIONS,
    evidence: reviewEvidence({
      partner,
      checkIns: db.read('checkIns').rows.map((r) => r.record),
      actionItems: db.read('actionItems').rows.map((r) => r.record),
      agreements: db.read('agreements').rows.map((r) => r.record),
      surveyScore: score,
      today,
    }),
  };
}

export function saveReview(db: Database, request: SaveRequest): SaveResult<Review> {
  const values = { ...request.values };
  if (!request.id && !values.evidence && typeof values.partnerId === 'string') {
    values.evidence = reviewContext(db, values.partnerId).evidence.join('\n');
  }
  return saveRecord(
    db,
    'reviews',
    { ...request, values },
    { check: whoDecided, complete: (full) => decisionDate(db, full) },
  );
}

function tablesOf(tables: Record<string, string[][]>) {
  return (name: string) => tables[name];
}

export function makePartnerDoc(db: Database, kind: PartnerDoc, partnerId: string) {
  const partner = partnerOf(db, partnerId);
  const contacts = db.read('contacts').rows.map((r) => r.record);
  const school = db.school();
  const spec =
    kind === 'vetting'
      ? vettingDoc(partner, db.read('vetting').rows.find((r) => r.record.partnerId === partnerId)?.record)
      : agreementDoc(partner, school, contacts);
  const made = writeDocument(db, {
    title: `${kind === 'vetting' ? 'Vetting checklist' : 'Partnership agreement'}: ${partner.name}`,
    templateKind: kind === 'vetting' ? 'vetting checklist' : 'partnership agreement',
    blocks: spec.blocks,
    values: spec.values,
    tables: tablesOf(spec.tables),
  });
  return { url: made.url, unknownPlaceholders: made.unknown, notes: made.notes };
}

/** The year-end report, from one read of each tab and the figures of each survey of the school year. */
function yearReportOf(db: Database, audience: ReportAudience) {
  const today = db.today();
  const { from, to } = yearSpan(today);
  const surveys = surveysNewestFirst(db)
    .filter((s) => s.created.slice(0, 10) >= from && s.created.slice(0, 10) <= to)
    .reverse()
    .map((survey) => ({ survey, summary: surveyView(db, survey.id).summary }));
  return yearReport({
    today,
    audience,
    school: db.school(),
    partners: db.read('partners').rows.map((r) => r.record),
    agreements: db.read('agreements').rows.map((r) => r.record),
    checkIns: db.read('checkIns').rows.map((r) => r.record),
    gatherings: db.read('gatherings').rows.map((r) => r.record),
    actionItems: db.read('actionItems').rows.map((r) => r.record),
    needs: db.read('needs').rows.map((r) => r.record),
    reviews: db.read('reviews').rows.map((r) => r.record),
    surveys,
  });
}

export function makeSchoolDoc(db: Database, kind: SchoolDoc) {
  if (kind === 'yearStaff' || kind === 'yearPartners') {
    const report = yearReportOf(db, kind === 'yearStaff' ? 'staff' : 'partners');
    const made = writeDocument(db, {
      title: report.title,
      templateKind: kind === 'yearStaff' ? 'year-end report (staff)' : 'year-end report',
      blocks: report.blocks,
      values: report.values,
      tables: tablesOf(report.tables),
    });
    return { url: made.url, unknownPlaceholders: made.unknown, notes: made.notes };
  }
  const partners = db.read('partners').rows.map((r) => r.record);
  const school = db.school();
  const spec =
    kind === 'directory'
      ? staffDirectoryDoc(
          partners,
          db.read('contacts').rows.map((r) => r.record),
          school,
        )
      : overviewDoc({
          school,
          partners,
          agreements: db.read('agreements').rows.map((r) => r.record),
          actionItems: db.read('actionItems').rows.map((r) => r.record),
          today: db.today(),
        });
  const made = writeDocument(db, {
    title: kind === 'directory' ? 'Partner directory for staff' : 'Partnership overview',
    templateKind: kind === 'directory' ? 'staff directory' : 'partnership overview',
    blocks: spec.blocks,
    values: spec.values,
    tables: tablesOf(spec.tables),
  });
  return { url: made.url, unknownPlaceholders: made.unknown, notes: made.notes };
}
