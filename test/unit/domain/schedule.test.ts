import {
  conveningPlan,
  nthWeekday,
  onWeekday,
  yearPlan,
  CONVENING_GOALS,
} from '../../../src/server/domain/schedule';
import { zonedInstant } from '../../../src/server/domain/zones';
import type { YearRequest } from '../../../src/shared/contract';

const options = {
  model: 'five',
  startYear: 2026,
  weekday: 2,
  week: 2,
  start: '15:30',
  minutes: 90,
  location: 'Library',
} satisfies YearRequest;
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('the year of gatherings', () => {
  it('five 90-minute gatherings in September, November, January, March and May, on the chosen weekday', () => {
    const plan = yearPlan(options);
    expect(plan.map((g) => g.date)).toEqual([
      '2026-09-08',
      '2026-11-10',
      '2027-01-12',
      '2027-03-09',
      '2027-05-11',
    ]);
    expect(plan.every((g) => g.start === '15:30' && g.end === '17:00' && weekday(g.date) === 2)).toBe(true);
    expect(plan[0].topic).toMatch(/instructional vision/);
    expect(plan[2].topic).toMatch(/no discussion of individual youth or families/);
    expect(plan[3].topic).toMatch(/aggregate data/);
  });

  it('three gatherings: meet and greet, mid-year all-hands, end-of-year celebration', () => {
    expect(yearPlan({ ...options, model: 'three' }).map((g) => [g.title, g.date.slice(0, 7)])).toEqual([
      ['Beginning-of-year meet and greet', '2026-09'],
      ['Mid-year all-hands', '2027-01'],
      ['End-of-year celebration', '2027-05'],
    ]);
  });

  it('a custom cadence in school-year order, on the fourth such weekday of each month', () => {
    const plan = yearPlan({ ...options, model: 'custom', weekday: 3, week: 4, months: [10, 12, 2, 4, 6] });
    expect(plan.map((g) => g.date)).toEqual([
      '2026-10-28',
      '2026-12-23',
      '2027-02-24',
      '2027-04-28',
      '2027-06-23',
    ]);
    expect(plan.every((g) => weekday(g.date) === 3)).toBe(true);
  });

  it('finds the n-th weekday, falling back to the last one in the month', () => {
    expect(nthWeekday(2026, 9, 1, 1)).toBe('2026-09-07');
    expect(nthWeekday(2026, 2, 5, 5)).toBe('2026-02-27');
    expect(onWeekday('2026-11-21')).toBe('2026-11-23');
    expect(onWeekday('2026-11-22')).toBe('2026-11-23');
  });
});

describe('the goal-setting convening', () => {
  it('takes two to four goals from the toolkit and makes one or two days', () => {
    const two = conveningPlan({
      goals: CONVENING_GOALS.slice(0, 3),
      date: '2026-10-16',
      days: 2,
      start: '09:00',
      location: 'Gym',
      coConveners: 'City library',
    });
    expect(two.map((d) => [d.title, d.date])).toEqual([
      ['Goal-setting convening, day 1', '2026-10-16'],
      ['Goal-setting convening, day 2', '2026-10-19'],
    ]);
    expect(two[0].topic).toMatch(/Co-convened with City library/);
    expect(() =>
      conveningPlan({
        goals: [CONVENING_GOALS[0]],
        date: '2026-10-16',
        days: 1,
        start: '09:00',
        location: '',
        coConveners: '',
      }),
    ).toThrow(/two to four/);
    expect(() =>
      conveningPlan({
        goals: [...CONVENING_GOALS],
        date: '2026-10-16',
        days: 1,
        start: '09:00',
        location: '',
        coConveners: '',
      }),
    ).toThrow(/two to four/);
  });
});

describe('zonedInstant', () => {
  it('keeps 15:30 in Chicago on both sides of the March change', () => {
    expect(zonedInstant('2027-03-12', '15:30', 'America/Chicago').toISOString()).toBe(
      '2027-03-12T21:30:00.000Z',
    );
    expect(zonedInstant('2027-03-15', '15:30', 'America/Chicago').toISOString()).toBe(
      '2027-03-15T20:30:00.000Z',
    );
    expect(zonedInstant('2026-11-10', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-11-10T08:00:00.000Z',
    );
    expect(zonedInstant('2026-07-01', '09:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-01T03:30:00.000Z',
    );
  });
});
