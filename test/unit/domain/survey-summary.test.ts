import type { Question } from '../../../src/server/domain/survey-bank';
import {
  describe as stats,
  readNumber,
  summarize,
  type Answer,
} from '../../../src/server/domain/survey-summary';

const questions: Question[] = [
  { id: 'trust', type: 'scale', title: 'We trust each other.', required: true, dimension: 'trust' },
  { id: 'talk', type: 'scale', title: 'We talk often.', required: true, dimension: 'communication' },
  { id: 'worked', type: 'paragraph', title: 'What worked?', required: false },
  { id: 'served', type: 'number', title: 'How many students in total?', required: false },
  {
    id: 'decision',
    type: 'choice',
    title: 'Next year?',
    required: false,
    choices: ['Continue as it is', 'Expand it', 'Change how it works', 'Bring it to an end'],
  },
];

// Three partners: A has three contacts (one invitation listed twice), B two, C one.
const invitations = [
  { partnerId: 'P-A', contactId: 'C-a1' },
  { partnerId: 'P-A', contactId: 'C-a2' },
  { partnerId: 'P-A', contactId: 'C-a3' },
  { partnerId: 'P-A', contactId: 'C-a1' },
  { partnerId: 'P-B', contactId: 'C-b1' },
  { partnerId: 'P-B', contactId: 'C-b2' },
  { partnerId: 'P-C', contactId: 'C-c1' },
];

const answers: Answer[] = [
  {
    partnerId: 'P-A',
    contactId: 'C-a1',
    answers: { trust: 2, talk: '4', worked: ' Great tutors ', served: '120', decision: 'Expand it' },
  },
  { partnerId: 'P-A', contactId: 'C-a2', answers: { trust: 4, talk: 4, worked: '  ', served: 30 } },
  { partnerId: 'P-B', contactId: 'C-b1', answers: { trust: '5', talk: 5, worked: 'Shared calendar' } },
  // C-a1 answers again: this latest answer replaces the first one entirely.
  {
    partnerId: 'P-A',
    contactId: 'C-a1',
    answers: { trust: 4, talk: 5, worked: 'Tutors and families night', decision: 'Continue as it is' },
  },
  {
    partnerId: null,
    contactId: null,
    answers: { trust: 1, talk: 1, worked: 'unknown code' },
    flagged: 'unknown code',
  },
  {
    partnerId: 'P-C',
    contactId: 'C-c1',
    answers: { trust: 'n/a', talk: '', worked: 'Too early to say', served: '1,200' },
  },
  // A contact that was never invited: matches no invitation.
  { partnerId: 'P-B', contactId: 'C-x', answers: { trust: 1, talk: 1, worked: 'forwarded link' } },
];

describe('summarize', () => {
  const summary = summarize(questions, invitations, answers, 4.5);
  const partner = (id: string) => summary.partners.find((p) => p.partnerId === id)!;

  it('counts each invitation once and each responding contact once', () => {
    expect(summary.invited).toBe(6);
    expect(summary.responded).toBe(4);
    expect(summary.rate).toBeCloseTo(4 / 6, 12);
    expect(summary.partners.map((p) => [p.partnerId, p.invited, p.responded])).toEqual([
      ['P-A', 3, 2],
      ['P-B', 2, 1],
      ['P-C', 1, 1],
    ]);
    expect(partner('P-A').rate).toBeCloseTo(2 / 3, 12);
    expect(partner('P-B').rate).toBe(0.5);
    expect(partner('P-C').rate).toBe(1);
  });

  it('keeps unattributed answers out of every figure and counts them apart', () => {
    expect(summary.unattributed).toBe(2);
    expect(summary.open[0].answers).not.toContain('unknown code');
    expect(summary.open[0].answers).not.toContain('forwarded link');
    expect(summary.scales[0].min).toBe(4); // the 1s came only from unattributed answers
  });

  it('computes per-partner scales from the latest answer of each contact', () => {
    // A: trust 4 (a2), 4 (a1 latest) → mean 4, sd 0; talk 4, 5 → mean 4.5, sd √0.5.
    const a = partner('P-A');
    expect(a.scales[0]).toEqual({
      questionId: 'trust',
      title: 'We trust each other.',
      n: 2,
      mean: 4,
      sd: 0,
      min: 4,
      max: 4,
    });
    expect(a.scales[1].mean).toBe(4.5);
    expect(a.scales[1].sd).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(a.overall).toBe(17 / 4); // (4 + 4 + 4 + 5) / 4
    // B: a single answer has no standard deviation.
    expect(partner('P-B').scales[0]).toMatchObject({ n: 1, mean: 5, sd: null, min: 5, max: 5 });
    // C: 'n/a' and '' are not answers.
    expect(partner('P-C').scales[0]).toMatchObject({ n: 0, mean: null, sd: null, min: null, max: null });
    expect(partner('P-C').overall).toBeNull();
  });

  it('computes overall scales over counted answers', () => {
    // trust 4, 5, 4 → mean 13/3; deviations −1/3, 2/3, −1/3 → variance (1/9 + 4/9 + 1/9) / 2 = 1/3.
    expect(summary.scales[0]).toMatchObject({ n: 3, min: 4, max: 5 });
    expect(summary.scales[0].mean).toBeCloseTo(13 / 3, 12);
    expect(summary.scales[0].sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
    // talk 4, 5, 5 → mean 14/3, same spread.
    expect(summary.scales[1].mean).toBeCloseTo(14 / 3, 12);
    expect(summary.scales[1].sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });

  it('flags partners below the threshold that have scale answers', () => {
    expect(summary.flaggedPartners).toEqual(['P-A']);
    expect(summary.partners.map((p) => p.flagged)).toEqual([true, false, false]);
    const none = summarize(questions, invitations, answers, null);
    expect(none.flaggedPartners).toEqual([]);
    expect(summarize(questions, invitations, answers, 6).flaggedPartners).toEqual(['P-A', 'P-B']);
  });

  it('groups open answers by question, trimmed, blanks dropped, in response order', () => {
    expect(summary.open.map((o) => o.questionId)).toEqual(['worked', 'served', 'decision']);
    expect(summary.open[0]).toEqual({
      questionId: 'worked',
      title: 'What worked?',
      answers: ['Shared calendar', 'Tutors and families night', 'Too early to say'],
    });
    expect(partner('P-A').open[0].answers).toEqual(['Tutors and families night']);
    expect(summary.open[1].answers).toEqual(['30', '1,200']);
  });

  it('totals number questions and tallies choices', () => {
    expect(summary.totals).toEqual([
      { questionId: 'served', title: 'How many students in total?', n: 2, sum: 1230 },
    ]);
    expect(partner('P-A').totals[0]).toMatchObject({ n: 1, sum: 30 }); // the replaced answer's 120 is gone
    expect(summary.tallies[0].counts).toEqual([
      { choice: 'Continue as it is', count: 1 },
      { choice: 'Expand it', count: 0 },
      { choice: 'Change how it works', count: 0 },
      { choice: 'Bring it to an end', count: 0 },
    ]);
  });

  it('computes mean and sample sd by hand: 2,4,4,4,5,5,7,9 → mean 5, sd √(32/7)', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const invs = values.map((_, i) => ({ partnerId: 'P-A', contactId: `C-${i}` }));
    const given: Answer[] = values.map((v, i) => ({
      partnerId: 'P-A',
      contactId: `C-${i}`,
      answers: { trust: i % 2 ? String(v) : v },
    }));
    const s = summarize([questions[0]], invs, given, null);
    expect(s.scales[0].mean).toBe(5);
    expect(s.scales[0].sd).toBeCloseTo(2.138, 3);
    expect(s.scales[0].sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.partners[0].overall).toBe(5);
    expect(stats([])).toEqual({ n: 0, mean: null, sd: null, min: null, max: null });
  });

  it('reads numbers carefully', () => {
    expect([4, '4', ' 4.5 ', '1,200', '', 'four', '4 stars', NaN, Infinity, '1e3'].map(readNumber)).toEqual([
      4,
      4,
      4.5,
      1200,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('never reads an inherited property as an answer', () => {
    const q: Question[] = [{ id: 'constructor', type: 'text', title: 'Odd id', required: false }];
    const s = summarize(
      q,
      [{ partnerId: 'P', contactId: 'C' }],
      [{ partnerId: 'P', contactId: 'C', answers: {} }],
      null,
    );
    expect(s.open[0].answers).toEqual([]);
  });

  it('gives zero rates when nobody was invited', () => {
    const s = summarize(questions, [], [{ partnerId: 'P-A', contactId: 'C', answers: { trust: 5 } }], 3);
    expect(s).toMatchObject({
      invited: 0,
      responded: 0,
      rate: 0,
      unattributed: 1,
      partners: [],
      flaggedPartners: [],
    });
  });

  // Speed is the bench's to measure (times are not asserted in tests): here, that 400 answers of 20
  // questions come out whole.
  it('summarizes 400 responses of 20 questions, each invitation once', () => {
    const qs: Question[] = Array.from({ length: 20 }, (_, i) =>
      i < 14
        ? { id: `s${i}`, type: 'scale' as const, title: `Scale ${i}`, required: true }
        : { id: `o${i}`, type: 'paragraph' as const, title: `Open ${i}`, required: false },
    );
    const invs = Array.from({ length: 400 }, (_, i) => ({ partnerId: `P-${i % 40}`, contactId: `C-${i}` }));
    const given: Answer[] = invs.map((inv, i) => {
      const record: Record<string, string | number> = {};
      for (const [j, q] of qs.entries())
        record[q.id] = q.type === 'scale' ? ((i + j) % 5) + 1 : `Answer ${i}-${j}`;
      return { ...inv, answers: record };
    });
    const sum = summarize(qs, invs, given, 3);
    expect(sum.responded).toBe(400);
    expect(sum.partners).toHaveLength(40);
    expect(sum.partners.every((p) => p.invited === 10 && p.responded === 10)).toBe(true);
    expect(sum.scales).toHaveLength(14);
    expect(sum.scales.every((x) => x.n === 400 && x.mean === 3)).toBe(true);
    expect(sum.open.every((o) => o.answers.length === 400)).toBe(true);
  });
});
