import {
  outOfFive,
  yearReport,
  yearSpan,
  type YearReportInput,
} from '../../../src/server/domain/year-report';
import { emptyValue, type RecordOf } from '../../../src/shared/records';
import { TABLES, type TableKey } from '../../../src/shared/schema';
import type { SurveySummary } from '../../../src/shared/survey';

// A record of any table with every field blank, then the fields a case needs.
function row<K extends TableKey>(key: K, over: Partial<RecordOf<K>>): RecordOf<K> {
  const blank = Object.fromEntries(TABLES[key].columns.map((c) => [c.key, emptyValue(c)]));
  return { ...blank, ...over } as RecordOf<K>;
}

const summary = (over: Partial<SurveySummary>): SurveySummary => ({
  invited: 0,
  responded: 0,
  rate: 0,
  scales: [],
  open: [],
  totals: [],
  tallies: [],
  partners: [],
  unattributed: 0,
  flaggedPartners: [],
  ...over,
});

const TODAY = '2027-05-20';
const input = (over: Partial<YearReportInput> = {}): YearReportInput => ({
  today: TODAY,
  audience: 'staff',
  school: row('schools', { name: 'Riverside Community School' }),
  partners: [
    row('partners', {
      id: 'P-1',
      name: 'Reading Friends',
      status: 'active',
      focusAreas: ['literacy'],
      services: 'Tutoring',
      schools: 'Riverside',
      created: '2025-03-01T00:00:00Z',
    }),
    row('partners', {
      id: 'P-2',
      name: 'Coat Drive',
      status: 'ended',
      updated: '2027-01-15T00:00:00Z',
      created: '2024-01-01T00:00:00Z',
    }),
    row('partners', { id: 'P-3', name: 'Garden Club', status: 'active', created: '2026-09-10T10:00:00Z' }),
    row('partners', { id: 'P-4', name: 'Old Friends', status: 'ended', updated: '2025-05-01T00:00:00Z' }),
    row('partners', { id: 'P-5', name: 'Hopeful', status: 'prospect', created: '2026-10-01T00:00:00Z' }),
  ],
  agreements: [
    row('agreements', {
      partnerId: 'P-1',
      type: 'MOU',
      start: '2026-08-01',
      end: '2027-06-30',
      status: 'signed',
    }),
  ],
  checkIns: [
    row('checkIns', { partnerId: 'P-1', date: '2026-10-01' }),
    row('checkIns', { partnerId: 'P-1', date: '2027-02-01' }),
    row('checkIns', { partnerId: 'P-1', date: '2026-05-01' }),
  ],
  gatherings: [
    row('gatherings', { id: 'G-1', status: 'held', date: '2026-09-20', invited: ['P-1', 'P-3'] }),
    row('gatherings', { id: 'G-2', status: 'cancelled', date: '2026-11-20', invited: ['P-1'] }),
    row('gatherings', { id: 'G-3', status: 'held', date: '2027-01-20', invited: ['P-1'] }),
    row('gatherings', { id: 'G-0', status: 'held', date: '2026-05-20', invited: ['P-1'] }),
  ],
  actionItems: [
    row('actionItems', { what: 'Share calendar', partnerId: 'P-1', gatheringId: 'G-1', status: 'done' }),
    row('actionItems', { what: 'Book room', partnerId: 'P-1', gatheringId: 'G-1', status: 'open' }),
    row('actionItems', { what: 'Last year', partnerId: 'P-1', gatheringId: 'G-0', status: 'done' }),
  ],
  needs: [
    row('needs', {
      school: 'Riverside',
      focusArea: 'food',
      description: 'Weekend food',
      status: 'met',
      updated: '2027-03-01T00:00:00Z',
    }),
    row('needs', {
      school: 'Riverside',
      focusArea: 'health',
      description: 'Vision screening',
      status: 'open',
    }),
    row('needs', {
      school: 'Riverside',
      focusArea: 'arts',
      description: 'Met long ago',
      status: 'met',
      updated: '2025-03-01T00:00:00Z',
    }),
  ],
  reviews: [
    row('reviews', { partnerId: 'P-1', year: '2026-27', decision: 'continue', decidedOn: '2027-05-01' }),
  ],
  surveys: [
    {
      survey: row('surveys', { title: 'Middle of year' }),
      summary: summary({
        scales: [
          { questionId: 'trust', title: 'We trust each other', n: 27, mean: 3.94, sd: 1, min: 1, max: 5 },
        ],
        partners: [
          {
            partnerId: 'P-1',
            invited: 1,
            responded: 1,
            rate: 1,
            scales: [],
            overall: 2.5,
            flagged: true,
            open: [],
            totals: [],
          },
        ],
        flaggedPartners: ['P-1'],
      }),
    },
  ],
  ...over,
});

const text = (r: ReturnType<typeof yearReport>) =>
  [
    ...r.blocks.map((b) =>
      'text' in b ? b.text : b.type === 'table' ? `[${b.table}]` : b.type === 'image' ? b.marker : b.label,
    ),
    ...Object.values(r.tables).flat(2),
  ].join('\n');

describe('the year-end partnership report', () => {
  it('spans the school year that holds today', () => {
    expect(yearSpan('2027-05-20')).toEqual({ year: '2026-27', from: '2026-07-01', to: '2027-06-30' });
    expect(yearSpan('2026-07-01').year).toBe('2026-27');
    expect(yearSpan('2026-06-30').year).toBe('2025-26');
  });

  it('says averages as people do', () => {
    expect(outOfFive(3.94)).toBe('3.9 of 5');
    expect(outOfFive(4)).toBe('4.0 of 5');
    expect(outOfFive(null)).toBe('');
  });

  it('counts the year per partner: held gatherings invited to, check-ins and steps done this year only', () => {
    const r = yearReport(input());
    const [header, ...rows] = r.tables.partners;
    expect(header).toEqual([
      'Partner',
      'Services',
      'Schools served',
      'Gatherings',
      'Check-ins',
      'Action steps done',
      'Agreement',
      'Latest survey average',
    ]);
    expect(rows.map((x) => x[0])).toEqual(['Coat Drive (ended)', 'Garden Club', 'Reading Friends']);
    const reading = rows[2];
    expect(reading.slice(1)).toEqual([
      'literacy: Tutoring',
      'Riverside',
      '2',
      '2',
      '1',
      'MOU until 2027-06-30',
      '2.5 of 5',
    ]);
    expect(rows[1].slice(3, 7)).toEqual(['1', '0', '0', 'none current']);
  });

  it('sums up the school: who joined and ended, needs met this year and still open', () => {
    const r = yearReport(input());
    const t = text(r);
    expect(t).toContain('2 partners working with the school');
    expect(t).toContain('1 partner joined; 1 partnership ended');
    expect(t).toContain('2 gatherings held, 2 check-ins');
    expect(t).toContain('1 action step done');
    expect(t).toContain('1 need met, 1 need still open');
    expect(r.tables.met.slice(1).map((x) => x[3])).toEqual(['Weekend food']);
    expect(r.tables.open.slice(1).map((x) => x[3])).toEqual(['Vision screening']);
    expect(r.tables.dimensions).toEqual([
      ['Survey', 'Question', 'Average', 'Answers'],
      ['Middle of year', 'We trust each other', '3.9 of 5', '27'],
    ]);
    expect(t).not.toContain('Hopeful');
    expect(t).not.toContain('Old Friends');
  });

  it('tells staff about flags and review decisions, and leaves them and partner scores out for partners', () => {
    const staff = text(yearReport(input()));
    expect(staff).toContain('Flagged on a survey this year: Reading Friends.');
    expect(staff).toContain('Annual review of Reading Friends: continue (2027-05-01).');
    const partners = yearReport(input({ audience: 'partners' }));
    const t = text(partners);
    expect(t).not.toContain('Flagged');
    expect(t).not.toContain('Annual review');
    expect(t).not.toContain('2.5 of 5');
    expect(partners.tables.partners[0]).not.toContain('Latest survey average');
    expect(partners.title).not.toContain('staff');
  });

  it('says "None." in an empty table and that no survey has answers yet', () => {
    const r = yearReport(input({ needs: [], surveys: [] }));
    expect(r.tables.met).toEqual([
      ['School', 'Focus area', 'Grades', 'Need'],
      ['None.', '', '', ''],
    ]);
    expect(text(r)).toContain('No survey answers this year yet.');
    expect(r.blocks.some((b) => b.type === 'table' && b.table === 'dimensions')).toBe(false);
  });
});
