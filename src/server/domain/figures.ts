// Each headline figure, counted once. The header (sidebar.ts), the Needs view and the Gaps tab
// (network.ts), the Dashboard tab and the messages take them from here, so no two can disagree.
// Pure.
import type { CheckInFigures, NeedFigures, SurveyFigures } from '../../shared/figures';
import type { PartnerCounts } from '../../shared/contract';
import type { Agreement, Partner } from '../../shared/records';
import type { GapReport } from '../../shared/gaps';
import type { SurveySummary } from '../../shared/survey';
import { checkInState, expiringAgreements } from '../../shared/partner-status';

export function needFigures(report: Pick<GapReport, 'needs'>): NeedFigures {
  let unmet = 0;
  let pending = 0;
  let covered = 0;
  for (const n of report.needs) {
    if (n.status === 'unmet') unmet++;
    else if (n.status === 'pending') pending++;
    else covered++;
  }
  return { open: unmet + pending + covered, unmet, pending, covered };
}

export interface CheckInDue {
  readonly id: string;
  readonly name: string;
  readonly nextCheckIn: string;
  readonly overdue: boolean;
}

/**
 * Check-ins overdue and due in the next 7 days (`checkInState`), with the partners concerned: overdue
 * first, the longest overdue first, then the soonest due.
 */
export function checkInFigures(
  partners: readonly Pick<Partner, 'id' | 'name' | 'status' | 'cadence' | 'lastCheckIn'>[],
  today: string,
): CheckInFigures & { readonly due: CheckInDue[] } {
  const due: CheckInDue[] = [];
  let overdue = 0;
  let dueSoon = 0;
  for (const p of partners) {
    const { due: date, state } = checkInState(p, today);
    if (state !== 'overdue' && state !== 'soon') continue;
    if (state === 'overdue') overdue++;
    else dueSoon++;
    due.push({ id: p.id, name: p.name, nextCheckIn: date, overdue: state === 'overdue' });
  }
  due.sort((a, b) => a.nextCheckIn.localeCompare(b.nextCheckIn) || a.name.localeCompare(b.name));
  return { overdue, dueSoon, due };
}

/** How many of the partners due for a check-in the home screen lists (it counts them all). */
export const DUE_LISTED = 20;

/** The home screen's figures that come from the partners alone (the agreements expiring do not). */
export function partnerCounts(
  partners: readonly Pick<Partner, 'id' | 'name' | 'status' | 'cadence' | 'lastCheckIn'>[],
  today: string,
): PartnerCounts {
  const checkIns = checkInFigures(partners, today);
  return {
    total: partners.length,
    active: partners.filter((p) => p.status === 'active').length,
    overdue: checkIns.overdue,
    dueSoon: checkIns.dueSoon,
    due: checkIns.due.slice(0, DUE_LISTED),
  };
}

/** Agreements about to end (`expiringAgreements`), counted across partners: the Gaps tab lists each. */
export function expiringCount(
  partners: readonly Pick<Partner, 'id' | 'status'>[],
  agreementsOf: (partnerId: string) => readonly Agreement[],
  today: string,
): number {
  let n = 0;
  for (const p of partners) n += expiringAgreements(p, agreementsOf(p.id), today).length;
  return n;
}

export function surveyFigures(
  summary: Pick<SurveySummary, 'flaggedPartners'>,
  flaggedAnswers: number,
): SurveyFigures {
  return { flaggedPartners: summary.flaggedPartners.length, flaggedAnswers };
}

/** Two gatherings are the same when their kind, title (any case) and date are. */
export function gatheringKey(g: Readonly<Record<string, unknown>>): string {
  return `${String(g.kind)}|${String(g.title).trim().toLowerCase()}|${String(g.date)}`;
}

/**
 * Which drafts of a plan are new: not already in the tab (pressing Add again, or a retry after a
 * failure, finds them there) and not a repeat of an earlier draft. "Added n gatherings" counts these.
 */
export function newGatherings(
  existing: readonly Readonly<Record<string, unknown>>[],
  drafts: readonly Readonly<Record<string, unknown>>[],
): boolean[] {
  const seen = new Set(existing.map(gatheringKey));
  return drafts.map((d) => {
    const key = gatheringKey(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
