// The year's gatherings: the guide's five 90-minute gatherings, the lighter three, or a custom cadence;
// and the goal-setting convening. Pure: dates are 'yyyy-mm-dd', times 'HH:mm'.
import type { ConveningRequest, GatheringDraft, YearRequest } from '../../shared/contract';
import { addDays } from '../../shared/dates';
import { MONTHS } from './text';
import { CONVENING_GOALS } from '../../shared/convening';
import { MODEL_MONTHS, yearOfMonth } from '../../shared/gathering-dates';

interface Topic {
  readonly title: string;
  readonly topic: string;
  readonly objectives: string;
}

interface Slot extends Topic {
  readonly month: number;
}

/** The model's months (shared with the sidebar, which proposes the school year from them) with topics. */
const slots = (months: readonly number[], topics: readonly Topic[]): readonly Slot[] =>
  topics.map((t, i) => ({ ...t, month: months[i] }));

// Topics follow the multi-partner gathering guide's timeline, in our own words.
const FIVE = slots(MODEL_MONTHS.five, [
  {
    title: 'Fall partner gathering',
    topic:
      'The principal shares the instructional vision, the school improvement plan and what is new this year (staffing, enrollment, school-wide initiatives). Partners introduce their programs so everyone learns the range of services on campus.',
    objectives: 'Share the vision for the year. Learn what each partner offers.',
  },
  {
    title: 'November partner gathering',
    topic:
      'We agree on how we communicate and follow progress together, walk through the events calendar and where partners can co-plan, present or table, and connect our work to school-wide initiatives and shared goals.',
    objectives:
      'Set communication and progress-monitoring expectations. Plan partner roles in upcoming events.',
  },
  {
    title: 'Mid-year partner gathering',
    topic:
      'Highlights and challenges so far, from the school and from partners. The school asks for your ideas on one area of partnership it is working on. An open, solutions-focused conversation about what is happening in our community, with no discussion of individual youth or families.',
    objectives: 'Take stock at mid-year. Gather partner input on a partnership area.',
  },
  {
    title: 'Spring data gathering',
    topic:
      "The school shares its data for the year so far and asks what you see in it. Partners share their own aggregate data and how they are strengthening their programs. With next year's budget in preparation, the school shares its hopes and the changes that may affect partners.",
    objectives: 'Look at data together. Hear partner feedback ahead of budget decisions.',
  },
  {
    title: 'End-of-year partner gathering',
    topic:
      'We look back on the year of partnership: what worked and what could be better. Each partner brings a short summary of its year to share with staff and the community.',
    objectives: 'Reflect on the year. Capture each partner’s summary.',
  },
]);

const THREE = slots(MODEL_MONTHS.three, [
  {
    title: 'Beginning-of-year meet and greet',
    topic:
      'Partners meet the principal and one another; the principal shares the vision and priorities for the year.',
    objectives: 'Build relationships. Share the year’s vision and priorities.',
  },
  {
    title: 'Mid-year all-hands',
    topic:
      'Together we look at what is working, what needs to change, and our plans for the rest of the year.',
    objectives: 'Adjust plans for the second half of the year.',
  },
  {
    title: 'End-of-year celebration',
    topic: 'We celebrate the year’s wins together and thank partners for their work.',
    objectives: 'Celebrate. Recognize partners.',
  },
]);

/** The n-th given weekday (1 Monday … 7 Sunday) of a month, or the last one when the month has fewer. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const isoDay = ((first.getUTCDay() + 6) % 7) + 1;
  let day = 1 + ((weekday - isoDay + 7) % 7) + (n - 1) * 7;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  while (day > last) day -= 7;
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** A weekend date moves to the following Monday. */
export function onWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function yearPlan(request: YearRequest): GatheringDraft[] {
  const slots =
    request.model === 'five'
      ? FIVE
      : request.model === 'three'
        ? THREE
        : (request.months ?? []).map((month): Slot => ({
            month,
            title: `${MONTHS[month - 1]} partner gathering`,
            topic: '',
            objectives: '',
          }));
  return slots.map((slot) => {
    const year = yearOfMonth(request.startYear, slot.month);
    return {
      kind: 'multi-partner gathering',
      title: slot.title,
      date: nthWeekday(year, slot.month, request.weekday, request.week),
      start: request.start,
      end: addMinutes(request.start, request.minutes),
      location: request.location,
      objectives: slot.objectives,
      topic: slot.topic,
    };
  });
}

export { CONVENING_GOALS };

/** Beyond the school's partners, who the toolkit suggests bringing to a convening. */
export const CONVENING_ATTENDEES = [
  'Local tutoring, mentoring and coaching providers',
  'The state service commission',
  'The state afterschool network',
  'The chamber of commerce and local businesses',
  'The public library',
  'The parks and recreation department',
  'Youth-serving organizations',
  'Colleges and universities',
  'Elected officials',
  'Families',
  'Youth',
] as const;

/** The goal-setting convening: two to four goals from the toolkit's list, over one or two days. */
export function conveningPlan(options: ConveningRequest): GatheringDraft[] {
  const goals = options.goals.filter((g) => (CONVENING_GOALS as readonly string[]).includes(g));
  if (goals.length < 2 || goals.length > 4)
    throw new RangeError('Choose two to four goals for the convening.');
  const objectives = goals.join('. ') + '.';
  const co = options.coConveners.trim() ? ` Co-convened with ${options.coConveners.trim()}.` : '';
  const day1 = onWeekday(options.date);
  const drafts: GatheringDraft[] = [
    {
      kind: 'goal-setting convening',
      title: options.days === 2 ? 'Goal-setting convening, day 1' : 'Goal-setting convening',
      date: day1,
      start: options.start,
      end: addMinutes(options.start, options.days === 2 ? 240 : 300),
      location: options.location,
      objectives,
      topic: `Welcome, goals, introductions and norms; brainstorm shared assets and challenges; prioritize.${co}`,
    },
  ];
  if (options.days === 2) {
    drafts.push({
      ...drafts[0],
      title: 'Goal-setting convening, day 2',
      date: onWeekday(addDays(day1, 1)),
      topic: `Review day 1 themes; goal-setting in small groups, then as a whole group; next steps.${co}`,
    });
  }
  return drafts;
}
