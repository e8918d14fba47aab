// "Make the survey report" on the built bundle: the Doc for the principal holds the figures in words,
// and, when the survey has scale questions, the Survey Summary tab's Sheets chart as a picture, written
// for this survey first, in a bounded number of calls.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type { DocNode } from '../../dev/workspace';
import { pngSize } from '../../dev/workspace/png';
import type { Listed, MadeDoc, SurveyView } from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { CHART_MARKER } from '../../src/server/domain/survey-report';
import { directory, ok } from './helpers';

const KIND = 'end-of-year partnership survey';

function answered(keep: (q: Question) => boolean): { addOn: AddOn; survey: Listed<Survey> } {
  const addOn = loadAddOn({ now: () => new Date('2027-05-20T15:00:00Z') });
  seedDemoSchool(addOn, '2027-05-20');
  signEmails(addOn);
  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', KIND);
  const survey = ok<Listed<Survey>>(addOn, 'createSurvey', {
    kind: KIND,
    title: 'End-of-year survey',
    questions: bank.questions.filter(keep),
    opens: '',
    closes: '',
    threshold: 3,
  });
  ok(addOn, 'sendSurvey', {
    surveyId: survey.record.id,
    subject: 'Our year',
    message: 'Dear {{contact.name}}: {{survey.link}}',
    audience: 'primary',
    partnerIds: directory(addOn).partners.map((p) => p.record.id),
    batch: 500,
  });
  const w = addOn.workspace;
  const form = w.forms.inspect()[0];
  const links = w.mail.sent.map((m) => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)![0]);
  [4, 5].forEach((score, i) => {
    const answers: Record<string, string | number> = {};
    for (const item of form.items) {
      if (item.type === 'SCALE') answers[item.title] = score;
      else if (item.type === 'PARAGRAPH_TEXT') answers[item.title] = `Reading nights, ${i + 1}`;
    }
    w.forms.submit(links[i], answers);
  });
  ok(addOn, 'refreshResponses', survey.record.id);
  return { addOn, survey };
}

/** Every inline image of the Doc, in order, and its text. */
function images(node: DocNode): NonNullable<NonNullable<DocNode['runs']>[number]['image']>[] {
  const own = (node.runs ?? []).flatMap((r) => (r.image ? [r.image] : []));
  return [...own, ...(node.type === 'PARAGRAPH' ? [] : (node.children ?? []).flatMap(images))];
}

describe('the survey report for the principal', () => {
  it('holds the Summary tab’s chart as one picture under the scales, and every figure in words', () => {
    const { addOn, survey } = answered(() => true);
    const view = ok<SurveyView>(addOn, 'getSurvey', survey.record.id);
    expect(view.summary.scales.length).toBeGreaterThan(1);
    addOn.workspace.calls.reset();
    const made = ok<MadeDoc>(addOn, 'makeSurveyReport', survey.record.id, false);
    const calls = addOn.workspace.calls;
    // One picture of the one chart, one insert; the Doc opened once after its import.
    expect(calls.count('SpreadsheetApp.EmbeddedChart.getAs')).toBe(1);
    expect(calls.count('DocumentApp.Body.insertImage')).toBe(1);
    expect(calls.count('DocumentApp.openById')).toBe(1);
    expect(calls.total()).toBeLessThan(90);

    const doc = addOn.workspace.inspectDocument(made.url);
    const pictures = images(doc.tree);
    expect(pictures).toHaveLength(1);
    const [picture] = pictures;
    const bytes = Buffer.from(picture.src.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(pngSize(bytes)).toEqual({ width: picture.width, height: picture.height });
    expect(picture.width).toBeLessThanOrEqual(624);
    expect(picture.alt).toBe('End-of-year survey: average of each scale (1–5)');
    // The picture stands after the last scale's words and before what follows them.
    const blocks = doc.tree.children ?? [];
    const at = blocks.findIndex((b) => (b.runs ?? []).some((r) => r.image));
    const last = view.summary.scales[view.summary.scales.length - 1];
    expect(blocks[at - 2].text).toBe(last.title);
    expect(blocks[at - 1].text).toMatch(/^[█░]{10} +Average/);
    // Nothing else changed: the words and bars of every scale, no marker left.
    for (const x of view.summary.scales) expect(doc.tree.text).toContain(x.title);
    expect(doc.tree.text).toContain('Average 4.5 of 5, from 2 answers.');
    expect(doc.tree.text).toContain('Reading nights, 2');
    expect(doc.tree.text).not.toContain(CHART_MARKER);
    // The chart came from the Survey Summary tab, written for this survey.
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Survey Summary');
    expect(tab?.charts).toHaveLength(1);
    expect(tab?.charts?.[0].title).toBe('End-of-year survey: average of each scale (1–5)');
    expect(made.notes.join(' ')).toContain('Survey Summary tab now shows this survey');
  });

  it('keeps the picture through a saved and restored workspace (the preview’s state)', () => {
    const { addOn, survey } = answered(() => true);
    const made = ok<MadeDoc>(addOn, 'makeSurveyReport', survey.record.id, true);
    const before = addOn.workspace.inspectDocument(made.url).tree;
    const again = loadAddOn({ state: JSON.parse(JSON.stringify(addOn.workspace.toJSON())) });
    expect(again.workspace.inspectDocument(made.url).tree).toEqual(before);
    expect(images(before)).toHaveLength(1);
  });

  it('a picture Docs refuses: the Doc is still made, with a line saying where the chart is', () => {
    const { addOn, survey } = answered(() => true);
    // Docs refuses the picture: the insert itself throws, as a service error does.
    addOn.workspace.calls.before('DocumentApp.Body.insertImage', () => {
      addOn.workspace.calls.failAt(1, 'Invalid image data.');
    });
    const made = ok<MadeDoc>(addOn, 'makeSurveyReport', survey.record.id, false);
    const doc = addOn.workspace.inspectDocument(made.url);
    expect(images(doc.tree)).toHaveLength(0);
    expect(doc.tree.text).toContain(
      'The chart of the scales is on the Survey Summary tab of the spreadsheet.',
    );
    expect(doc.tree.text).not.toContain(CHART_MARKER);
    expect(doc.tree.text).toContain('Average 4.5 of 5, from 2 answers.');
    expect(made.notes.join(' ')).toContain('Google Docs did not take the chart');
  });

  it('without scale questions: no chart to draw, no picture, the Summary tab left alone', () => {
    const { addOn, survey } = answered((q) => q.type !== 'scale');
    addOn.workspace.calls.reset();
    const made = ok<MadeDoc>(addOn, 'makeSurveyReport', survey.record.id, false);
    expect(addOn.workspace.calls.count('SpreadsheetApp.EmbeddedChart.getAs')).toBe(0);
    expect(addOn.workspace.calls.count('DocumentApp.openById')).toBe(0);
    const doc = addOn.workspace.inspectDocument(made.url);
    expect(images(doc.tree)).toHaveLength(0);
    expect(doc.tree.text).toContain('Reading nights, 1');
    expect(doc.tree.text).not.toContain(CHART_MARKER);
    expect(addOn.workspace.inspect().tabs.some((t) => t.name === 'Survey Summary')).toBe(false);
  });
});
