import fc from 'fast-check';
import {
  analyzeGaps,
  FINDING_KINDS,
  landscape,
  NO_FOCUS_AREA,
  parseGrades,
  schoolKey,
  type GapInput,
} from '../../../src/server/domain/gaps';
import type { Agreement, Need, Partner, School } from '../../../src/shared/records';
import { CADENCES, FOCUS_AREAS, NEED_STATUSES, PARTNER_STATUSES } from '../../../src/shared/schema';

// Fixed seed: a failure prints the seed and path to replay it.
const RUNS = { seed: 20261123, numRuns: 300 };

const messy = fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const pick = <T>(values: readonly T[], extra: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 4 }, { arbitrary: extra, weight: 1 });

const schoolName = pick(
  [
    'Lincoln',
    'lincoln!',
    ' LINCOLN ',
    'Washington',
    'washington  elem',
    'Washington Elem.',
    'École Nord',
    'ecole nord',
    '',
    '  ',
    '!!',
  ],
  messy,
);
const schoolsCell = fc
  .tuple(fc.array(schoolName, { maxLength: 4 }), fc.constantFrom(', ', ';', '\n', ','))
  .map(([names, sep]) => names.join(sep));
const focusArea = fc.oneof(
  { arbitrary: fc.constantFrom('tutoring', 'Tutoring', ' mentoring! '), weight: 4 },
  { arbitrary: fc.constantFrom(...FOCUS_AREAS, 'TRANSLATION', ''), weight: 2 },
  { arbitrary: messy, weight: 1 },
);
const grades = pick(
  ['K-4', '3-8', '6, 7, 8', 'PK-2', 'all', '', 'K', '9 to 12', 'banana', '13', '3-', '2026-03-08'],
  messy,
);
const date = pick(
  ['2026-01-15', '2026-10-01', '2026-11-23', '2026-12-20', '2027-06-30', '', '2026-02-30', 'soon'],
  messy,
);
const partnerStatus = pick([...PARTNER_STATUSES, 'Active', ' paused ', ''], messy);
const needStatus = pick([...NEED_STATUSES, 'Open', 'MET', ''], messy);
const cadence = pick([...CADENCES, 'Monthly', '', 'daily'], messy);
const funding = pick(['', 'City grant', 'A, B', 'A;B;C', ' , '], messy);

const partnerArb = (id: string): fc.Arbitrary<Partner> =>
  fc
    .record({
      name: pick(['Reading Buddies', 'Food Pantry', ''], messy),
      status: partnerStatus,
      focusAreas: fc.array(focusArea, { maxLength: 3 }),
      schools: schoolsCell,
      grades,
      cadence,
      lastCheckIn: date,
      funding,
      singleFunding: fc.boolean(),
    })
    .map((r) => ({
      id,
      type: '',
      services: '',
      populations: '',
      blackLed: false,
      liaison: '',
      website: '',
      notes: '',
      confirmed: '',
      source: '',
      created: '',
      updated: '',
      ...r,
    }));

const needArb = (id: string): fc.Arbitrary<Need> =>
  fc
    .record({
      school: schoolName,
      focusArea,
      grades,
      priority: pick(['high', 'medium', 'low', ''], messy),
      status: needStatus,
    })
    .map((r) => ({
      id,
      description: '',
      source: '',
      identified: '',
      service: '',
      metBy: '',
      created: '',
      updated: '',
      ...r,
    }));

const agreementArb = (partnerIds: readonly string[]): fc.Arbitrary<Agreement> =>
  fc
    .record({
      id: fc.nat(999).map((n) => `A-${n}`),
      partnerId: fc.constantFrom(...partnerIds, 'P-missing', ''),
      type: pick(['MOU', 'insurance certificate'], messy),
      start: date,
      end: date,
      status: pick(['signed', 'Signed', 'draft', 'expired', ''], messy),
    })
    .map((r) => ({ link: '', created: '', updated: '', ...r }));

const schoolArb: fc.Arbitrary<School> = schoolName.map((name) => ({
  id: 'S',
  name,
  principal: '',
  liaison: '',
  vision: '',
  goals: '',
  created: '',
  updated: '',
}));

const inputArb: fc.Arbitrary<GapInput> = fc
  .record({ partnerCount: fc.nat(12), needCount: fc.nat(12), duplicateIds: fc.boolean() })
  .chain(({ partnerCount, needCount, duplicateIds }) => {
    // Partner ids may repeat (a pasted row); need ids are unique so that each can be found once.
    const partnerIds = Array.from({ length: partnerCount }, (_, i) => `P-${duplicateIds ? i % 3 : i}`);
    return fc.record({
      partners: fc.tuple(...partnerIds.map(partnerArb)),
      needs: fc.tuple(...Array.from({ length: needCount }, (_, i) => needArb(`N-${i}`))),
      agreements: partnerIds.length ? fc.array(agreementArb(partnerIds), { maxLength: 10 }) : fc.constant([]),
      schools: fc.array(schoolArb, { maxLength: 4 }),
      today: pick(['2026-11-23', '2026-01-01'], fc.constantFrom('', 'tomorrow', '2026-13-01')),
      singleSchool: fc.boolean(),
    });
  });

const norm = (s: string): string => s.trim().toLowerCase();
const analysed = (n: Need): boolean => ['open', 'being addressed'].includes(norm(n.status));
const split = (cell: string): string[] =>
  cell
    .split(/[,;\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The brute-force reading of the matching rules: every need against every partner. */
function serves(p: Partner, schoolText: string, single: boolean): boolean {
  if (single) return true;
  const key = schoolKey(schoolText);
  return key !== '' && split(p.schools).some((s) => schoolKey(s) === key);
}
function overlap(a: string, b: string): boolean {
  const x = parseGrades(a);
  const y = parseGrades(b);
  return x === 'all' || y === 'all' || [...x].some((g) => y.has(g));
}
function bruteStatus(need: Need, input: GapInput): { status: string; ids: string[] } {
  const covers = (p: Partner): boolean =>
    serves(p, need.school, input.singleSchool === true) &&
    schoolKey(need.focusArea) !== '' &&
    p.focusAreas.some((f) => schoolKey(f) === schoolKey(need.focusArea)) &&
    overlap(p.grades, need.grades);
  const active = input.partners.filter((p) => norm(p.status) === 'active' && covers(p));
  if (active.length) return { status: 'covered', ids: active.map((p) => p.id) };
  const pending = input.partners.filter(
    (p) => ['onboarding', 'vetting', 'paused'].includes(norm(p.status)) && covers(p),
  );
  if (pending.length) return { status: 'pending', ids: pending.map((p) => p.id) };
  return { status: 'unmet', ids: [] };
}

describe('gap analysis properties', () => {
  it('gives every analysed need exactly one status, agreeing with the brute-force rules', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = analyzeGaps(input);
        const wanted = input.needs.filter(analysed);
        expect(report.needs.length + report.skippedNeeds).toBe(input.needs.length);
        expect(report.needs.map((n) => n.needId)).toEqual(wanted.map((n) => n.id));
        wanted.forEach((need, i) => {
          const entry = report.needs[i];
          expect(bruteStatus(need, input)).toEqual({ status: entry.status, ids: entry.partnerIds });
          const about = report.findings.filter((f) => f.needId === need.id).map((f) => f.kind);
          // Never both met and unmet: at most one need finding, and the one that matches the status.
          expect(about).toEqual(
            entry.status === 'unmet' ? ['unmet need'] : entry.status === 'pending' ? ['need pending'] : [],
          );
        });
      }),
      RUNS,
    );
  });

  it('never loses or invents a partner, need or agreement, and counts and sorts what it finds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = analyzeGaps(input);
        const partnerIds = new Set(input.partners.map((p) => p.id));
        const needIds = new Set(input.needs.map((n) => n.id));
        const agreementIds = new Set(input.agreements.map((a) => a.id));
        const rank = { high: 0, medium: 1, low: 2 };
        let last = 0;
        for (const f of report.findings) {
          for (const id of f.partnerIds) expect(partnerIds.has(id)).toBe(true);
          if (f.needId !== undefined) expect(needIds.has(f.needId)).toBe(true);
          if (f.agreementId !== undefined) expect(agreementIds.has(f.agreementId)).toBe(true);
          expect(f.message.length).toBeGreaterThan(0);
          expect(rank[f.severity]).toBeGreaterThanOrEqual(last);
          last = rank[f.severity];
        }
        for (const kind of FINDING_KINDS)
          expect(report.counts[kind]).toBe(report.findings.filter((f) => f.kind === kind).length);
      }),
      RUNS,
    );
  });

  it('counts exactly the active partners in the matrix, each wherever it serves', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = analyzeGaps(input);
        const l = landscape(input, report);
        expect(landscape(input)).toEqual(l);
        expect(l.matrix).toHaveLength(l.schools.length);
        for (const row of l.matrix) expect(row).toHaveLength(l.focusAreas.length);

        const single = input.singleSchool === true;
        let expected = 0;
        for (const p of input.partners) {
          if (norm(p.status) !== 'active') continue;
          const at = l.schools
            .map((s, i) => ({ s, i }))
            .filter(({ s }) => (single ? true : split(p.schools).some((x) => schoolKey(x) === schoolKey(s))));
          const areas = new Set(p.focusAreas.map(schoolKey).filter(Boolean));
          expected += at.length * Math.max(1, areas.size);
          for (const { i } of at) {
            const columns =
              areas.size === 0
                ? [l.focusAreas.indexOf(NO_FOCUS_AREA)]
                : [...areas].map((k) => l.focusAreas.findIndex((f) => schoolKey(f) === k));
            for (const c of columns) {
              expect(c).toBeGreaterThanOrEqual(0);
              expect(l.matrix[i][c]).toBeGreaterThan(0);
            }
          }
        }
        expect(l.matrix.flat().reduce((a, b) => a + b, 0)).toBe(expected);

        const active = new Set(input.partners.filter((p) => norm(p.status) === 'active').map((p) => p.id));
        for (const x of l.partnersAcrossSchools) {
          expect(active.has(x.partnerId)).toBe(true);
          expect(x.schools).toBeGreaterThanOrEqual(2);
        }
        const unmet = report.needs.filter((n) => n.status === 'unmet').map((n) => n.needId);
        expect(l.candidates.map((c) => c.needId)).toEqual(unmet);
        for (const c of l.candidates) for (const id of c.partnerIds) expect(active.has(id)).toBe(true);
        const tally = l.unmetBySchool.reduce((a, s) => a + s.unmet, 0);
        expect(tally).toBeLessThanOrEqual(unmet.length);
      }),
      RUNS,
    );
  });

  it('reads any grades text without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(grades, fc.string({ unit: 'grapheme', maxLength: 20 })), (text) => {
        const g = parseGrades(text);
        if (g !== 'all') for (const n of g) expect(n >= -1 && n <= 12).toBe(true);
      }),
      RUNS,
    );
  });
});
