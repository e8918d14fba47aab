// The survey report a coordinator hands to the principal: the response, each question's figures in plain
// words with a bar, the totals and counts, and the open answers (with the partners' names only when the
// coordinator chooses). Nothing internal: no flags, no codes, no emails. Pure.
import type { Block } from './agenda';
import type { OpenAnswers, SurveySummary } from '../../shared/survey';
import { responseWords, scalePercent, scaleWords, tallyWords, totalWords } from '../../shared/survey-words';

export interface SurveyReportInput {
  readonly title: string;
  readonly school: string;
  readonly summary: Pick<
    SurveySummary,
    'invited' | 'responded' | 'scales' | 'totals' | 'tallies' | 'open'
  > & {
    readonly partners: readonly { readonly name: string; readonly open: readonly OpenAnswers[] }[];
  };
  /** The open answers under each partner's name, or all together without names. */
  readonly names: boolean;
  /** The Summary tab's chart of the scales goes in as an image (at CHART_MARKER) after the scales' lines. */
  readonly chart?: boolean;
}

/** The paragraph the chart image replaces once the Doc is made: text no survey writes. */
export const CHART_MARKER = '[[Partner Hub: the chart of the scales goes here]]';

/** A bar of ten blocks for a share of 0–100, readable in any font. */
export function textBar(percent: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(percent / 10)));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

export function surveyReport(input: SurveyReportInput): {
  readonly title: string;
  readonly blocks: Block[];
  readonly tables: Record<string, string[][]>;
} {
  const s = input.summary;
  const blocks: Block[] = [
    { type: 'kicker', text: input.school },
    { type: 'title', text: `${input.title}: what partners told us` },
    { type: 'paragraph', text: responseWords(s) },
  ];
  const tables: Record<string, string[][]> = {};
  if (s.scales.length) {
    blocks.push({ type: 'heading', text: 'On a scale from 1 (strongly disagree) to 5 (strongly agree)' });
    for (const x of s.scales) {
      blocks.push({ type: 'paragraph', text: x.title });
      blocks.push({ type: 'paragraph', text: `${textBar(scalePercent(x))}  ${scaleWords(x)}` });
    }
    if (input.chart) blocks.push({ type: 'image', marker: CHART_MARKER });
  }
  for (const t of s.totals) {
    blocks.push({ type: 'heading', text: t.title }, { type: 'paragraph', text: totalWords(t) });
  }
  s.tallies.forEach((t, i) => {
    const name = `tally${i}`;
    tables[name] = [['Answer', 'How many'], ...t.counts.map((c) => [c.choice, String(c.count)])];
    blocks.push({ type: 'heading', text: t.title });
    if (t.counts.length) blocks.push({ type: 'table', table: name });
    else blocks.push({ type: 'paragraph', text: tallyWords(t).join('; ') || 'No answers yet.' });
  });
  // Written answers only: a number or a choice is already counted above, as its total or its table.
  const counted = new Set([...s.totals, ...s.tallies].map((t) => t.questionId));
  const written = (o: OpenAnswers) => o.answers.length > 0 && !counted.has(o.questionId);
  const open = s.open.filter(written);
  if (open.length) {
    blocks.push({ type: 'heading', text: 'In their own words' });
    if (input.names) {
      for (const p of input.summary.partners) {
        const theirs = p.open.filter(written);
        if (!theirs.length) continue;
        blocks.push({ type: 'paragraph', text: p.name });
        for (const o of theirs)
          for (const a of o.answers) blocks.push({ type: 'item', text: `${o.title}: ${a}` });
      }
    } else {
      for (const o of open) {
        blocks.push({ type: 'paragraph', text: o.title });
        for (const a of o.answers) blocks.push({ type: 'item', text: a });
      }
    }
  }
  return { title: `${input.title}: survey report`, blocks, tables };
}
