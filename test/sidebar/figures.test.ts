// One definition for each figure, in real Chromium: a seeded school's headline numbers are the same in
// the header, the Needs view, the Dashboard tab and the Gaps tab, and stay the same after a need is
// linked to the partner meeting it and after a partner save changes what is covered.
import type { Page } from 'playwright-core';
import { sidebarPerTest } from '../browser/browser';
import type { Preview } from '../../dev/preview/server';

/** The demo school on 30 November 2026, with one check-in due in the next 7 days. */
const ctx = sidebarPerTest({
  today: '2026-11-30',
  prepare: (preview) => setPartnerCell(preview, 'Reading Partners Riverside', 'Last check-in', '2026-11-03'),
});

function setPartnerCell(preview: Preview, name: string, header: string, value: string): void {
  const sheet = preview.addOn.workspace.spreadsheet.getSheetByName('Partners');
  if (!sheet) throw new Error('no Partners tab');
  const values = sheet.getDataRange().getValues();
  const headers = values[0].map(String);
  const row = values.findIndex((r) => r[headers.indexOf('Organization')] === name);
  sheet.getRange(row + 1, headers.indexOf(header) + 1).setValues([[value]]);
}

interface Expected {
  open: number;
  unmet: number;
  pending: number;
  covered: number;
  overdue: number;
  dueSoon: number;
  expiring: number;
}

const tab = (preview: Preview, name: string) => {
  const found = preview.addOn.workspace.inspect().tabs.find((t) => t.name === name);
  if (!found) throw new Error(`no ${name} tab`);
  return found.values;
};

async function header(page: Page): Promise<string[]> {
  const list = page.getByRole('region', { name: 'At a glance' }).getByRole('listitem');
  await list.first().waitFor();
  return (await list.allTextContents()).slice(0, 4);
}

const needsLine = (e: Expected) =>
  `${e.open} open needs: ${e.unmet} unmet, ${e.pending} pending, ${e.covered} covered`;

async function expectEverywhere(page: Page, preview: Preview, e: Expected): Promise<void> {
  // The header.
  await page.getByRole('navigation').getByRole('button', { name: 'Partners' }).click();
  await page.getByText(needsLine(e), { exact: true }).waitFor();
  expect(await header(page)).toEqual([
    expect.stringMatching(/^\d+ active partners$/),
    needsLine(e),
    `${e.expiring} agreements expiring`,
    `${e.overdue} check-ins overdue, ${e.dueSoon} due in the next 7 days`,
  ]);

  // The Needs view: its figures, each need's status, and the findings.
  await page.getByRole('navigation').getByRole('button', { name: 'Needs' }).click();
  await page.getByText(`${needsLine(e)}.`, { exact: true }).waitFor();
  const needs = await page.getByRole('list', { name: 'Needs' }).getByRole('listitem').allTextContents();
  const status = (s: string) => needs.filter((t) => t.includes(` · ${s}`)).length;
  expect([status('unmet'), status('pending'), status('covered')]).toEqual([e.unmet, e.pending, e.covered]);
  const findings = await page.getByRole('list', { name: 'Findings' }).getByRole('listitem').allTextContents();
  const said = (pattern: RegExp) => findings.filter((t) => pattern.test(t)).length;
  expect(said(/No partner covers/)).toBe(e.unmet);
  expect(said(/covered only by partners not yet or no longer active/)).toBe(e.pending);
  expect(said(/check-in is \d+ days? overdue/)).toBe(e.overdue);
  expect(said(/ ends on \d{4}-\d{2}-\d{2}/)).toBe(e.expiring);

  // The Dashboard tab's values.
  await page.getByRole('button', { name: 'Update the Dashboard tab' }).click();
  await page.getByText('The Dashboard tab is up to date.').waitFor();
  const dashboard = tab(preview, 'Dashboard');
  const value = (label: string) => dashboard.find((r) => r[0] === label)?.[1];
  expect({
    open: value('Open needs'),
    unmet: value('Unmet needs'),
    pending: value('Pending needs'),
    covered: value('Covered needs'),
    overdue: value('Check-ins overdue'),
    dueSoon: value('Check-ins due in the next 7 days'),
    expiring: value('Agreements expiring'),
  }).toEqual(e);
  // Its charts' tables say the same.
  expect(['covered', 'pending', 'unmet', 'overdue', 'due in the next 7 days'].map(value)).toEqual([
    e.covered,
    e.pending,
    e.unmet,
    e.overdue,
    e.dueSoon,
  ]);

  // The Gaps tab: one row per finding, of each kind.
  await page.getByRole('button', { name: 'Rebuild the Gaps tab' }).click();
  await page.getByText(/The Gaps tab lists \d+ findings/).waitFor();
  const gaps = tab(preview, 'Gaps');
  const kind = gaps[0].indexOf('Kind');
  const rows = (k: string) => gaps.filter((r) => r[kind] === k).length;
  expect([
    rows('unmet need'),
    rows('need pending'),
    rows('check-in overdue'),
    rows('agreement expiring'),
  ]).toEqual([e.unmet, e.pending, e.overdue, e.expiring]);
}

describe('one definition for each figure', () => {
  it('shows the same figures in the header, the Needs view, the Dashboard tab and the Gaps tab', async () => {
    const { page, preview } = ctx.session;
    const seeded = { open: 8, unmet: 3, pending: 0, covered: 5, overdue: 8, dueSoon: 1, expiring: 4 };
    await expectEverywhere(page, preview, seeded);

    // The weekend-food need is not covered by the coat drive: its only food partner has ended.
    await page.getByRole('navigation').getByRole('button', { name: 'Needs' }).click();
    const food = page.getByRole('list', { name: 'Needs' }).getByRole('listitem').filter({
      hasText: 'Weekend food',
    });
    await expect(food.textContent()).resolves.toContain(' · unmet');

    // The coordinator links the pre-K enrichment need to the partner that will meet it.
    await page.getByRole('button', { name: 'Edit need: enrichment and expanded learning' }).click();
    await page.getByLabel('Met by partner ID').selectOption({ label: 'Green Schoolyards Project' });
    await page.getByRole('button', { name: 'Save' }).click();
    const linked = { ...seeded, unmet: 2, covered: 6 };
    await page.getByText(`${needsLine(linked)}.`, { exact: true }).waitFor();
    await page.getByRole('list', { name: 'Needs' }).getByText('Met by: Green Schoolyards Project').waitFor();
    await expectEverywhere(page, preview, linked);

    // A partner save changes what is covered: the header counts again.
    await page.getByRole('navigation').getByRole('button', { name: 'Partners' }).click();
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await page.getByRole('button', { name: '← All partners' }).click();
    const fed = { ...linked, unmet: 1, covered: 7 };
    await page.getByText(needsLine(fed), { exact: true }).waitFor();
    await expectEverywhere(page, preview, fed);
  });
});
