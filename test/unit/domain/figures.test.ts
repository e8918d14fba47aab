// The headline figures: one definition each, and the gap analysis agrees with them.
import {
  checkInFigures,
  expiringCount,
  needFigures,
  newGatherings,
  surveyFigures,
} from '../../../src/server/domain/figures';
import { analyzeGaps, classifyNeeds, offersService, serviceWords } from '../../../src/server/domain/gaps';
import { attention, checkInState } from '../../../src/shared/partner-status';
import { demoData } from '../../../src/server/domain/demo-school';
import type { Agreement, Need, Partner, School } from '../../../src/shared/records';
import { blankPartner } from './fixtures';

const today = '2026-11-30';

const partner = (over: Partial<Partner>): Partner => blankPartner({ name: 'Org', funding: 'A, B', ...over });
const need = (over: Partial<Need>): Need => ({
  id: 'N-1',
  school: 'Lincoln',
  focusArea: 'basic needs',
  grades: '',
  description: '',
  service: '',
  priority: 'high',
  source: '',
  identified: '',
  status: 'open',
  metBy: '',
  created: '',
  updated: '',
  ...over,
});
const mou = (over: Partial<Agreement>): Agreement => ({
  id: 'A-1',
  partnerId: 'P-1',
  type: 'MOU',
  start: '2026-01-01',
  end: '2027-06-30',
  status: 'signed',
  link: '',
  created: '',
  updated: '',
  ...over,
});
const lincoln: School = {
  id: 'S-1',
  name: 'Lincoln',
  principal: '',
  liaison: '',
  vision: '',
  goals: '',
  created: '',
  updated: '',
};

const coats = partner({
  id: 'P-coats',
  name: 'Warm Coats Network',
  focusAreas: ['basic needs'],
  services: 'Coats, shoes and school supplies',
});
const food = partner({
  id: 'P-food',
  name: 'Riverside Food Bank',
  focusAreas: ['basic needs'],
  services: 'Weekend food bags and a monthly pantry',
});
const statuses = (partners: Partner[], needs: Need[]) =>
  classifyNeeds({ partners, needs, agreements: [], schools: [lincoln], today, singleSchool: true }).map(
    (n) => `${n.status}:${n.partnerIds.join(',')}`,
  );

describe('a need is covered only by a partner whose service matches it', () => {
  it('leaves the weekend-food need unmet beside a coat drive, and a food bank covers it', () => {
    const weekendFood = need({ service: 'weekend food' });
    expect(statuses([coats], [weekendFood])).toEqual(['unmet:']);
    expect(statuses([coats, food], [weekendFood])).toEqual(['covered:P-food']);
    // No service named: the focus area (and grades) decide, as before.
    expect(statuses([coats], [need({})])).toEqual(['covered:P-coats']);
  });

  it('matches each word of the service at the start of a word of the services, ignoring case and accents', () => {
    expect(serviceWords('Weekend food-bags, and the Café')).toEqual(['weekend', 'food', 'bags', 'cafe']);
    expect(offersService(serviceWords('One-on-one tutoring'), serviceWords('tutor'))).toBe(true);
    expect(offersService(serviceWords('One-on-one tutoring'), serviceWords('math tutor'))).toBe(false);
    expect(offersService(serviceWords('Family cafés'), serviceWords('CAFE'))).toBe(true);
  });

  it('still requires the grades to overlap', () => {
    const k2 = need({ service: 'food', grades: 'K-2' });
    expect(statuses([partner({ ...food, grades: '6-8' })], [k2])).toEqual(['unmet:']);
  });

  it('takes the partner the coordinator linked, whatever its focus area; a link to an ended partner is noted', () => {
    const linked = need({ service: 'weekend food', metBy: 'P-coats' });
    expect(statuses([coats, food], [linked])).toEqual(['covered:P-coats']);
    expect(statuses([{ ...food, status: 'onboarding' }], [need({ metBy: 'P-food' })])).toEqual([
      'pending:P-food',
    ]);
    const input = {
      partners: [{ ...coats, status: 'ended' }, food],
      needs: [need({ metBy: 'P-coats', service: 'food' })],
      agreements: [mou({ partnerId: 'P-food' })],
      schools: [lincoln],
      today,
      singleSchool: true,
    };
    const report = analyzeGaps(input);
    expect(report.needs).toEqual([{ needId: 'N-1', status: 'covered', partnerIds: ['P-food'] }]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(/linked to Warm Coats Network, which is ended/),
    );
  });
});

describe('need figures', () => {
  it('counts open needs by coverage, adding up', () => {
    expect(
      needFigures({
        needs: [
          { needId: 'a', status: 'covered', partnerIds: ['x'] },
          { needId: 'b', status: 'unmet', partnerIds: [] },
          { needId: 'c', status: 'pending', partnerIds: ['y'] },
          { needId: 'd', status: 'unmet', partnerIds: [] },
        ],
      }),
    ).toEqual({ open: 4, unmet: 2, pending: 1, covered: 1 });
  });
});

describe('check-ins', () => {
  const monthly = (id: string, lastCheckIn: string, status = 'active') =>
    partner({ id, name: id, cadence: 'monthly', lastCheckIn, status });

  it('splits overdue from due in the next 7 days, and leaves out later ones and partners not in service', () => {
    const partners = [
      monthly('long overdue', '2026-08-10'), // due 2026-09-10
      monthly('overdue', '2026-10-29'), // due 2026-11-29
      monthly('today', '2026-10-30'), // due 2026-11-30
      monthly('in 7 days', '2026-11-07'), // due 2026-12-07
      monthly('in 8 days', '2026-11-08'), // due 2026-12-08
      monthly('paused', '2026-01-01', 'paused'),
      partner({ id: 'no cadence', lastCheckIn: '2026-01-01' }),
    ];
    const f = checkInFigures(partners, today);
    expect({ overdue: f.overdue, dueSoon: f.dueSoon }).toEqual({ overdue: 2, dueSoon: 2 });
    expect(f.due.map((d) => [d.id, d.overdue])).toEqual([
      ['long overdue', true],
      ['overdue', true],
      ['today', false],
      ['in 7 days', false],
    ]);
    expect(checkInState(partners[4], today)).toEqual({ due: '2026-12-08', state: 'later' });
    expect(attention(partners[1], [mou({})], today)).toContain('check-in overdue');
    expect(attention(partners[2], [mou({})], today)).not.toContain('check-in overdue');
  });
});

describe('the same counts everywhere', () => {
  it.each(['2026-11-30', '2026-03-15', '2027-01-02', '2026-08-20'])(
    'the demo school on %s: the Gaps findings count what the figures count',
    (day) => {
      const d = demoData(day);
      const stamp = { created: '', updated: '' };
      const input = {
        partners: d.partners.map((p) => ({ ...p, ...stamp })),
        needs: d.needs.map((n) => ({ ...n, ...stamp })),
        agreements: d.agreements.map((a) => ({ ...a, ...stamp })),
        schools: d.schools.map((s) => ({ ...s, ...stamp })),
        today: day,
        singleSchool: true,
      };
      const report = analyzeGaps(input);
      const needs = needFigures(report);
      expect(needs.unmet).toBe(report.counts['unmet need']);
      expect(needs.pending).toBe(report.counts['need pending']);
      expect(needs.open).toBe(d.needs.length);
      expect(needFigures({ needs: classifyNeeds(input) })).toEqual(needs);
      const checkIns = checkInFigures(input.partners, day);
      expect(checkIns.overdue).toBe(report.counts['check-in overdue']);
      const byPartner = (id: string) => input.agreements.filter((a) => a.partnerId === id);
      expect(expiringCount(input.partners, byPartner, day)).toBe(report.counts['agreement expiring']);
      const flaggedExpiring = input.partners.filter((p) =>
        attention(p, byPartner(p.id), day).includes('agreement expiring'),
      );
      const expiringPartners = new Set(
        report.findings.filter((f) => f.kind === 'agreement expiring').map((f) => f.partnerIds[0]),
      );
      expect(flaggedExpiring.map((p) => p.id).sort()).toEqual([...expiringPartners].sort());
    },
  );

  it('the demo school today: the weekend-food need is unmet (its only food partner has ended)', () => {
    const d = demoData(today);
    const stamp = { created: '', updated: '' };
    const report = analyzeGaps({
      partners: d.partners.map((p) => ({ ...p, ...stamp })),
      needs: d.needs.map((n) => ({ ...n, ...stamp })),
      agreements: [],
      schools: d.schools.map((s) => ({ ...s, ...stamp })),
      today,
      singleSchool: true,
    });
    const food = d.needs.find((n) => n.service === 'weekend food');
    expect(report.needs.find((n) => n.needId === food?.id)?.status).toBe('unmet');
  });
});

describe('gatherings added', () => {
  const g = (title: string, date: string) => ({ kind: 'multi-partner gathering', title, date });

  it('counts only drafts not already in the tab and not repeated', () => {
    const plan = [g('Fall', '2026-10-13'), g('Winter', '2027-01-12'), g('fall ', '2026-10-13')];
    expect(newGatherings([], plan)).toEqual([true, true, false]);
    // Planning the year a second time adds nothing.
    expect(newGatherings(plan, plan)).toEqual([false, false, false]);
    expect(newGatherings([g('Fall', '2026-10-13')], [g('Fall', '2026-10-20')])).toEqual([true]);
  });
});

describe('survey flags', () => {
  it('counts partners below the threshold and answers with a bad code apart', () => {
    expect(surveyFigures({ flaggedPartners: ['P-1', 'P-2'] }, 0)).toEqual({
      flaggedPartners: 2,
      flaggedAnswers: 0,
    });
  });
});
