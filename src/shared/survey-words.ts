// A survey's figures in plain words, the same in the sidebar's cards and the report Doc for the
// principal: "Average 3.9 of 5, from 27 answers". Pure.
import { SCALE, type ChoiceTally, type NumberTotal, type ScaleStat } from './survey';

const one = (n: number, word: string, words = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : words}`;

/** One decimal, as people read an average: 3.9. */
export function average(mean: number): string {
  return (Math.round(mean * 10) / 10).toFixed(1);
}

export function scaleWords(s: Pick<ScaleStat, 'n' | 'mean' | 'min' | 'max'>): string {
  if (s.mean === null || s.n === 0) return 'No answers yet.';
  const range =
    s.min !== null && s.max !== null && s.min !== s.max ? ` Answers ran from ${s.min} to ${s.max}.` : '';
  return `Average ${average(s.mean)} of ${SCALE.high}, from ${one(s.n, 'answer')}.${range}`;
}

/** How far along the scale the average is, 0–100, for a bar. */
export function scalePercent(s: Pick<ScaleStat, 'mean'>): number {
  return s.mean === null ? 0 : Math.round(((s.mean - SCALE.low) / (SCALE.high - SCALE.low)) * 100);
}

export function totalWords(t: Pick<NumberTotal, 'n' | 'sum'>): string {
  if (t.n === 0) return 'No answers yet.';
  return `${t.sum.toLocaleString('en-US')} in all, from ${one(t.n, 'answer')}.`;
}

export function tallyWords(t: Pick<ChoiceTally, 'counts'>): string[] {
  return t.counts.map((c) => `${c.choice}: ${one(c.count, 'answer')}`);
}

export function responseWords(s: { readonly invited: number; readonly responded: number }): string {
  if (s.invited === 0) return 'Nobody has been sent this survey yet.';
  return `${s.responded.toLocaleString('en-US')} of ${s.invited.toLocaleString('en-US')} invited answered (${Math.round((s.responded / s.invited) * 100)}%).`;
}
