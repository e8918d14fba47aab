// The preview page as a newcomer meets it, in one Chromium page: what this is and what to try, then a
// gathering planned with its agenda Doc rendered at page width, the survey sent and answered as a
// partner through the Form page, the answer counted in the sidebar, charts drawn, an applicant's answer to the
// intake Form taken as a prospect, a partner's details check answered on its prefilled Form, and every
// time shown in the school's zone.
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview/server';
import { RAW_ISO_TIME } from '../../dev/preview/times';
import { axeViolations, launch } from '../browser/browser';

let browser: Browser;
let preview: Preview;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  preview = await startPreview();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    errors.push(`native dialog: ${d.message()}`);
    void d.dismiss();
  });
  // A link the preview does not keep would leave for Google: none may.
  page.on('popup', (p) => errors.push(`opened ${p.url()}`));
  await page.goto(preview.url);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await preview?.close();
  }
});

const tabs = () => page.getByRole('navigation', { name: 'Tabs' });
const panel = () => page.locator('#panel');
const sidebar = (): FrameLocator => page.frameLocator('iframe[name=sidebar]');
const frameOf = async (selector: string): Promise<Frame> => {
  const frame = await (await page.waitForSelector(selector)).contentFrame();
  if (!frame) throw new Error(`no frame in ${selector}`);
  return frame;
};

/** The name of the partner whose survey answer came back (the Survey Responses tab, then Partners). */
function answeredPartner(): string {
  const tabs = preview.addOn.workspace.inspect().tabs;
  const rows = (name: string) => {
    const [head, ...rest] = tabs.find((t) => t.name === name)!.display;
    return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
  };
  const partnerId = rows('Survey Responses').find((r) => r['Status'] === 'responded')!['Partner ID'];
  const name = rows('Partners').find((r) => r['Partner ID'] === partnerId)!['Organization'];
  expect(name).toMatch(/\w{3}/);
  return name;
}

describe('the preview a newcomer meets', () => {
  it('says what it is, what to try, and starts on the add-on’s tabs without an empty Sheet1', async () => {
    await page.getByRole('heading', { name: /Partner Hub/ }).waitFor();
    const intro = await page.locator('header').innerText();
    expect(intro).toMatch(/Google Sheets add-on for schools and their community partners/);
    expect(intro).toMatch(/in-memory copy of\s+Google Workspace with a demo school, Riverside/);
    expect(intro).toContain('America/Chicago');
    const tries = await page.getByRole('list', { name: 'Three things to try' }).getByRole('listitem').all();
    expect(tries).toHaveLength(3);
    const names = await tabs().getByRole('button').allInnerTexts();
    expect(names.slice(0, 3)).toEqual(['Partners', 'Contacts', 'Schools']);
    expect(names).not.toContain('Sheet1');
    expect(await tabs().getByRole('button', { name: 'Partners' }).getAttribute('aria-pressed')).toBe('true');
    await panel().getByRole('cell', { name: 'Reading Partners Riverside' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('plans a gathering, makes its agenda and shows it as Google Docs would, tables and all', async () => {
    const bar = sidebar();
    await bar.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await bar.getByRole('button', { name: 'Plan the year' }).click();
    // A year ahead: every gathering is still to come.
    await bar.getByLabel('School year starting in').fill('2040');
    await bar.getByRole('button', { name: 'Preview' }).click();
    await bar.getByRole('button', { name: 'Add these gatherings' }).click();
    await bar.getByRole('button', { name: /Fall partner gathering/ }).click();
    await bar.getByRole('button', { name: 'Make the agenda' }).click();
    await bar.getByText('Agenda made.').waitFor();
    await bar.getByRole('button', { name: 'Put on the calendar' }).click();
    await bar.getByText(/Added to the calendar/).waitFor();

    // The sidebar's link to the agenda opens it here, under Docs, rather than on Google.
    await bar
      .getByRole('link', { name: /agenda/i })
      .first()
      .click();
    await tabs().getByRole('button', { name: 'Docs (1)', pressed: true }).waitFor();
    const doc = await frameOf('iframe.doc[title^="Fall partner gathering"]');
    await doc.getByText('Community building').first().waitFor();
    // Designed for the room: each part at its clock time, roles with a line to write on, no internal id,
    // and nothing wider than the page.
    const content = await doc.evaluate(() => ({
      text: document.body.innerText,
      wide: [...document.querySelectorAll('main.page *')].filter(
        (el) =>
          el.getBoundingClientRect().right >
          document.querySelector('main.page')!.getBoundingClientRect().right + 1,
      ).length,
    }));
    expect(content.text).toContain('3:30–3:40 PM · Community building');
    expect(content.text).toContain('4:50–5:00 PM · Closing');
    expect(content.text).toMatch(/Note-taker: _{10,}/);
    expect(content.text).not.toMatch(/G-[A-Za-z0-9]{4,}/);
    expect(content.wide).toBe(0);
    const look = await doc.evaluate(() => {
      const pageBox = document.querySelector('main.page')!;
      const cell = document.querySelector('td')!;
      const tables = [...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect());
      const style = getComputedStyle(pageBox);
      return {
        width: pageBox.getBoundingClientRect().width,
        padding: style.paddingLeft,
        font: style.fontFamily,
        size: style.fontSize,
        border: getComputedStyle(cell).borderTopWidth,
        borderStyle: getComputedStyle(cell).borderTopStyle,
        tables: tables.map((t) => ({ width: t.width, height: t.height })),
        heading: getComputedStyle(document.querySelector('h2')!).fontSize,
      };
    });
    // Letter page, 1-inch margins, Arial 11 pt, Heading 2 at 16 pt, tables with 1 pt borders.
    expect(look.width).toBe(816);
    expect(look.padding).toBe('96px');
    expect(look.font).toMatch(/^Arial/);
    expect(look.size).toBe('14.6667px');
    expect(look.heading).toBe('21.3333px');
    // 1 pt, which Chromium draws as 1 px.
    expect(parseFloat(look.border)).toBeGreaterThanOrEqual(1);
    expect(look.borderStyle).toBe('solid');
    expect(look.tables.length).toBeGreaterThanOrEqual(2);
    for (const t of look.tables) {
      expect(t.width).toBe(816 - 2 * 96);
      expect(t.height).toBeGreaterThan(20);
    }
    // The frame is as tall as the Doc: nothing is out of sight inside it.
    const frameHeight = await page.locator('iframe.doc').evaluate((f) => f.getBoundingClientRect().height);
    const docHeight = await doc.evaluate(() => document.documentElement.scrollHeight);
    expect(frameHeight).toBeGreaterThanOrEqual(docHeight);

    // The gathering on the calendar at 3:30 in the school's zone (America/Chicago), not in UTC.
    await tabs().getByRole('button', { name: 'Calendar (1)' }).click();
    await panel()
      .getByRole('cell', { name: /^Tue, Sep 11, 2040, 3:30\s–\s5:00\sPM\sCDT$/ })
      .waitFor();
  });

  it('sends the survey, answers it from a partner’s link, and counts the answer in the sidebar', async () => {
    const bar = sidebar();
    await bar.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await bar.getByRole('button', { name: 'New survey' }).click();
    await bar.getByRole('button', { name: 'Create the Form' }).click();
    await bar.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    await bar.getByRole('button', { name: 'Preview the email' }).click();
    await bar.getByRole('button', { name: 'Send', exact: true }).click();
    // It asks first, and the first time for the signature every email to partners carries.
    const ask = bar.getByRole('dialog');
    await ask.getByLabel('Your name').fill('Marisol Vega');
    await ask.getByLabel('Your role').fill('Community schools coordinator');
    await ask.getByRole('button', { name: /^Send \d+ emails$/ }).click();
    await bar.getByText(/^Done: \d+ sent\.$/).waitFor();
    const sent = preview.addOn.workspace.mail.sent;

    // The newest email first; its personal link opens the Form here rather than on Google.
    await tabs()
      .getByRole('button', { name: `Email (${sent.length})` })
      .click();
    const first = panel().getByRole('row').nth(1);
    await first.locator('summary').click();
    const link = first.getByRole('link', { name: /^https:\/\/docs\.google\.com\/forms\/d\/e\// });
    const href = (await link.getAttribute('href'))!;
    const code = new URL(href).searchParams;
    await link.click();
    // The page opens it under Forms once the panel has come back from the server.
    await tabs().getByRole('button', { name: 'Forms (1)', pressed: true }).waitFor();
    const form = await frameOf('iframe.form');
    const codeField = form.getByLabel(/^Response code/);
    const entry = (await codeField.getAttribute('name'))!;
    expect(await codeField.inputValue()).toBe(code.get(entry));
    expect(await codeField.inputValue()).not.toBe('');

    for (const question of await form.locator('fieldset').all())
      await question.getByRole('radio', { name: '4' }).check();
    await form.getByLabel('What worked well in our partnership this year?').fill('<b>Reading nights</b>');
    await form.getByLabel(/how many students/).fill('40');
    await form.getByRole('button', { name: 'Submit' }).click();
    const done = await frameOf('iframe.form');
    await done.getByRole('status').getByText('Your response has been recorded.').waitFor();
    const behind = await done.getByRole('complementary').innerText();
    expect(behind).toMatch(/form-submit trigger \(onSurveySubmit\)\./);
    expect(behind).not.toMatch(/failed/);
    expect(await done.locator('b').count()).toBe(0);

    // The coordinator refreshes the responses: the partner's answer is matched and counted.
    await bar.getByRole('button', { name: 'Refresh responses' }).click();
    await bar.getByText(/^1 response: 1 matched to partners; 0 answers flagged/).waitFor();
    await bar
      .locator('section.card', { hasText: 'trust each other.' })
      .getByText(/^Average 4\.0 of 5, from 1 answer\.$/)
      .waitFor();
    await bar.getByRole('button', { name: 'Write the Summary tab' }).click();
    await bar.getByText(/The Survey Summary tab has the figures/).waitFor();

    // The Summary tab's Sheets chart, drawn: a bar per scale at the partner's 4.
    await tabs().getByRole('button', { name: 'Survey Summary' }).click();
    const chart = panel().getByRole('img', { name: /average of each scale/ });
    await chart.waitFor();
    const bars = await chart
      .locator('rect')
      .evaluateAll((rects) =>
        rects.map((r) => [r.querySelector('title')?.textContent ?? '', Number(r.getAttribute('width'))]),
      );
    expect(bars.length).toBe(7);
    for (const [title, width] of bars) {
      expect(title).toMatch(/: 4$/);
      expect(width).toBeGreaterThan(100);
    }

    // The report for the principal, made in the sidebar and read here under Docs.
    await bar.getByRole('button', { name: 'Make the survey report' }).click();
    await bar.getByRole('link', { name: 'Open the survey report' }).click();
    await tabs()
      .getByRole('button', { name: /^Docs \(\d+\)$/, pressed: true })
      .waitFor();
    const report = await frameOf('iframe.doc[title$="survey report"]');
    await report.getByText('Average 4.0 of 5, from 1 answer.').first().waitFor();
    const text = await report.evaluate(() => document.body.innerText);
    expect(text).toContain('Riverside Community School');
    expect(text).toMatch(/^1 of \d+ invited answered \(\d+%\)\.$/m);
    expect(text).toContain('40 in all, from 1 answer.');
    // The partner's words as text, without the partner's name (the coordinator did not ask for names).
    expect(text).toContain('<b>Reading nights</b>');
    expect(await report.locator('main.page b').count()).toBe(0);
    expect(text).not.toContain(answeredPartner());
    expect(text).not.toMatch(/G-[A-Za-z0-9]{4,}|Partner Hub gathering|@/);
  });

  it('makes the partner intake Form, answers it as an applicant on its page, and shows the new prospect', async () => {
    const bar = sidebar();
    const nav = bar.getByRole('navigation', { name: 'Partner Hub' });
    await nav.getByRole('button', { name: 'Settings' }).click();
    await bar.getByRole('button', { name: 'Make the partner intake Form' }).click();
    await bar.getByText('Intake Form made. Put its link on your website or in your newsletter.').waitFor();

    // The public link opens the Form here, as an applicant from the school's website would.
    await tabs()
      .getByRole('button', { name: /^Forms \(2\)$/ })
      .click();
    await panel()
      .getByRole('row', { name: /Partner with our school/ })
      .getByRole('link', { name: 'Open the Form' })
      .click();
    const form = await frameOf('iframe.form');
    await form.getByLabel('Organization name').fill('Hillside Homework Club');
    await form.getByRole('checkbox', { name: 'tutoring' }).check();
    await form.getByLabel('Services you offer').fill('Homework help, =HYPERLINK("x")');
    await form.getByLabel('Main contact: name').fill('Rosa Ortiz');
    await form.getByLabel('Main contact: email').fill('rosa@hillside.example.org');
    await form.getByRole('button', { name: 'Submit' }).click();
    const done = await frameOf('iframe.form');
    await done.getByRole('status').getByText('Your response has been recorded.').waitFor();
    expect(await done.getByRole('complementary').innerText()).not.toMatch(/failed/);

    // The coordinator sees the new applicant; the prospect is in the sheet, marked from intake.
    await nav.getByRole('button', { name: 'Partners' }).click();
    await nav.getByRole('button', { name: 'Settings' }).click();
    await bar.getByText('1 new applicant from the intake Form this week', { exact: false }).waitFor();
    const partners = preview.addOn.workspace.inspect().tabs.find((t) => t.name === 'Partners')!;
    const [head, ...rows] = partners.display;
    const at = (h: string) => head.indexOf(h);
    const row = rows.find((r) => r[at('Organization')] === 'Hillside Homework Club')!;
    expect([row[at('Status')], row[at('Source')]]).toEqual(['prospect', 'intake Form']);
    expect(partners.formulas.flat().some((f) => f.includes('HYPERLINK'))).toBe(false);
  });

  it('asks a partner to check its details; the Form opens filled in, and a changed phone comes back proposed', async () => {
    const bar = sidebar();
    const nav = bar.getByRole('navigation', { name: 'Partner Hub' });
    await nav.getByRole('button', { name: 'Partners' }).click();
    await bar.getByLabel('Search partners').fill('food bank');
    await bar.getByRole('list', { name: 'Partners' }).getByRole('button').first().click();
    await bar.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await bar.getByRole('button', { name: 'Ask to check details' }).click();
    await bar.getByText(/^Sent to \S+@\S+\.$/).waitFor();

    // The partner's email, newest first; its link opens the Form here, filled in with what the sheet holds.
    const sent = preview.addOn.workspace.mail.sent;
    await tabs()
      .getByRole('button', { name: `Email (${sent.length})` })
      .click();
    const first = panel().getByRole('row').nth(1);
    await first.locator('summary').click();
    await first.getByRole('link', { name: /^https:\/\/docs\.google\.com\/forms\/d\/e\// }).click();
    await tabs()
      .getByRole('button', { name: /^Forms \(3\)$/, pressed: true })
      .waitFor();
    const form = await frameOf('iframe.form');
    await expect(form.getByLabel('Organization').inputValue()).resolves.toBe('Riverside Food Bank');
    const phone = form.getByLabel('Main contact: phone');
    expect(await phone.inputValue()).not.toBe('');
    await phone.fill('+1 503 555 0142');
    await form.getByRole('button', { name: 'Submit' }).click();
    const done = await frameOf('iframe.form');
    await done.getByRole('status').getByText('Your response has been recorded.').waitFor();

    await bar.getByRole('button', { name: '← All partners' }).click();
    await bar.getByRole('button', { name: 'Changes proposed by partners' }).click();
    const change = bar.getByRole('list', { name: 'Proposed changes' }).locator('li.change');
    await change.getByText('+1 503 555 0142').waitFor();
    await expect(change.count()).resolves.toBe(1);
    await expect(change.innerText()).resolves.toMatch(/Main contact: phone/);
  });

  it('shows no raw ISO time anywhere, and every time in the school’s zone', async () => {
    const labels = await tabs().getByRole('button').allInnerTexts();
    for (const label of labels) {
      await tabs().getByRole('button', { name: label, exact: true }).click();
      await page.waitForFunction(
        (l) => document.querySelector('#tabs button[aria-pressed=true]')?.textContent === l,
        label,
      );
      const text = await panel().evaluate((p) => (p as HTMLElement).innerText);
      expect([label, text.match(RAW_ISO_TIME)?.[0]]).toEqual([label, undefined]);
    }
    await tabs()
      .getByRole('button', { name: /^Email/ })
      .click();
    const times = await panel().locator('td.when').allInnerTexts();
    expect(times.length).toBeGreaterThan(10);
    for (const t of times) expect(t).toMatch(/\d{4}, \d{1,2}:\d\d\s[AP]M\sC[SD]T$/);
    expect(await sidebar().locator('body').innerText()).not.toMatch(RAW_ISO_TIME);
    expect(errors).toEqual([]);
  });
});
