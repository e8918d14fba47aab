// Gatherings against today: which school year to plan, which dates are already past, which gatherings
// are over and still wait for "held or cancelled?", and whether a follow-up may go. Pure: dates are
// 'yyyy-mm-dd' in the spreadsheet's time zone (the server's `today`), compared as text.
import type { Gathering } from './records';
import { addDays } from './dates';
import { DUE_SOON_DAYS } from './partner-status';

/** The months of the built-in year models, in school-year order. */
export const MODEL_MONTHS = {
  five: [9, 11, 1, 3, 5],
  three: [9, 1, 5],
} as const;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar year the school year of `today` starts in: from July on, the coming school year's. */
export function schoolYearStart(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? year : year - 1;
}

/** The calendar year of a month of the school year starting in `startYear` (July–June). */
export function yearOfMonth(startYear: number, month: number): number {
  return month >= 7 ? startYear : startYear + 1;
}

/**
 * The school year to plan from today: the current one while one of its gathering months is still to
 * come after this month, else the next. 30 November 2026 with September…May: 2026 (January, March and
 * May are ahead; September and November are marked past in the review); 20 May 2027: 2027; July: the
 * coming year.
 */
export function schoolYearToPlan(today: string, months: readonly number[]): number {
  const start = schoolYearStart(today);
  if (!months.length) return start;
  const now = today.slice(0, 7);
  const ahead = months.some((m) => `${yearOfMonth(start, m)}-${String(m).padStart(2, '0')}` > now);
  return ahead ? start : start + 1;
}

/** A date before today. A missing or malformed date is not past: it is no date at all. */
export function isPast(date: string, today: string): boolean {
  return ISO.test(date) && date < today;
}

type Dated = Pick<Gathering, 'date' | 'status'>;

const unanswered = (g: Dated) => g.status === 'planned' || g.status === 'invited';

/** Its day has passed and it is still planned or invited: the Gatherings view asks "Held or cancelled?". */
export function awaitsAnswer(g: Dated, today: string): boolean {
  return unanswered(g) && isPast(g.date, today);
}

/** It may be answered now: its day has come (on the day itself it may be over by evening). */
export function canAnswer(g: Dated, today: string): boolean {
  return unanswered(g) && ISO.test(g.date) && g.date <= today;
}

/**
 * Whether a follow-up ("thank you for joining") may go: only for a gathering marked held whose day has
 * come. 'upcoming': its day is still ahead; 'unanswered': over, but not marked held.
 */
export type FollowUpState = 'ready' | 'cancelled' | 'upcoming' | 'unanswered';

export function followUpState(g: Dated, today: string): FollowUpState {
  if (g.status === 'cancelled') return 'cancelled';
  if (ISO.test(g.date) && g.date > today) return 'upcoming';
  return g.status === 'held' ? 'ready' : 'unanswered';
}

/** A gathering as the Dashboard view names it: when, and whether its agenda and event are made. */
export interface GatheringBrief {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly start: string;
  readonly status: string;
  /** It has an agenda Doc. */
  readonly agenda: boolean;
  /** It is on the calendar (it has an event). */
  readonly onCalendar: boolean;
}

/** What the Dashboard view says about gatherings (`gatheringGlance`). */
export interface GatheringGlance {
  /** Not cancelled, from today to DUE_SOON_DAYS ahead: the soonest first. */
  readonly week: readonly GatheringBrief[];
  /** Over and still planned or invited: the Gatherings view asks "Held or cancelled?" of each. */
  readonly unanswered: number;
}

/**
 * The gatherings of the coming week (today and the DUE_SOON_DAYS after, as "due in the next 7 days" of
 * check-ins) and how many wait for "held or cancelled?": counted here for the first screen (the server)
 * and for the gatherings the sidebar has loaded since, so both say the same.
 */
export function gatheringGlance(
  list: readonly Pick<Gathering, 'id' | 'title' | 'date' | 'start' | 'status' | 'agendaUrl' | 'eventId'>[],
  today: string,
): GatheringGlance {
  const last = ISO.test(today) ? addDays(today, DUE_SOON_DAYS) : '';
  const week = list
    .filter((g) => g.status !== 'cancelled' && ISO.test(g.date) && g.date >= today && g.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
    .map((g) => ({
      id: g.id,
      title: g.title,
      date: g.date,
      start: g.start,
      status: g.status,
      agenda: Boolean(g.agendaUrl),
      onCalendar: Boolean(g.eventId),
    }));
  return { week, unanswered: list.filter((g) => awaitsAnswer(g, today)).length };
}
