// What a coordinator needs to know about each partner at a glance: when the next check-in is due,
// which agreements are about to end, what needs attention, and the list row the directory shows. Pure.
// The header, the directory, the gap analysis and the Dashboard tab all read these definitions, so their
// figures cannot disagree; the sidebar works out a partner's row again after a save with them.
import type { AttentionReason, Listed, PartnerEntry, PartnerRow } from './contract';
import type { Agreement, Contact, Partner } from './records';
import { addDays, addMonths, daysBetween } from './dates';
import { isIsoDate } from './fields';

export const EXPIRING_WITHIN_DAYS = 60;
/** "Due soon": a check-in due from today to this many days ahead. */
export const DUE_SOON_DAYS = 7;

const norm = (text: string): string => text.trim().toLowerCase();

/** The date the next check-in is due: the last one plus the cadence, or today when there has been none. */
export function nextCheckIn(partner: Pick<Partner, 'cadence' | 'lastCheckIn'>, today: string): string {
  const cadence = norm(partner.cadence);
  const last = partner.lastCheckIn.trim();
  if (!cadence) return '';
  if (!isIsoDate(last)) return today;
  switch (cadence) {
    case 'weekly':
      return addDays(last, 7);
    case 'monthly':
      return addMonths(last, 1);
    case 'quarterly':
      return addMonths(last, 3);
    case 'annually':
      return addMonths(last, 12);
    default:
      return '';
  }
}

const IN_SERVICE = new Set(['active', 'onboarding']);

/** Partners in service (active or onboarding): the ones whose check-ins, funding and agreements are watched. */
export function inService(partner: Pick<Partner, 'status'>): boolean {
  return IN_SERVICE.has(norm(partner.status));
}

/**
 * Where a partner in service stands with its check-ins: overdue (the next one was due before today),
 * soon (due from today to DUE_SOON_DAYS ahead), later, or '' (not in service, or no cadence).
 */
export type CheckInState = 'overdue' | 'soon' | 'later' | '';

export function checkInState(
  partner: Pick<Partner, 'status' | 'cadence' | 'lastCheckIn'>,
  today: string,
): { readonly due: string; readonly state: CheckInState } {
  const due = nextCheckIn(partner, today);
  if (!inService(partner) || !isIsoDate(due) || !isIsoDate(today)) return { due, state: '' };
  if (due < today) return { due, state: 'overdue' };
  return { due, state: due <= addDays(today, DUE_SOON_DAYS) ? 'soon' : 'later' };
}

/** A partner relies on one funding source when it says so, or when it lists exactly one. */
export function singleFunded(partner: Pick<Partner, 'singleFunding' | 'funding'>): boolean {
  if (partner.singleFunding) return true;
  return partner.funding.split(/[,;\n]+/).filter((s) => s.trim()).length === 1;
}

export function isCurrent(agreement: Agreement, today: string): boolean {
  if (norm(agreement.status) !== 'signed') return false;
  if (isIsoDate(agreement.start) && agreement.start > today) return false;
  return !isIsoDate(agreement.end) || agreement.end >= today;
}

/**
 * A partner's agreements that are about to end: current, ending within EXPIRING_WITHIN_DAYS, and not
 * renewed (no other signed agreement of the same type runs later). Only partners in service are
 * watched; others have none.
 */
export function expiringAgreements(
  partner: Pick<Partner, 'status'>,
  agreements: readonly Agreement[],
  today: string,
): Agreement[] {
  if (!inService(partner) || !isIsoDate(today)) return [];
  return agreements.filter((a) => {
    if (!isCurrent(a, today) || !isIsoDate(a.end)) return false;
    if (daysBetween(today, a.end) > EXPIRING_WITHIN_DAYS) return false;
    const type = norm(a.type);
    const renewed = agreements.some(
      (b) =>
        b !== a &&
        norm(b.status) === 'signed' &&
        norm(b.type) === type &&
        (!isIsoDate(b.end) || b.end > a.end),
    );
    return !renewed;
  });
}

export function attention(
  partner: Partner,
  agreements: readonly Agreement[],
  today: string,
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (checkInState(partner, today).state === 'overdue') reasons.push('check-in overdue');
  if (expiringAgreements(partner, agreements, today).length) reasons.push('agreement expiring');
  if (norm(partner.status) === 'active' && !agreements.some((a) => isCurrent(a, today)))
    reasons.push('no current agreement');
  if (inService(partner) && singleFunded(partner)) reasons.push('single funding source');
  return reasons;
}

/** A partner with when its next check-in is due and what needs attention, from its agreements. */
export function partnerEntry(
  listed: Listed<Partner>,
  agreements: readonly Agreement[],
  today: string,
): PartnerEntry {
  return {
    ...listed,
    attention: attention(listed.record, agreements, today),
    nextCheckIn: nextCheckIn(listed.record, today),
  };
}

/** What the directory shows of a partner (and what its filters look at). */
export function partnerRow(entry: PartnerEntry): PartnerRow {
  const p = entry.record;
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    focusAreas: p.focusAreas,
    attention: entry.attention,
    nextCheckIn: entry.nextCheckIn,
    warnings: entry.warnings.length,
    schools: p.schools,
    liaison: p.liaison,
  };
}

/** What search looks at in a partner's contacts (see searchText). */
export function contactText(contacts: readonly Pick<Contact, 'name' | 'email' | 'role'>[]): string {
  return contacts.map((c) => ` ${c.name} ${c.email} ${c.role}`).join('');
}
