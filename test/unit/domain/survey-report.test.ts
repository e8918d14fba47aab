// The survey report's words and content: the same figures as the sidebar, nothing internal, names only
// when asked.
import { CHART_MARKER, surveyReport, textBar } from '../../../src/server/domain/survey-report';
import { responseWords, scaleWords, totalWords } from '../../../src/shared/survey-words';

const summary = {
  invited: 30,
  responded: 27,
  scales: [{ questionId: 'q1', title: 'We trust each other.', n: 27, mean: 3.93, sd: 0.8, min: 2, max: 5 }],
  totals: [{ questionId: 'q2', title: 'Students served', n: 18, sum: 1240 }],
  tallies: [{ questionId: 'q3', title: 'How often we meet', counts: [{ choice: 'Monthly', count: 12 }] }],
  open: [
    { questionId: 'q2', title: 'Students served', answers: ['1200', '40'] },
    { questionId: 'q4', title: 'What should change?', answers: ['More planning time'] },
  ],
  partners: [
    {
      name: 'Reading Partners',
      open: [
        { questionId: 'q2', title: 'Students served', answers: ['40'] },
        { questionId: 'q4', title: 'What should change?', answers: ['More planning time'] },
      ],
    },
  ],
};

describe('the survey report', () => {
  it('says each figure in plain words', () => {
    expect(scaleWords(summary.scales[0])).toBe('Average 3.9 of 5, from 27 answers. Answers ran from 2 to 5.');
    expect(scaleWords({ n: 0, mean: null, min: null, max: null })).toBe('No answers yet.');
    expect(totalWords(summary.totals[0])).toBe('1,240 in all, from 18 answers.');
    expect(responseWords(summary)).toBe('27 of 30 invited answered (90%).');
    expect(textBar(73)).toBe('███████░░░');
  });

  it('leaves the partners’ names out of the open answers unless asked', () => {
    const text = (names: boolean) =>
      surveyReport({ title: 'End-of-year survey', school: 'Riverside', summary, names })
        .blocks.map((b) => ('text' in b ? b.text : ''))
        .join('\n');
    expect(text(false)).toContain('More planning time');
    expect(text(false)).not.toContain('Reading Partners');
    expect(text(true)).toContain('Reading Partners');
    expect(text(true)).toContain('What should change?: More planning time');
    expect(text(false)).toContain('Average 3.9 of 5, from 27 answers.');
  });

  it('gives a number question its total, and does not list its answers again among the words', () => {
    for (const names of [false, true]) {
      const lines = surveyReport({ title: 'S', school: '', summary, names }).blocks.map((b) =>
        'text' in b ? b.text : '',
      );
      expect(lines).toContain('1,240 in all, from 18 answers.');
      expect(lines.filter((l) => l.includes('Students served'))).toEqual(['Students served']);
      expect(lines.join('\n')).not.toMatch(/\b1200\b|\b40\b/);
    }
  });

  it('puts each choice question in a table of its counts', () => {
    const report = surveyReport({ title: 'S', school: '', summary, names: false });
    expect(Object.values(report.tables)).toEqual([
      [
        ['Answer', 'How many'],
        ['Monthly', '12'],
      ],
    ]);
  });

  it('marks where the chart of the scales goes, after the scales’ lines, only when asked and there are scales', () => {
    const with_ = surveyReport({ title: 'S', school: '', summary, names: false, chart: true }).blocks;
    const without = surveyReport({ title: 'S', school: '', summary, names: false }).blocks;
    const at = with_.findIndex((b) => b.type === 'image');
    expect(with_[at]).toEqual({ type: 'image', marker: CHART_MARKER });
    expect(with_[at - 2]).toEqual({ type: 'paragraph', text: 'We trust each other.' });
    // Nothing else changes: the same blocks, the marker apart.
    expect(with_.filter((b) => b.type !== 'image')).toEqual(without);
    expect(without.some((b) => b.type === 'image')).toBe(false);
    const noScales = { ...summary, scales: [] };
    expect(
      surveyReport({ title: 'S', school: '', summary: noScales, names: false, chart: true }).blocks.some(
        (b) => b.type === 'image',
      ),
    ).toBe(false);
  });
});
