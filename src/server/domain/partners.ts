// What a coordinator needs to know about each partner at a glance: when the next check-in is due and
// what needs attention. Pure.
import type { AttentionReason } from '../../shared/contract';
import type { Agreement, Partner } from '../../shared/records';
import { addDays, addMonths, daysBetween } from './dates';
import { isIsoDate } from '../../shared/fields';

export const EXPIRING_WITHIN_DAYS = 60;

/** The date the next check-in is due: the last one plus the cadence, or today when there has been none. */
export function nextCheckIn(partner: Pick<Partner, 'cadence' | 'lastCheckIn'>, today: string): string {
  if (!partner.cadence) return '';
  if (!isIsoDate(partner.lastCheckIn)) return today;
  switch (partner.cadence) {
    case 'weekly':
      return addDays(partner.lastCheckIn, 7);
    case 'monthly':
      return addMonths(partner.lastCheckIn, 1);
    case 'quarterly':
      return addMonths(partner.lastCheckIn, 3);
    case 'annually':
      return addMonths(partner.lastCheckIn, 12);
    default:
      return '';
  }
}

const IN_SERVICE = new Set(['active', 'onboarding']);

/** A partner relies on one funding source when it says so, or when it lists exactly one. */
export function singleFunded(partner: Pick<Partner, 'singleFunding' | 'funding'>): boolean {
  if (partner.singleFunding) return true;
  return partner.funding.split(/[,;\n]+/).filter((s) => s.trim()).length === 1;
}

export function isCurrent(agreement: Agreement, today: string): boolean {
  if (agreement.status !== 'signed') return false;
  if (isIsoDate(agreement.start) && agreement.start > today) return false;
  return !isIsoDate(agreement.end) || agreement.end >= today;
}

export function attention(
  partner: Partner,
  agreements: readonly Agreement[],
  today: string,
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const due = nextCheckIn(partner, today);
  if (IN_SERVICE.has(partner.status) && due && due < today) reasons.push('check-in overdue');
  const expiring = agreements.some(
    (a) => isCurrent(a, today) && isIsoDate(a.end) && daysBetween(today, a.end) <= EXPIRING_WITHIN_DAYS,
  );
  if (expiring) reasons.push('agreement expiring');
  if (partner.status === 'active' && !agreements.some((a) => isCurrent(a, today)))
    reasons.push('no current agreement');
  if (IN_SERVICE.has(partner.status) && singleFunded(partner)) reasons.push('single funding source');
  return reasons;
}
