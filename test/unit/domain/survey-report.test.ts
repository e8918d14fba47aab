// The survey report's words and content: the same figures as the sidebar, nothing internal, names only
// when asked.
import { surveyReport, textBar } from '../../../src/server/domain/survey-report';
import { responseWords, scaleWords, totalWords } from '../../../src/shared/survey-words';

const summary = {
  invited: 30,
  responded: 27,
  scales: [{ questionId: 'q1', title: 'We trust each other.', n: 27, mean: 3.93, sd: 0.8, min: 2, max: 5 }],
  totals: [{ questionId: 'q2', title: 'Students served', n: 18, sum: 1240 }],
  tallies: [{ questionId: 'q3', title: 'How often we meet', counts: [{ choice: 'Monthly', count: 12 }] }],
  open: [{ questionId: 'q4', title: 'What should change?', answers: ['More planning time'] }],
  partners: [
    {
      name: 'Reading Partners',
      open: [{ questionId: 'q4', title: 'What should change?', answers: ['More planning time'] }],
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

  it('puts each choice question in a table of its counts', () => {
    const report = surveyReport({ title: 'S', school: '', summary, names: false });
    expect(Object.values(report.tables)).toEqual([
      [
        ['Answer', 'How many'],
        ['Monthly', '12'],
      ],
    ]);
  });
});
