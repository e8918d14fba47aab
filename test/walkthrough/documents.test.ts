// What Partner Hub hands to people outside the coordinator's desk, rendered in the preview as Google Docs
// lays it out (a Letter page, 816 px) and read against the demo school on a May day of its 2026-27 year:
// the agenda of a gathering with its roles set, the survey report for the principal, the year-end report
// for staff and for partners, and the survey's summary in the 300 px sidebar beside them.
import type { Browser, Frame, Page } from 'playwright-core';
import type { AddOn } from '../../dev/gas';
import { signEmails } from '../../dev/preview/demo';
import { startPreview, type Preview } from '../../dev/preview/server';
import type { Listed, SaveResult, SurveyView } from '../../src/shared/contract';
import type { Gathering, Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { directory, madeAgenda, ok, plannedYear } from '../integration/helpers';
import { axeViolations, launch } from '../browser/browser';

let browser: Browser;
let preview: Preview;
let page: Page;
const errors: string[] = [];
const made: Record<'agenda' | 'survey' | 'staff' | 'partners', string> = {
  agenda: '',
  survey: '',
  staff: '',
  partners: '',
};
/** The partner whose low answers flag it on the survey: named for staff only. */
let flagged = '';
/** The partners who answered, whose names the survey report leaves out unless asked. */
let answered: string[] = [];

const STUDENTS = 'In total, how many students did your organization serve at our school this year?';
const TRUST = 'Our organization and the school trust each other.';

/** The demo school's year with its first gathering's roles set and held, a survey answered by three. */
function seed(addOn: AddOn): void {
  signEmails(addOn);
  const [first] = plannedYear(addOn);
  const saved = ok<SaveResult<Gathering>>(addOn, 'saveGathering', {
    id: first.record.id,
    version: first.version,
    values: { facilitator: 'Ms. Rivera', noteTaker: 'Mr. Okafor', status: 'held' },
  });
  if (saved.status !== 'saved') throw new Error(`gathering not saved: ${JSON.stringify(saved)}`);
  made.agenda = madeAgenda(addOn, first.record.id).url;

  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'end-of-year partnership survey');
  const survey = ok<Listed<Survey>>(addOn, 'createSurvey', {
    kind: 'end-of-year partnership survey',
    title: 'End-of-year partnership survey',
    questions: bank.questions,
    opens: '',
    closes: '',
    threshold: 3,
  });
  const partners = directory(addOn).partners.map((p) => p.record.id);
  ok(addOn, 'sendSurvey', {
    surveyId: survey.record.id,
    subject: 'Our partnership this year',
    message: 'Dear {{contact.name}}: {{survey.link}}',
    // One email a partner (its primary contact): three emails, three partners.
    audience: 'primary',
    partnerIds: partners,
    batch: 500,
  });
  const w = addOn.workspace;
  const form = w.forms.inspect()[0];
  const scales = form.items.filter((i) => i.type === 'SCALE').map((i) => i.title);
  expect(scales).toContain(TRUST);
  // Three partners answer from their personal links: all 4s, all 5s and all 2s; 40, 25 and 10 students.
  const links = w.mail.sent
    .slice(0, 3)
    .map((m) => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)![0]);
  [
    [4, 40],
    [5, 25],
    [2, 10],
  ].forEach(([score, students], i) => {
    w.forms.submit(links[i], {
      ...Object.fromEntries(scales.map((t) => [t, score])),
      [STUDENTS]: students,
      'What worked well in our partnership this year?': `Reading nights, ${i + 1}`,
    });
  });
  ok(addOn, 'refreshResponses', survey.record.id);
  const view = ok<SurveyView>(addOn, 'getSurvey', survey.record.id);
  answered = view.summary.partners.filter((p) => p.overall !== null).map((p) => p.name);
  expect(view.summary.flaggedPartners).toHaveLength(1);
  flagged = view.summary.partners.find((p) => p.partnerId === view.summary.flaggedPartners[0])?.name ?? '';
  expect(answered).toHaveLength(3);
  made.survey = ok<{ url: string }>(addOn, 'makeSurveyReport', survey.record.id, false).url;
  made.staff = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'yearStaff').url;
  made.partners = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'yearPartners').url;
  addOn.workspace.locks.endExecution();
}

beforeAll(async () => {
  browser = await launch();
  preview = await startPreview({ now: () => new Date('2027-05-20T15:00:00Z') });
  seed(preview.addOn);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('popup', (p) => errors.push(`opened ${p.url()}`));
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

const tabs = () => page.getByRole('navigation', { name: 'Tabs' });

/** Opens a Doc under the preview's Docs tab, and reads it as rendered: its text and how it fits. */
async function rendered(url: string) {
  const doc = preview.addOn.workspace.inspectDocument(url);
  await tabs()
    .getByRole('button', { name: /^Docs \(\d+\)$/ })
    .click();
  await page
    .getByRole('navigation', { name: 'Docs' })
    .getByRole('button', { name: doc.name, exact: true })
    .click();
  const handle = await page.waitForSelector(`iframe.doc[title="${doc.name}"]`);
  const frame: Frame | null = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for ${doc.name}`);
  await frame.locator('main.page').waitFor();
  return frame.evaluate(() => {
    const main = document.querySelector('main.page')!;
    const right = main.getBoundingClientRect().right;
    const all = [...main.querySelectorAll('*')];
    return {
      text: (main as HTMLElement).innerText,
      width: main.getBoundingClientRect().width,
      font: getComputedStyle(main).fontFamily,
      // Nothing past the page's edge, and no text spilling out of its own box (a cell, a line).
      past: all.filter((el) => el.getBoundingClientRect().right > right + 1).map((el) => el.tagName),
      spilled: all
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        .map((el) => `${el.tagName}: ${(el as HTMLElement).innerText.slice(0, 40)}`),
      tables: [...main.querySelectorAll('table')].map((t) =>
        [...t.querySelectorAll('tr')].map((r) => [...r.cells].map((c) => c.innerText.trim())),
      ),
      // Each picture as drawn: decoded, its box inside the page's text column (inside the margins).
      images: [...main.querySelectorAll('img')].map((img) => {
        const box = img.getBoundingClientRect();
        const column = main.getBoundingClientRect();
        const pad = parseFloat(getComputedStyle(main).paddingLeft);
        return {
          alt: img.alt,
          decoded: img.complete && img.naturalWidth > 0,
          width: box.width,
          fits: box.left >= column.left + pad - 1 && box.right <= column.right - pad + 1,
          after: (img.closest('p')?.previousElementSibling as HTMLElement | null)?.innerText ?? '',
        };
      }),
    };
  });
}

/** What no Doc for people outside the desk may show: an internal id, the old id line, an address. */
function nothingInternal(text: string): void {
  expect(text).not.toMatch(/\b[GPKS]-[A-Za-z0-9]{6,}/);
  expect(text).not.toContain('Partner Hub gathering');
  expect(text).not.toMatch(/[\w.]+@[\w.]+/);
  expect(text).not.toMatch(/\d\d:\d\d/);
}

describe('the documents, as Google Docs lays them out', () => {
  it('the agenda: the title block, each part at its clock time in the school’s zone, the roles', async () => {
    const r = await rendered(made.agenda);
    expect(r.width).toBe(816);
    expect(r.font).toMatch(/^Arial/);
    expect(r.past).toEqual([]);
    expect(r.spilled).toEqual([]);
    expect(r.text).toMatch(/^Riverside Community School\s*\nFall partner gathering\s*\n/);
    expect(r.text).toContain('Tuesday, September 8, 2026 · 3:30–5:00 PM · Library');
    for (const part of [
      '3:30–3:40 PM · Community building',
      '3:40–4:20 PM · Timely topic',
      '4:20–4:40 PM · Coming up',
      '4:40–4:50 PM · Action steps',
      '4:50–5:00 PM · Closing',
    ])
      expect(r.text).toContain(part);
    expect(r.text).toContain('Facilitator: Ms. Rivera');
    expect(r.text).toContain('Note-taker: Mr. Okafor');
    expect(r.text).toMatch(/Closing reflection: _{10,}/);
    // The roster names the invited partners, with no contact details.
    const roster = r.tables.find((t) => t[0][0] === 'Partner')!;
    expect(roster.length - 1).toBe(
      directory(preview.addOn).partners.filter((p) => p.record.status === 'active').length,
    );
    nothingInternal(r.text);
  });

  it('the survey report: the response, each scale and the total in plain words, open answers unnamed', async () => {
    const r = await rendered(made.survey);
    expect(r.width).toBe(816);
    expect(r.past).toEqual([]);
    expect(r.spilled).toEqual([]);
    expect(r.text).toMatch(
      /^Riverside Community School\s*\nEnd-of-year partnership survey: what partners told us\s*\n/,
    );
    expect(r.text).toMatch(/^3 of \d+ invited answered \(\d+%\)\.\s*$/m);
    expect(r.text).toContain(TRUST);
    // 4, 5 and 2 on every scale: 3.7 on average.
    expect(r.text).toContain('Average 3.7 of 5, from 3 answers. Answers ran from 2 to 5.');
    expect(r.text).toContain('75 in all, from 3 answers.');
    for (const n of [1, 2, 3]) expect(r.text).toContain(`Reading nights, ${n}`);
    // The students counted once, as their total: not listed again among the partners' words.
    expect(r.text).not.toMatch(/^(40|25|10)$/m);
    for (const name of answered) expect(r.text).not.toContain(name);
    expect(r.text).not.toMatch(/\bSD\b|\bn = |flag/i);
    nothingInternal(r.text);
    // The Survey Summary tab's chart, drawn as a picture under the scales, within the page's margins.
    expect(r.images).toHaveLength(1);
    const [chart] = r.images;
    expect(chart.decoded).toBe(true);
    expect(chart.fits).toBe(true);
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.alt).toBe('End-of-year partnership survey: average of each scale (1–5)');
    expect(chart.after).toMatch(/^[█░]{10} +Average/);
    expect(r.text).not.toContain('[[Partner Hub');
  });

  it('the year-end report for staff: the year at a glance, partner by partner, and what is for staff only', async () => {
    const r = await rendered(made.staff);
    expect(r.width).toBe(816);
    expect(r.past).toEqual([]);
    expect(r.spilled).toEqual([]);
    expect(r.text).toMatch(/^Riverside Community School: our partnerships in 2026-27\s*\n/);
    expect(r.text).toContain('For staff. The school year from');
    expect(r.text).toContain('1 gathering held');
    const [byPartner] = r.tables;
    expect(byPartner[0]).toEqual([
      'Partner',
      'Services',
      'Schools served',
      'Gatherings',
      'Check-ins',
      'Action steps done',
      'Agreement',
      'Latest survey average',
    ]);
    const averages = byPartner.slice(1).map((row) => row[7]);
    expect(averages.filter(Boolean).sort()).toEqual(['2.0 of 5', '4.0 of 5', '5.0 of 5']);
    expect(r.text).toContain('For staff only');
    expect(r.text).toContain(`Flagged on a survey this year: ${flagged}.`);
    nothingInternal(r.text);
  });

  it('the year-end report for partners and community leaves out what is internal', async () => {
    const r = await rendered(made.partners);
    expect(r.width).toBe(816);
    expect(r.past).toEqual([]);
    expect(r.spilled).toEqual([]);
    expect(r.text).toContain('For our partners and community.');
    expect(r.tables[0][0]).not.toContain('Latest survey average');
    expect(r.text).not.toContain('For staff only');
    expect(r.text).not.toMatch(/flag/i);
    // The marks of a strong partnership as a whole, never one partner's score.
    expect(r.text).toMatch(/Marks of a strong partnership/);
    expect(r.text).not.toContain('2.0 of 5');
    nothingInternal(r.text);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the survey’s summary in the 300 px sidebar: totals in plain words, nothing spilling out of its card', async () => {
    const bar = page.frameLocator('iframe[name=sidebar]');
    await bar.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await bar.getByRole('button', { name: /End-of-year partnership survey/ }).click();
    const trust = bar.locator('section.card', { hasText: TRUST });
    await trust.getByText('Average 3.7 of 5, from 3 answers. Answers ran from 2 to 5.').waitFor();
    await bar
      .locator('section.card', { hasText: 'how many students' })
      .getByText('75 in all, from 3 answers.')
      .waitFor();
    const frame = page.frame({ name: 'sidebar' })!;
    const fit = await frame.evaluate(() => ({
      width: document.documentElement.clientWidth,
      spilled: [...document.querySelectorAll('section.card, section.card *')]
        .filter(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflow === 'visible' &&
            el.clientWidth > 0,
        )
        .map((el) => `${el.tagName}: ${(el as HTMLElement).innerText.slice(0, 40)}`),
      cards: document.querySelectorAll('section.card').length,
    }));
    expect(fit.width).toBeLessThanOrEqual(300);
    expect(fit.cards).toBeGreaterThan(5);
    expect(fit.spilled).toEqual([]);
    expect(errors).toEqual([]);
  });
});
