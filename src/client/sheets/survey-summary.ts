// A survey's summary as cards, one per question: a bar and plain words for each scale ("Average 3.9 of 5,
// from 27 answers"), totals for number questions, counts for choices, then each partner's answers with
// its open answers beside its name (the coordinator's view; the report for the principal leaves names
// out unless asked). The words come from src/shared/survey-words.ts, as in the report Doc.
import type { SurveyView } from '../../shared/contract';
import {
  average,
  responseWords,
  scalePercent,
  scaleWords,
  tallyWords,
  totalWords,
} from '../../shared/survey-words';
import { h } from '../common/dom';

type Summary = SurveyView['summary'];

function card(title: string, ...body: (HTMLElement | string | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h4', {}, title), ...body);
}

function bar(percent: number, label: string): HTMLElement {
  return h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': label },
    h('span', { style: `width:${Math.max(0, Math.min(100, percent))}%` }),
  );
}

export function summaryCards(sum: Summary): HTMLElement[] {
  const cards: HTMLElement[] = [h('p', {}, responseWords(sum))];
  for (const x of sum.scales) {
    const words = scaleWords(x);
    cards.push(card(x.title, bar(scalePercent(x), words), h('p', { class: 'meta' }, words)));
  }
  for (const t of sum.totals) cards.push(card(t.title, h('p', { class: 'meta' }, totalWords(t))));
  for (const t of sum.tallies) {
    const most = Math.max(1, ...t.counts.map((c) => c.count));
    const words = tallyWords(t);
    cards.push(
      card(
        t.title,
        ...(t.counts.length
          ? t.counts.map((c, i) =>
              h(
                'div',
                { class: 'tally' },
                h('p', { class: 'meta' }, words[i]),
                bar((c.count / most) * 100, words[i]),
              ),
            )
          : [h('p', { class: 'meta' }, 'No answers yet.')]),
      ),
    );
  }
  if (sum.partners.length) {
    cards.push(
      h('h4', {}, 'By partner'),
      ...sum.partners.map((p) =>
        h(
          'section',
          { class: 'card' },
          h('h5', {}, p.name, p.flagged ? h('span', { class: 'badge status-flagged' }, ' review') : null),
          h(
            'p',
            { class: 'meta' },
            `${p.responded} of ${p.invited} answered` +
              (p.overall === null ? '.' : `; average ${average(p.overall)} of 5 over the scales.`),
          ),
          ...p.open
            .filter((o) => o.answers.length)
            .map((o) =>
              h(
                'div',
                {},
                h('p', { class: 'meta' }, o.title),
                h('ul', { class: 'plain' }, ...o.answers.map((a) => h('li', {}, a))),
              ),
            ),
        ),
      ),
    );
  }
  return cards;
}
