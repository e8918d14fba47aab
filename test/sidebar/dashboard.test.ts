// The Dashboard view, the sidebar's first screen, in real Chromium at 300 px: the demo school's headline
// figures as the header and the Needs view show them, what needs attention this week (each sentence's
// link opening the view that deals with it), nothing wider than the sidebar, and the Dashboard tab one
// click away.
import type { Page } from 'playwright-core';
import { axeViolations, expectBeside, goTo, sidebarPerTest } from '../browser/browser';
import type { Preview } from '../../dev/preview/server';

/** A gathering whose title has no place to break: the layout must still hold it at 300 px. */
const LONG_TITLE = 'FamilyEngagementAndCommunityPartnersRoundtableForSpringPlanning';

/** A title typed in the sheet that would be markup if the sidebar let it: it must stay text. */
const MARKUP_TITLE = '<img src=x onerror="document.title=1">Board & "partners"';

/**
 * The demo school on Monday 30 November 2026, with one check-in due in the next 7 days, gatherings on
 * Wednesday, Thursday and next Monday (no agenda, not on the calendar), and one last week still waiting
 * for "held or cancelled?".
 */
const ctx = sidebarPerTest({
  today: '2026-11-30',
  view: 'Dashboard',
  prepare: (preview) => {
    setCell(preview, 'Partners', 'Organization', 'Reading Partners Riverside', 'Last check-in', '2026-11-03');
    addGathering(preview, 'G-00000000a1', 'Winter partner gathering', '2026-12-03', '15:30');
    addGathering(preview, 'G-00000000a2', LONG_TITLE, '2026-12-02', '09:00');
    addGathering(preview, 'G-00000000a3', 'Fall partner gathering', '2026-11-19', '15:30');
    addGathering(preview, 'G-00000000a4', MARKUP_TITLE, '2026-12-07', '08:00');
  },
});

function sheetOf(preview: Preview, tab: string) {
  const sheet = preview.addOn.workspace.spreadsheet.getSheetByName(tab);
  if (!sheet) throw new Error(`no ${tab} tab`);
  return sheet;
}

function setCell(
  preview: Preview,
  tab: string,
  key: string,
  value: string,
  header: string,
  to: string,
): void {
  const sheet = sheetOf(preview, tab);
  const values = sheet.getDataRange().getValues();
  const headers = values[0].map(String);
  const row = values.findIndex((r) => r[headers.indexOf(key)] === value);
  sheet.getRange(row + 1, headers.indexOf(header) + 1).setValues([[to]]);
}

function addGathering(preview: Preview, id: string, title: string, date: string, start: string): void {
  const sheet = sheetOf(preview, 'Gatherings');
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const cells: Record<string, string> = {
    'Gathering ID': id,
    Kind: 'multi-partner gathering',
    Title: title,
    Date: date,
    Start: start,
    End: '17:00',
    Status: 'planned',
  };
  sheet
    .getRange(sheet.getLastRow() + 1, 1, 1, headers.length)
    .setValues([headers.map((h) => cells[h] ?? '')]);
}

const view = (page: Page) => page.locator('#app');
const attention = (page: Page) => page.getByRole('list', { name: 'Needs attention this week' });
/** The attention list's own sentences (not the names listed under the check-ins one). */
const sentences = async (page: Page) => attention(page).locator(':scope > li > p.said').allTextContents();

async function dashboardFigures(page: Page): Promise<string[]> {
  const list = page.getByRole('region', { name: 'Figures' }).getByRole('listitem');
  await list.first().waitFor();
  return list.allTextContents();
}

async function backToDashboard(page: Page): Promise<void> {
  await goTo(page, 'Dashboard');
  await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
}

describe('the Dashboard view', () => {
  it('opens first, with the figures of the header and the Needs view, and what needs attention', async () => {
    const { page } = ctx.session;
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    await expect(
      page.getByRole('navigation').getByRole('button', { name: 'Dashboard' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    const needsLine = '8 open needs: 3 unmet, 0 pending, 5 covered';
    const figures = await dashboardFigures(page);
    expect(figures).toEqual([
      expect.stringMatching(/^\d+ active partners$/),
      needsLine,
      '4 agreements expiring',
      '8 check-ins overdue, 1 due in the next 7 days',
    ]);
    expect(await sentences(page)).toEqual([
      '8 check-ins are overdue, and 1 more due in the next 7 days.',
      `${LONG_TITLE}: Wednesday, December 2 at 09:00; no agenda yet, not on the calendar yet.`,
      'Winter partner gathering: Thursday, December 3 at 15:30; no agenda yet, not on the calendar yet.',
      `${MARKUP_TITLE}: Monday, December 7 at 08:00; no agenda yet, not on the calendar yet.`,
      '1 gathering is over and not yet marked held or cancelled.',
      '3 open needs have no partner covering them.',
      '4 agreements end within 60 days, not yet renewed.',
    ]);
    // Text from the sheet stays text.
    expect(await view(page).locator('img').count()).toBe(0);
    await attention(page)
      .getByRole('button', { name: `Open ${MARKUP_TITLE}` })
      .waitFor();
    expect(await page.title()).not.toBe('1');
    expect(await axeViolations(page)).toEqual([]);

    // The same figures in the Partners view's header…
    await goTo(page, 'Partners');
    const header = page.getByRole('region', { name: 'At a glance' }).getByRole('listitem');
    await header.first().waitFor();
    expect((await header.allTextContents()).slice(0, 4)).toEqual(figures);
    // …and in the Needs view.
    await goTo(page, 'Needs');
    await page.getByText(`${needsLine}.`, { exact: true }).waitFor();
  });

  it('leads from each sentence to the view that deals with it', async () => {
    const { page } = ctx.session;
    const items = attention(page).locator(':scope > li');

    // Check-ins: the first three partners named, each a link to its profile; all of them in Partners.
    const checkIns = items.filter({ hasText: 'check-ins are overdue' });
    const named = checkIns.getByRole('list', { name: 'Check-ins overdue or due soon' }).getByRole('button');
    expect(await named.count()).toBe(3);
    const first = (await named.first().textContent())?.split(':')[0] ?? '';
    await named.first().click();
    await page.getByRole('heading', { name: first, exact: true }).waitFor();
    await page.locator('nav button[aria-current="page"]', { hasText: 'Partners' }).waitFor();

    await backToDashboard(page);
    await checkIns.getByRole('button', { name: 'See all 9 in Partners' }).click();
    const due = page
      .getByRole('region', { name: 'At a glance' })
      .getByRole('list', { name: 'Check-ins overdue or due soon' });
    await due.waitFor();
    expect(await due.getByRole('listitem').count()).toBe(9);

    // A gathering of the week: its page.
    await backToDashboard(page);
    await attention(page).getByRole('button', { name: 'Open Winter partner gathering' }).click();
    await page.getByRole('heading', { name: 'Winter partner gathering' }).waitFor();
    await page.locator('nav button[aria-current="page"]', { hasText: 'Gatherings' }).waitFor();
    // Its agenda made there, the Dashboard says so.
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    await backToDashboard(page);
    await expect(sentences(page)).resolves.toContain(
      'Winter partner gathering: Thursday, December 3 at 15:30; its agenda is made, not on the calendar yet.',
    );

    // The gathering over and unanswered: the Gatherings view's question, with it alone.
    await backToDashboard(page);
    await attention(page).getByRole('button', { name: 'Answer in Gatherings' }).click();
    const ask = page.getByRole('list', { name: 'Gatherings to answer' }).getByRole('listitem');
    await ask.first().waitFor();
    expect(await ask.allTextContents()).toEqual([expect.stringContaining('Fall partner gathering')]);
    // Answered there, it is no longer said on the Dashboard.
    await page.getByRole('button', { name: 'Held: Fall partner gathering' }).click();
    await page.getByRole('list', { name: 'Gatherings to answer' }).waitFor({ state: 'detached' });
    await backToDashboard(page);
    await expect(sentences(page)).resolves.not.toContain(
      '1 gathering is over and not yet marked held or cancelled.',
    );

    // Unmet needs and agreements ending: the Needs view, whose findings list each.
    await attention(page).getByRole('button', { name: 'See the gaps in Needs' }).click();
    await page.getByRole('heading', { name: 'Needs and gaps' }).waitFor();
    await page.locator('nav button[aria-current="page"]', { hasText: 'Needs' }).waitFor();
    const findings = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    const said = async (pattern: RegExp) =>
      (await findings.allTextContents()).filter((t) => pattern.test(t)).length;
    expect(await said(/No partner covers/)).toBe(3);
    await backToDashboard(page);
    await attention(page).getByRole('button', { name: 'See which in Needs' }).click();
    await page.getByRole('heading', { name: 'Needs and gaps' }).waitFor();
    expect(await said(/ ends on \d{4}-\d{2}-\d{2}/)).toBe(4);
  });

  it('counts the needs again after a partner save that may change what is covered', async () => {
    const { page } = ctx.session;
    await goTo(page, 'Partners');
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await backToDashboard(page);
    // The server's count, as the Needs view then shows it.
    await attention(page).getByText('2 open needs have no partner covering them.').waitFor();
    const needsLine = '8 open needs: 2 unmet, 0 pending, 6 covered';
    expect(await dashboardFigures(page)).toContain(needsLine);
    await goTo(page, 'Needs');
    await page.getByText(`${needsLine}.`, { exact: true }).waitFor();
  });

  it('keeps every line inside the 300 px sidebar', async () => {
    const { page } = ctx.session;
    await attention(page).waitFor();
    const width = page.viewportSize()?.width ?? 0;
    expect(width).toBe(300);
    const overflowing = await view(page).evaluate((root) => {
      const right = root.getBoundingClientRect().right;
      return [root, ...root.querySelectorAll('*')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1)
        .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').slice(0, 40)}`);
    });
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });

  it('writes the Dashboard tab and opens it in one click', async () => {
    const { page, preview } = ctx.session;
    // The tab made before, and the coordinator on the Partners tab.
    expect(preview.addOn.run('writeDashboard').ok).toBe(true);
    const ss = preview.addOn.workspace.spreadsheet;
    ss.getSheetByName('Partners')?.activate();
    const button = page.getByRole('button', { name: 'Open the Dashboard tab' });
    await button.click();
    await expectBeside(
      page.getByText('The Dashboard tab is up to date and open in the spreadsheet.'),
      button,
    );
    expect(ss.getActiveSheet().getName()).toBe('Dashboard');
    const values = ss.getSheetByName('Dashboard')?.getDataRange().getValues() ?? [];
    const value = (label: string) => values.find((r) => r[0] === label)?.[1];
    expect(
      ['Open needs', 'Unmet needs', 'Check-ins overdue', 'Check-ins due in the next 7 days'].map(value),
    ).toEqual([8, 3, 8, 1]);
    expect(value('Agreements expiring')).toBe(4);
  });
});
