import {
  analyzeGaps,
  formatGrades,
  landscape,
  MAX_CANDIDATES,
  NO_FOCUS_AREA,
  parseGrades,
  schoolKey,
  type GapInput,
} from '../../../src/server/domain/gaps';
import type { Agreement, Need, Partner, School } from '../../../src/shared/records';
import { tally } from '../../report';
import { blankPartner } from './fixtures';

const today = '2026-11-23';

const partner = (over: Partial<Partner>): Partner => blankPartner({ name: 'Org', funding: 'A, B', ...over });
const need = (over: Partial<Need>): Need => ({
  id: 'N-1',
  school: 'Lincoln',
  focusArea: 'tutoring',
  grades: '',
  description: '',
  priority: 'medium',
  source: '',
  identified: '',
  status: 'open',
  service: '',
  metBy: '',
  created: '',
  updated: '',
  ...over,
});
const agreement = (over: Partial<Agreement>): Agreement => ({
  id: 'A-1',
  partnerId: 'P-1',
  type: 'MOU',
  start: '2026-01-01',
  end: '2027-12-31',
  status: 'signed',
  link: '',
  created: '',
  updated: '',
  ...over,
});
const school = (name: string, id = `S-${name}`): School => ({
  id,
  name,
  principal: '',
  liaison: '',
  vision: '',
  goals: '',
  created: '',
  updated: '',
});

/** Every partner gets a current MOU unless the test says otherwise, so only the finding under test shows. */
const input = (over: Partial<GapInput>): GapInput => {
  const partners = over.partners ?? [];
  return {
    partners,
    needs: [],
    agreements: partners.map((p, i) => agreement({ id: `A-${i}`, partnerId: p.id })),
    schools: [school('Lincoln'), school('Washington')],
    today,
    ...over,
  };
};

describe('parseGrades', () => {
  const set = (...g: number[]): Set<number> => new Set(g);
  it('reads ranges, lists and grade words', () => {
    expect(parseGrades('K-4')).toEqual(set(0, 1, 2, 3, 4));
    expect(parseGrades('3-8')).toEqual(set(3, 4, 5, 6, 7, 8));
    expect(parseGrades('6, 7, 8')).toEqual(set(6, 7, 8));
    expect(parseGrades('6 7 8')).toEqual(set(6, 7, 8));
    expect(parseGrades('PK-2')).toEqual(set(-1, 0, 1, 2));
    expect(parseGrades('Pre-K to 1')).toEqual(set(-1, 0, 1));
    expect(parseGrades('3 to 5')).toEqual(set(3, 4, 5));
    expect(parseGrades('Grades 6th–8th')).toEqual(set(6, 7, 8));
    expect(parseGrades('Kindergarten; 9-10')).toEqual(set(0, 9, 10));
    expect(parseGrades('8-6')).toEqual(set(6, 7, 8));
    expect(parseGrades('05')).toEqual(set(5));
    expect(parseGrades('middle and high school')).toEqual(set(6, 7, 8, 9, 10, 11, 12));
  });

  it('takes empty and "all" as every grade', () => {
    expect(parseGrades('')).toBe('all');
    expect(parseGrades('  ')).toBe('all');
    expect(parseGrades('All')).toBe('all');
    expect(parseGrades('all grades')).toBe('all');
  });

  it('takes unreadable text as every grade, with a note and without throwing', () => {
    for (const text of ['banana', '13-14', '3-', '-', 'K--5', '2026-03-08', '¯\\_(ツ)_/¯', 'K-5 (some)']) {
      const notes: string[] = [];
      expect(parseGrades(text, (m) => notes.push(m))).toBe('all');
      expect(notes).toHaveLength(1);
    }
    const quiet: string[] = [];
    parseGrades('all', (m) => quiet.push(m));
    expect(quiet).toEqual([]);
  });

  it('formats grade masks compactly', () => {
    expect(formatGrades(0b111)).toBe('PK-1');
    expect(formatGrades((1 << 6) | (1 << 8) | (1 << 9))).toBe('5, 7-8');
  });
});

describe('schoolKey', () => {
  it('ignores case, spacing, punctuation and accents', () => {
    expect(schoolKey('Lincoln Elem.')).toBe(schoolKey('lincoln  ELEM'));
    expect(schoolKey('César Chávez K-8')).toBe(schoolKey('cesar chavez k8'));
    expect(schoolKey('École 北京')).not.toBe('');
  });
});

describe('needs', () => {
  const tutor = partner({
    id: 'P-1',
    name: 'Reading Buddies',
    focusAreas: ['tutoring'],
    schools: 'Lincoln',
    grades: 'K-4',
  });

  it('reports a need no partner covers, with its priority as severity', () => {
    const report = analyzeGaps(
      input({ needs: [need({ priority: 'high', grades: '5-8' })], partners: [tutor] }),
    );
    expect(report.needs).toEqual([{ needId: 'N-1', status: 'unmet', partnerIds: [] }]);
    expect(report.findings).toEqual([
      {
        kind: 'unmet need',
        school: 'Lincoln',
        focusArea: 'tutoring',
        needId: 'N-1',
        partnerIds: [],
        message: 'No partner covers the high-priority tutoring need at Lincoln (grades 5-8).',
        severity: 'high',
      },
    ]);
    expect(report.counts['unmet need']).toBe(1);
  });

  it('covers a need by school (spelled loosely), focus area and overlapping grades', () => {
    const p = { ...tutor, schools: 'Washington; LINCOLN.' };
    const report = analyzeGaps(input({ needs: [need({ grades: '4-6' })], partners: [p] }));
    expect(report.needs).toEqual([{ needId: 'N-1', status: 'covered', partnerIds: ['P-1'] }]);
    expect(report.findings).toEqual([]);
  });

  it('does not cover with the wrong focus area, school or grades', () => {
    const others = [
      { ...tutor, id: 'P-2', focusAreas: ['mentoring'] },
      { ...tutor, id: 'P-3', schools: 'Washington' },
      { ...tutor, id: 'P-4', grades: '9-12' },
    ];
    const report = analyzeGaps(input({ needs: [need({ grades: '2' })], partners: others }));
    expect(report.needs[0].status).toBe('unmet');
  });

  it('reports a need covered only by partners in vetting, onboarding or paused, naming them', () => {
    const partners = [
      { ...tutor, id: 'P-1', status: 'vetting' },
      { ...tutor, id: 'P-2', name: 'Homework Club', status: 'paused' },
      { ...tutor, id: 'P-3', status: 'prospect' },
      { ...tutor, id: 'P-4', status: 'ended' },
    ];
    const report = analyzeGaps(input({ needs: [need({ priority: 'high' })], partners }));
    expect(report.needs).toEqual([{ needId: 'N-1', status: 'pending', partnerIds: ['P-1', 'P-2'] }]);
    const [finding] = report.findings.filter((f) => f.kind === 'need pending');
    expect(finding).toMatchObject({ needId: 'N-1', partnerIds: ['P-1', 'P-2'], severity: 'medium' });
    expect(finding.message).toContain('Reading Buddies (vetting) and Homework Club (paused)');
  });

  it('skips met and closed needs and counts them', () => {
    const needs = [
      need({ id: 'N-1', status: 'met' }),
      need({ id: 'N-2', status: 'closed' }),
      need({ id: 'N-3', status: 'Being addressed ' }),
    ];
    const report = analyzeGaps(input({ needs }));
    expect(report.skippedNeeds).toBe(2);
    expect(report.needs.map((n) => n.needId)).toEqual(['N-3']);
  });

  it('in a single-school spreadsheet every partner serves the school', () => {
    const p = { ...tutor, schools: '' };
    const report = analyzeGaps(
      input({
        singleSchool: true,
        schools: [school('Lincoln High')],
        needs: [need({ school: '' })],
        partners: [p],
      }),
    );
    expect(report.needs[0].status).toBe('covered');
    expect(analyzeGaps(input({ needs: [need({})], partners: [p] })).needs[0].status).toBe('unmet');
  });
});

describe('duplicated services', () => {
  it('groups active partners with the same focus area and overlapping grades at one school, once', () => {
    const partners = [
      partner({
        id: 'P-1',
        name: 'Alpha',
        focusAreas: ['tutoring'],
        schools: 'Lincoln, Washington',
        grades: 'K-2',
      }),
      partner({
        id: 'P-2',
        name: 'Beta',
        focusAreas: ['Tutoring', 'mentoring'],
        schools: 'lincoln',
        grades: '2-5',
      }),
      partner({ id: 'P-3', name: 'Gamma', focusAreas: ['tutoring'], schools: 'Lincoln', grades: '5-8' }),
      partner({ id: 'P-4', name: 'Delta', focusAreas: ['tutoring'], schools: 'Lincoln', grades: '10-12' }),
      partner({
        id: 'P-5',
        name: 'Eps',
        focusAreas: ['tutoring'],
        schools: 'Lincoln',
        grades: '7',
        status: 'vetting',
      }),
      partner({ id: 'P-6', name: 'Zeta', focusAreas: ['tutoring'], schools: 'Washington', grades: '9' }),
    ];
    const dup = analyzeGaps(input({ partners })).findings.filter((f) => f.kind === 'duplicated service');
    expect(dup).toEqual([
      {
        kind: 'duplicated service',
        school: 'Lincoln',
        focusArea: 'tutoring',
        partnerIds: ['P-1', 'P-2', 'P-3'],
        message: '3 active partners offer tutoring at Lincoln for grades 2, 5: Alpha, Beta and Gamma.',
        severity: 'low',
      },
    ]);
  });
});

describe('partner risks', () => {
  it('flags a single funding source for partners in service only', () => {
    const partners = [
      partner({ id: 'P-1', name: 'One', funding: 'City grant' }),
      partner({ id: 'P-2', name: 'Two', funding: 'A, B', singleFunding: true, status: 'onboarding' }),
      partner({ id: 'P-3', funding: 'Only', status: 'paused' }),
      partner({ id: 'P-4', funding: '' }),
    ];
    const found = analyzeGaps(input({ partners })).findings.filter((f) => f.kind === 'single funding source');
    expect(found.map((f) => f.partnerIds[0])).toEqual(['P-1', 'P-2']);
    expect(found[0].message).toBe('One relies on a single funding source (City grant).');
  });

  it('flags active partners without a current agreement', () => {
    const partners = [
      partner({ id: 'P-1', name: 'Uncovered' }),
      partner({ id: 'P-2', status: 'onboarding' }),
    ];
    const agreements = [
      agreement({ partnerId: 'P-1', status: 'draft' }),
      agreement({ partnerId: 'P-1', end: '2026-06-30' }),
      agreement({ partnerId: 'P-1', start: '2027-01-01' }),
    ];
    const report = analyzeGaps(input({ partners, agreements }));
    expect(report.findings).toEqual([
      {
        kind: 'no current agreement',
        school: '',
        focusArea: '',
        partnerIds: ['P-1'],
        message: 'Uncovered is active but has no current signed agreement.',
        severity: 'high',
      },
    ]);
  });

  it('flags current agreements ending within 60 days, unless renewed', () => {
    const partners = [
      partner({ id: 'P-1', name: 'Soon', schools: 'Lincoln' }),
      partner({ id: 'P-2', name: 'Renewed' }),
    ];
    const agreements = [
      agreement({ id: 'A-1', partnerId: 'P-1', end: '2026-12-31' }),
      agreement({ id: 'A-2', partnerId: 'P-1', type: 'insurance certificate', end: '2027-03-01' }),
      agreement({ id: 'A-3', partnerId: 'P-2', end: '2026-12-01' }),
      agreement({ id: 'A-4', partnerId: 'P-2', start: '2026-12-02', end: '2027-12-01' }),
    ];
    const found = analyzeGaps(input({ partners, agreements })).findings;
    expect(found).toEqual([
      {
        kind: 'agreement expiring',
        school: 'Lincoln',
        focusArea: '',
        partnerIds: ['P-1'],
        agreementId: 'A-1',
        message: "Soon's MOU ends on 2026-12-31, in 38 days.",
        severity: 'low',
      },
    ]);
  });

  it('flags partners in service past their check-in cadence, with days overdue', () => {
    const partners = [
      partner({ id: 'P-1', name: 'Late', cadence: 'Monthly', lastCheckIn: '2026-09-01' }),
      partner({ id: 'P-2', cadence: 'quarterly', lastCheckIn: '2026-10-01' }),
      partner({ id: 'P-3', cadence: 'weekly', lastCheckIn: '2026-01-01', status: 'ended' }),
      partner({ id: 'P-4', cadence: 'weekly', lastCheckIn: 'last Tuesday' }),
    ];
    const found = analyzeGaps(input({ partners })).findings;
    expect(found).toEqual([
      {
        kind: 'check-in overdue',
        school: '',
        focusArea: '',
        partnerIds: ['P-1'],
        message: "Late's monthly check-in is 53 days overdue (due 2026-10-01).",
        severity: 'medium',
      },
    ]);
  });

  it('skips date findings with a note when today is not a date', () => {
    const partners = [partner({ cadence: 'weekly', lastCheckIn: '2020-01-01' })];
    const report = analyzeGaps(input({ partners, today: 'tomorrow' }));
    expect(report.findings.filter((f) => f.kind === 'check-in overdue')).toEqual([]);
    expect(report.notes[0]).toContain('not a date');
  });
});

describe('ordering and notes', () => {
  it('sorts by severity, then school (school-wide last), then kind', () => {
    const partners = [
      partner({ id: 'P-1', funding: 'x', schools: 'Washington' }),
      partner({ id: 'P-2', funding: 'y' }),
    ];
    const needs = [
      need({ id: 'N-1', school: 'Washington', priority: 'medium' }),
      need({ id: 'N-2', school: 'Lincoln', priority: 'low' }),
      need({ id: 'N-3', school: 'Lincoln', priority: 'high' }),
    ];
    const f = analyzeGaps(input({ partners, needs })).findings;
    expect(f.map((x) => [x.severity, x.school, x.kind])).toEqual([
      ['high', 'Lincoln', 'unmet need'],
      ['medium', 'Washington', 'unmet need'],
      ['medium', 'Washington', 'single funding source'],
      ['medium', '', 'single funding source'],
      ['low', 'Lincoln', 'unmet need'],
    ]);
  });

  it('notes unreadable grades and schools that are not on the Schools tab', () => {
    const partners = [partner({ name: 'Typo', schools: 'Lincon', grades: 'most of them' })];
    const notes = analyzeGaps(input({ partners })).notes;
    expect(notes.some((n) => n.includes('"Lincon"'))).toBe(true);
    expect(notes.some((n) => n.includes('most of them'))).toBe(true);
  });
});

describe('landscape', () => {
  const partners = [
    partner({
      id: 'P-1',
      name: 'Wide',
      focusAreas: ['tutoring'],
      schools: 'Lincoln, Washington, Adams',
      grades: 'K-5',
    }),
    partner({
      id: 'P-2',
      name: 'Narrow',
      focusAreas: ['tutoring', 'mentoring'],
      schools: 'Washington',
      grades: '',
    }),
    partner({ id: 'P-3', name: 'Mid', focusAreas: ['tutoring'], schools: 'adams; Washington', grades: '3' }),
    partner({ id: 'P-4', name: 'Unfocused', focusAreas: [], schools: 'Adams' }),
    partner({
      id: 'P-5',
      name: 'Vetting',
      focusAreas: ['tutoring'],
      schools: 'Jefferson',
      status: 'vetting',
    }),
  ];
  const needs = [
    need({ id: 'N-1', school: 'Jefferson', focusArea: 'tutoring', grades: '3-4' }),
    need({ id: 'N-2', school: 'Lincoln', focusArea: 'mentoring' }),
    need({ id: 'N-3', school: 'Lincoln', focusArea: 'tutoring', grades: '8' }),
    need({ id: 'N-4', school: 'Jefferson', focusArea: 'basic needs' }),
  ];
  const gi = input({
    partners,
    needs,
    schools: [school('Lincoln'), school('Washington'), school('Adams'), school('Jefferson')],
  });

  it('counts active partners per school and focus area', () => {
    const l = landscape(gi);
    expect(l.schools).toEqual(['Lincoln', 'Washington', 'Adams', 'Jefferson']);
    expect(l.focusAreas[l.focusAreas.length - 1]).toBe(NO_FOCUS_AREA);
    const at = (s: string, f: string): number => l.matrix[l.schools.indexOf(s)][l.focusAreas.indexOf(f)];
    expect(at('Washington', 'tutoring')).toBe(3);
    expect(at('Adams', 'tutoring')).toBe(2);
    expect(at('Jefferson', 'tutoring')).toBe(0);
    expect(at('Washington', 'mentoring')).toBe(1);
    expect(at('Adams', NO_FOCUS_AREA)).toBe(1);
  });

  it('ranks schools by unmet needs and partners by reach', () => {
    const l = landscape(gi, analyzeGaps(gi));
    expect(l.unmetBySchool).toEqual([
      { school: 'Lincoln', unmet: 2, pending: 0 },
      { school: 'Jefferson', unmet: 1, pending: 1 },
      { school: 'Adams', unmet: 0, pending: 0 },
      { school: 'Washington', unmet: 0, pending: 0 },
    ]);
    expect(l.partnersAcrossSchools).toEqual([
      { partnerId: 'P-1', schools: 3 },
      { partnerId: 'P-3', schools: 2 },
    ]);
  });

  it('suggests active partners that serve the focus area and grades at other schools', () => {
    const l = landscape(gi);
    expect(l.candidates).toEqual([
      { needId: 'N-2', school: 'Lincoln', focusArea: 'mentoring', partnerIds: ['P-2'] },
      { needId: 'N-3', school: 'Lincoln', focusArea: 'tutoring', partnerIds: ['P-2'] },
      { needId: 'N-4', school: 'Jefferson', focusArea: 'basic needs', partnerIds: [] },
    ]);
  });

  it('lists at most MAX_CANDIDATES candidates, best first', () => {
    const many = Array.from({ length: 15 }, (_, i) =>
      partner({
        id: `P-${i}`,
        name: `Org ${String(i).padStart(2, '0')}`,
        focusAreas: ['tutoring'],
        schools: i % 2 ? 'Washington' : 'Washington, Adams',
      }),
    );
    const l = landscape(
      input({
        partners: many,
        needs: [need({})],
        schools: [school('Lincoln'), school('Washington'), school('Adams')],
      }),
    );
    expect(l.candidates[0].partnerIds).toHaveLength(MAX_CANDIDATES);
    expect(l.candidates[0].partnerIds.slice(0, 3)).toEqual(['P-0', 'P-2', 'P-4']);
  });
});

/** A deterministic network: 100 schools, 5,000 partners, 3,000 needs. */
function bigNetwork(): GapInput {
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const areas = [
    'tutoring',
    'mentoring',
    'student success coaching',
    'health and mental health',
    'basic needs',
    'family engagement',
    'translation',
    'enrichment and expanded learning',
  ];
  const gradeTexts = ['K-5', '6-8', '9-12', 'PK-2', 'all', '', '3 to 8', '6, 7, 8', 'K-12'];
  const schools = Array.from({ length: 100 }, (_, i) => school(`School ${i}`, `S-${i}`));
  const partners = Array.from({ length: 5000 }, (_, i) =>
    partner({
      id: `P-${i}`,
      name: `Partner ${i}`,
      status: ['active', 'active', 'active', 'vetting', 'onboarding', 'paused', 'ended'][rand(7)],
      focusAreas: [areas[rand(areas.length)], areas[rand(areas.length)]],
      schools: Array.from({ length: 1 + rand(4) }, () => `school ${rand(100)}`).join(', '),
      grades: gradeTexts[rand(gradeTexts.length)],
      cadence: ['monthly', 'quarterly', ''][rand(3)],
      lastCheckIn: `2026-${String(1 + rand(11)).padStart(2, '0')}-15`,
      funding: rand(3) ? 'A, B' : 'A',
    }),
  );
  const needs = Array.from({ length: 3000 }, (_, i) =>
    need({
      id: `N-${i}`,
      school: `School ${rand(100)}`,
      focusArea: areas[rand(areas.length)],
      grades: gradeTexts[rand(gradeTexts.length)],
      priority: ['high', 'medium', 'low'][rand(3)],
      status: ['open', 'being addressed', 'met'][rand(3)],
    }),
  );
  const agreements = partners
    .filter(() => rand(4) > 0)
    .map((p, i) => agreement({ id: `A-${i}`, partnerId: p.id, end: `2027-0${1 + rand(9)}-01` }));
  return { partners, needs, agreements, schools, today };
}

describe('scale', () => {
  it('analyses 100 schools, 5,000 partners and 3,000 needs', () => {
    const big = bigNetwork();
    const t0 = performance.now();
    const report = analyzeGaps(big);
    const t1 = performance.now();
    const l = landscape(big, report);
    const t2 = performance.now();
    tally(`gaps ${(t1 - t0).toFixed(1)} ms, landscape ${(t2 - t1).toFixed(1)} ms`);
    expect(report.needs.length + report.skippedNeeds).toBe(3000);
    expect(l.schools).toHaveLength(100);
    expect(Object.values(report.counts).every((n) => n > 0)).toBe(true);
  });
});
