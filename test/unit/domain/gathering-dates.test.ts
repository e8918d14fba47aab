import fc from 'fast-check';
import {
  awaitsAnswer,
  canAnswer,
  followUpState,
  gatheringGlance,
  isPast,
  MODEL_MONTHS,
  schoolYearStart,
  schoolYearToPlan,
  yearOfMonth,
} from '../../../src/shared/gathering-dates';
import { yearPlan } from '../../../src/server/domain/schedule';
import { GATHERING_STATUSES } from '../../../src/shared/schema';

// Fixed seed: a failure prints the seed and path to replay it.
const RUNS = { seed: 20261130, numRuns: 400 };

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const months = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 });
const status = fc.constantFrom(...GATHERING_STATUSES);
const options = { weekday: 2, week: 2, start: '15:30', minutes: 90, location: 'Library' } as const;

describe('the school year to plan', () => {
  it('on 30 November: this school year, whose September and November gatherings are past', () => {
    const year = schoolYearToPlan('2026-11-30', MODEL_MONTHS.five);
    expect(year).toBe(2026);
    const plan = yearPlan({ model: 'five', ...options, startYear: year });
    expect(plan.filter((g) => isPast(g.date, '2026-11-30')).map((g) => g.date)).toEqual([
      '2026-09-08',
      '2026-11-10',
    ]);
  });

  it('in July the coming year; in late May, with May the last month, the next one', () => {
    expect(schoolYearToPlan('2026-07-01', MODEL_MONTHS.five)).toBe(2026);
    expect(schoolYearToPlan('2026-06-30', MODEL_MONTHS.five)).toBe(2026);
    expect(schoolYearToPlan('2027-04-30', MODEL_MONTHS.five)).toBe(2026);
    expect(schoolYearToPlan('2027-05-20', MODEL_MONTHS.five)).toBe(2027);
    expect(schoolYearToPlan('2027-02-10', MODEL_MONTHS.three)).toBe(2026);
    expect(schoolYearToPlan('2027-02-10', [9, 10, 12])).toBe(2027);
    expect(schoolYearToPlan('2027-02-10', [])).toBe(2026);
  });

  it('is the earliest school year from the current one with a gathering month after this month', () => {
    fc.assert(
      fc.property(day, months, (today, ms) => {
        const year = schoolYearToPlan(today, ms);
        const current = schoolYearStart(today);
        const ahead = (start: number) =>
          ms.some((m) => `${yearOfMonth(start, m)}-${String(m).padStart(2, '0')}` > today.slice(0, 7));
        expect([current, current + 1]).toContain(year);
        expect(ahead(year)).toBe(true);
        if (year > current) expect(ahead(current)).toBe(false);
      }),
      RUNS,
    );
  });

  it('proposes a year plan with a gathering still to come, and none more than two years ahead', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('five' as const, 'three' as const), (today, model) => {
        const plan = yearPlan({ model, ...options, startYear: schoolYearToPlan(today, MODEL_MONTHS[model]) });
        expect(plan.some((g) => !isPast(g.date, today) && g.date > today)).toBe(true);
        const latest = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
        expect(plan.every((g) => g.date < latest)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the year models use the shared months', () => {
    expect(
      yearPlan({ model: 'five', ...options, startYear: 2026 }).map((g) => Number(g.date.slice(5, 7))),
    ).toEqual([...MODEL_MONTHS.five]);
    expect(
      yearPlan({ model: 'three', ...options, startYear: 2026 }).map((g) => Number(g.date.slice(5, 7))),
    ).toEqual([...MODEL_MONTHS.three]);
  });
});

describe('past dates', () => {
  it('a date before today is past; today and later, or no date, are not', () => {
    expect(isPast('2026-11-29', '2026-11-30')).toBe(true);
    expect(isPast('2026-11-30', '2026-11-30')).toBe(false);
    expect(isPast('', '2026-11-30')).toBe(false);
    expect(isPast('Nov 3', '2026-11-30')).toBe(false);
    fc.assert(
      fc.property(day, day, (date, today) => {
        expect(isPast(date, today)).toBe(Date.parse(date) < Date.parse(today));
      }),
      RUNS,
    );
  });
});

describe('held or cancelled', () => {
  it('asks only about a planned or invited gathering whose day has passed', () => {
    const today = '2026-11-30';
    expect(awaitsAnswer({ date: '2026-09-08', status: 'planned' }, today)).toBe(true);
    expect(awaitsAnswer({ date: '2026-09-08', status: 'invited' }, today)).toBe(true);
    expect(awaitsAnswer({ date: '2026-09-08', status: 'held' }, today)).toBe(false);
    expect(awaitsAnswer({ date: '2026-09-08', status: 'cancelled' }, today)).toBe(false);
    expect(awaitsAnswer({ date: today, status: 'planned' }, today)).toBe(false);
    expect(canAnswer({ date: today, status: 'planned' }, today)).toBe(true);
    expect(canAnswer({ date: '2027-01-12', status: 'planned' }, today)).toBe(false);
  });

  it('a follow-up may go only for a gathering marked held whose day has come', () => {
    const today = '2026-11-30';
    expect(followUpState({ date: '2026-09-08', status: 'held' }, today)).toBe('ready');
    expect(followUpState({ date: today, status: 'held' }, today)).toBe('ready');
    expect(followUpState({ date: '2026-09-08', status: 'cancelled' }, today)).toBe('cancelled');
    expect(followUpState({ date: '2027-01-12', status: 'planned' }, today)).toBe('upcoming');
    expect(followUpState({ date: '2027-01-12', status: 'held' }, today)).toBe('upcoming');
    expect(followUpState({ date: '2026-09-08', status: 'planned' }, today)).toBe('unanswered');
    fc.assert(
      fc.property(day, day, status, (date, now, s) => {
        const g = { date, status: s };
        const state = followUpState(g, now);
        expect(state === 'ready').toBe(s === 'held' && date <= now);
        // Asked about means not ready; answering it "held" makes it ready.
        if (awaitsAnswer(g, now)) {
          expect(state).toBe('unanswered');
          expect(canAnswer(g, now)).toBe(true);
          expect(followUpState({ date, status: 'held' }, now)).toBe('ready');
        }
        if (canAnswer(g, now) && date !== now) expect(awaitsAnswer(g, now)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('the gatherings of the coming week (the Dashboard view)', () => {
  const g = (id: string, date: string, status: string, start = '15:30') => ({
    id,
    title: `Gathering ${id}`,
    date,
    start,
    status,
    agendaUrl: id === 'b' ? 'https://docs.google.com/document/d/x/edit' : '',
    eventId: id === 'c' ? 'abc@google.com' : '',
  });

  it('lists those from today to 7 days ahead, soonest first, and counts those waiting for an answer', () => {
    const today = '2026-11-30';
    const glance = gatheringGlance(
      [
        g('a', '2026-12-07', 'planned'),
        g('b', '2026-11-30', 'invited', '18:00'),
        g('c', '2026-11-30', 'planned', '09:00'),
        g('d', '2026-12-08', 'planned'),
        g('e', '2026-12-02', 'cancelled'),
        g('f', '2026-11-29', 'planned'),
        g('g', '2026-11-20', 'held'),
        g('h', '', 'planned'),
      ],
      today,
    );
    expect(glance.week.map((w) => [w.id, w.agenda, w.onCalendar])).toEqual([
      ['c', false, true],
      ['b', true, false],
      ['a', false, false],
    ]);
    expect(glance.unanswered).toBe(1);
  });

  it('says the same as the Gatherings view: each one of the week is still ahead, the unanswered are past', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(day, status), { maxLength: 12 }), day, (rows, today) => {
        const list = rows.map(([date, s], i) => g(String(i), date, s));
        const glance = gatheringGlance(list, today);
        for (const w of glance.week) {
          expect(isPast(w.date, today)).toBe(false);
          expect(w.status).not.toBe('cancelled');
        }
        expect(glance.unanswered).toBe(list.filter((x) => awaitsAnswer(x, today)).length);
      }),
      RUNS,
    );
  });
});
