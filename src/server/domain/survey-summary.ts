// The figures a principal reads about a survey: who answered, how each partnership scores on the
// scales, and what partners wrote. Pure and single-pass over the responses.
//
// The rules:
// - An answer counts when it matches an invitation: the same partner and contact (a null contact
//   matches an invitation whose contact is ''). Everything else — no partner (an unknown or reused
//   code), or a partner and contact that were not invited — counts only in `unattributed`: it is in no
//   partner's figures, and not in the overall rate, scales, totals or open answers either.
// - A contact who answered more than once counts once: answers arrive in the order they were submitted,
//   and the latest one replaces the earlier ones entirely (scales, open answers, everything).
// - Response rate = invitations with a counted answer / distinct invitations, per partner and overall;
//   0 when nobody was invited. Invitations are distinct by partner and contact.
// - Scale answers may be numbers or numeric text ('4'); blanks and anything non-numeric are ignored.
//   Means keep full precision (the caller rounds); sd is the sample standard deviation (n − 1), null
//   below two answers.
// - A partner is flagged when a threshold is given, it has at least one scale answer, and the mean of
//   all its scale answers is below the threshold.
// - Open answers are text, paragraph, number and choice answers, trimmed, blanks dropped, in response
//   order; number questions are also totalled and choice questions tallied.
// - `Answer.flagged` is the caller's note about a response (e.g. why its code did not match); it does
//   not change the figures.
import type { Question } from './survey-bank';
import type {
  ChoiceTally,
  NumberTotal,
  OpenAnswers,
  PartnerSummary,
  ScaleStat,
  SurveySummary,
} from '../../shared/survey';

export type { ChoiceTally, NumberTotal, OpenAnswers, PartnerSummary, ScaleStat, SurveySummary };

export interface Answer {
  /** null: the answer matches no partner (unknown or reused code). */
  partnerId: string | null;
  contactId: string | null;
  /** By question id: what the response tab holds. */
  answers: Record<string, string | number>;
  flagged?: string;
}

export interface Invitation {
  partnerId: string;
  contactId: string;
}

// Held once: a global looked up in a hot loop is slow in some hosts (a vm context among them).
const isFiniteNumber = Number.isFinite;
const toNumber = Number;
const squareRoot = Math.sqrt;

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A number from a cell: a finite number, or text that is one ('4', ' 4.5 ', '1,200'); otherwise null. */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return isFiniteNumber(value) ? value : null;
  if (typeof value !== 'string') return null;
  let text = value.trim();
  if (text.length === 1) {
    // The common case, a point on the scale: no pattern needed.
    const code = text.charCodeAt(0) - 48;
    return code >= 0 && code <= 9 ? code : null;
  }
  if (GROUPED.test(text)) text = text.replace(/,/g, '');
  else if (!NUMERIC.test(text)) return null;
  const n = toNumber(text);
  return isFiniteNumber(n) ? n : null;
}

export interface Stats {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Running figures for one set of values, without keeping them. The mean is sum / n; the variance uses
 * sums shifted by the first value, which stays accurate when the values are close together.
 */
class Tally {
  n = 0;
  sum = 0;
  shift = 0;
  shiftedSum = 0;
  shiftedSquares = 0;
  min = 0;
  max = 0;

  add(v: number): void {
    if (this.n === 0) {
      this.shift = v;
      this.min = v;
      this.max = v;
    } else if (v < this.min) this.min = v;
    else if (v > this.max) this.max = v;
    const d = v - this.shift;
    this.n++;
    this.sum += v;
    this.shiftedSum += d;
    this.shiftedSquares += d * d;
  }

  /** Sum of squared deviations from the mean. */
  squares(): number {
    if (this.n < 2) return 0;
    const m2 = this.shiftedSquares - (this.shiftedSum * this.shiftedSum) / this.n;
    return m2 > 0 ? m2 : 0;
  }

  stats(): Stats {
    const n = this.n;
    if (n === 0) return { n: 0, mean: null, sd: null, min: null, max: null };
    return {
      n,
      mean: this.sum / n,
      sd: n > 1 ? squareRoot(this.squares() / (n - 1)) : null,
      min: this.min,
      max: this.max,
    };
  }
}

/** The figures of several tallies together (the parallel form of the variance: Chan, Golub and LeVeque). */
function combine(parts: readonly Tally[]): Stats {
  let n = 0;
  let sum = 0;
  let min = 0;
  let max = 0;
  for (const t of parts) {
    if (!t.n) continue;
    if (!n || t.min < min) min = t.min;
    if (!n || t.max > max) max = t.max;
    n += t.n;
    sum += t.sum;
  }
  if (n === 0) return { n: 0, mean: null, sd: null, min: null, max: null };
  const mean = sum / n;
  let squares = 0;
  for (const t of parts) {
    if (!t.n) continue;
    const d = t.sum / t.n - mean;
    squares += t.squares() + t.n * d * d;
  }
  return { n, mean, sd: n > 1 ? squareRoot(squares / (n - 1)) : null, min, max };
}

/** Count, mean, sample standard deviation (n − 1; null below two values), min and max. */
export function describe(values: readonly number[]): Stats {
  const tally = new Tally();
  for (const v of values) tally.add(v);
  return tally.stats();
}

/**
 * An answer's value for a question, or undefined. Only text and numbers count, so an inherited
 * property (a question id such as 'constructor') never reads as an answer.
 */
function valueOf(answer: Answer, id: string): string | number | undefined {
  const value: unknown = answer.answers[id];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function text(value: string | number | undefined): string {
  if (typeof value === 'number') return isFiniteNumber(value) ? `${value}` : '';
  return typeof value === 'string' ? value.trim() : '';
}

interface Bucket {
  partnerId: string;
  invited: number;
  /** The position in `answers` of the counted answer of each invitation that responded, by invitation key. */
  latest: Map<string, number>;
}

const SEP = '\u0000';

export function summarize(
  questions: Question[],
  invitations: Invitation[],
  answers: Answer[],
  threshold: number | null,
): SurveySummary {
  const scaleQs = questions.filter((q) => q.type === 'scale');
  const openQs = questions.filter((q) => q.type !== 'scale');
  const numberQs = questions.filter((q) => q.type === 'number');
  const choiceQs = questions.filter((q) => q.type === 'choice');
  const flagBelow = typeof threshold === 'number' && isFiniteNumber(threshold) ? threshold : null;

  // Invitations, distinct by partner and contact, grouped by partner in first-seen order.
  const buckets = new Map<string, Bucket>();
  const invited = new Set<string>();
  for (const inv of invitations) {
    const key = inv.partnerId + SEP + (inv.contactId ?? '');
    if (invited.has(key)) continue;
    invited.add(key);
    let bucket = buckets.get(inv.partnerId);
    if (!bucket) {
      bucket = { partnerId: inv.partnerId, invited: 0, latest: new Map() };
      buckets.set(inv.partnerId, bucket);
    }
    bucket.invited++;
  }

  // The latest answer of each invitation. Deleting before setting keeps each partner's answers in the
  // order of their counted (latest) submissions.
  let unattributed = 0;
  for (let at = 0; at < answers.length; at++) {
    const answer = answers[at];
    if (answer.partnerId === null || answer.partnerId === undefined) {
      unattributed++;
      continue;
    }
    const key = answer.partnerId + SEP + (answer.contactId ?? '');
    if (!invited.has(key)) {
      unattributed++;
      continue;
    }
    const bucket = buckets.get(answer.partnerId) as Bucket;
    bucket.latest.delete(key);
    bucket.latest.set(key, at);
  }

  // Counted answers in submission order, for the overall open answers and tallies.
  const positions: number[] = [];
  for (const bucket of buckets.values()) for (const at of bucket.latest.values()) positions.push(at);
  positions.sort((a, b) => a - b);
  const counted = positions.map((at) => answers[at]);

  const byQuestion: Tally[][] = scaleQs.map(() => []);
  const allTotals = numberQs.map(() => ({ n: 0, sum: 0 }));
  const partners: PartnerSummary[] = [];
  const flaggedPartners: string[] = [];
  let responded = 0;

  for (const bucket of buckets.values()) {
    const mine: Answer[] = [];
    for (const at of bucket.latest.values()) mine.push(answers[at]);
    const scales = scaleQs.map(() => new Tally());
    for (const a of mine) {
      const given = a.answers;
      for (let i = 0; i < scaleQs.length; i++) {
        const v = readNumber(given[scaleQs[i].id]);
        if (v !== null) scales[i].add(v);
      }
    }
    let pooledN = 0;
    let pooledSum = 0;
    for (let i = 0; i < scales.length; i++) {
      byQuestion[i].push(scales[i]);
      pooledN += scales[i].n;
      pooledSum += scales[i].sum;
    }
    const totals = numberQs.map((q, i) => {
      let n = 0;
      let sum = 0;
      for (const a of mine) {
        const v = readNumber(valueOf(a, q.id));
        if (v === null) continue;
        n++;
        sum += v;
      }
      allTotals[i].n += n;
      allTotals[i].sum += sum;
      return { questionId: q.id, title: q.title, n, sum };
    });
    const overall = pooledN ? pooledSum / pooledN : null;
    const flagged = flagBelow !== null && overall !== null && overall < flagBelow;
    if (flagged) flaggedPartners.push(bucket.partnerId);
    responded += mine.length;
    partners.push({
      partnerId: bucket.partnerId,
      invited: bucket.invited,
      responded: mine.length,
      rate: bucket.invited ? mine.length / bucket.invited : 0,
      scales: scaleQs.map((q, i) => ({ questionId: q.id, title: q.title, ...scales[i].stats() })),
      overall,
      flagged,
      open: openAnswers(openQs, mine),
      totals,
    });
  }

  return {
    invited: invited.size,
    responded,
    rate: invited.size ? responded / invited.size : 0,
    scales: scaleQs.map((q, i) => ({ questionId: q.id, title: q.title, ...combine(byQuestion[i]) })),
    open: openAnswers(openQs, counted),
    totals: numberQs.map((q, i) => ({ questionId: q.id, title: q.title, ...allTotals[i] })),
    tallies: choiceQs.map((q) => tally(q, counted)),
    partners,
    unattributed,
    flaggedPartners,
  };
}
function openAnswers(questions: Question[], answers: Answer[]): OpenAnswers[] {
  return questions.map((q) => {
    const out: string[] = [];
    for (const a of answers) {
      const t = text(valueOf(a, q.id));
      if (t) out.push(t);
    }
    return { questionId: q.id, title: q.title, answers: out };
  });
}

function tally(question: Question, answers: Answer[]): ChoiceTally {
  const counts = new Map<string, number>();
  for (const choice of question.choices ?? []) counts.set(choice, 0);
  for (const a of answers) {
    const t = text(valueOf(a, question.id));
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return {
    questionId: question.id,
    title: question.title,
    counts: [...counts].map(([choice, count]) => ({ choice, count })),
  };
}
