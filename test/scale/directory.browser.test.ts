// The Sheets sidebar in real Chromium with more partners than one page: the directory is searched,
// filtered and paged on the server, a profile is fetched when opened, and a save merges what changed.
import { launch, openSidebar, showPartners, type Session } from '../browser/browser';
import type { Browser } from 'playwright-core';
import { seedDemoSchool } from '../../dev/preview/demo';
import { scaledData } from '../../dev/demo-data';
import type { Directory } from '../../src/shared/contract';
import { matches, NO_FILTERS, queryWords, searchText } from '../../src/shared/partner-filter';

const PARTNERS = 300;
let browser: Browser;
let session: Session;

beforeAll(async () => {
  browser = await launch();
  session = await openSidebar(browser, { empty: true });
  const today = new Date().toISOString().slice(0, 10);
  seedDemoSchool(session.preview.addOn, today, scaledData(PARTNERS, today));
  await session.page.reload();
  await showPartners(session.page);
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await browser?.close();
  }
  expect(session.errors).toEqual([]);
});

const everything = () => {
  const outcome = session.preview.addOn.run('getDirectory');
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value as Directory;
};

describe(`the directory of ${PARTNERS} partners`, () => {
  it('opens with the first page and pages on', async () => {
    const { page } = session;
    const items = page.getByRole('list', { name: 'Partners' }).getByRole('button');
    await page.getByText(`${PARTNERS} of ${PARTNERS} partners`).waitFor();
    expect(await items.count()).toBe(100);
    await page.getByRole('button', { name: `Show 100 more (${PARTNERS - 100} not shown)` }).click();
    await page.getByRole('button', { name: `Show 100 more (${PARTNERS - 200} not shown)` }).waitFor();
    expect(await items.count()).toBe(200);
  });

  it('searches and filters on the server, with counts that agree', async () => {
    const { page } = session;
    const d = everything();
    const items = page.getByRole('list', { name: 'Partners' }).getByRole('button');
    const target = d.partners[123].record.name;
    const contacts = new Map<string, string>();
    for (const { record: c } of d.contacts)
      contacts.set(c.partnerId, `${contacts.get(c.partnerId) ?? ''} ${c.name} ${c.email} ${c.role}`);
    const filters = { ...NO_FILTERS, query: target };
    const same = d.partners.filter((p) =>
      matches(p.record, p.attention, filters, queryWords(filters), () =>
        searchText(p.record, contacts.get(p.record.id) ?? ''),
      ),
    ).length;
    await page.getByLabel('Search partners').fill(target);
    await page.getByText(`${same} of ${PARTNERS} partners`).waitFor();
    expect(await items.allTextContents()).toContainEqual(expect.stringContaining(target));
    await page.getByLabel('Search partners').fill('');
    await page.getByText(`${PARTNERS} of ${PARTNERS} partners`).waitFor();
    await page.getByText('Filters').click();
    await page.getByLabel('Status').selectOption('paused');
    const paused = d.partners.filter((p) => p.record.status === 'paused').length;
    await page.getByText(`${paused} of ${PARTNERS} partners`).waitFor();
    const shown = await items.allTextContents();
    expect(shown.length).toBe(Math.min(paused, 100));
    expect(shown.every((t) => t.includes('paused'))).toBe(true);
    await page.getByLabel('Status').selectOption('');
    await page.getByText(`${PARTNERS} of ${PARTNERS} partners`).waitFor();
  });

  it('opens a profile, saves it, and the list and the figures follow without reloading the directory', async () => {
    const { page, preview } = session;
    const d = everything();
    const active = d.partners.filter((p) => p.record.status === 'active').length;
    await page.getByText(`${active} active partners`, { exact: false }).waitFor();
    const first = page.getByRole('list', { name: 'Partners' }).getByRole('button').first();
    const name = (await first.locator('.name').textContent()) ?? '';
    const entry = d.partners.find((p) => p.record.name === name)!;
    await first.click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Status').selectOption(entry.record.status === 'active' ? 'paused' : 'active');
    await page.getByLabel('Notes').fill('Changed in the scale test');
    preview.addOn.workspace.calls.reset();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved partner.').waitFor();
    await page.getByText('Changed in the scale test').waitFor();
    expect(
      preview.addOn.workspace.calls.count('SpreadsheetApp.Range.getValues') +
        preview.addOn.workspace.calls.count('SpreadsheetApp.Sheet.getSheetValues'),
    ).toBeLessThanOrEqual(8);
    await page.getByRole('button', { name: '← All partners' }).click();
    const now = active + (entry.record.status === 'active' ? -1 : 1);
    await page.getByText(`${now} active partners`, { exact: false }).waitFor();
    const row = page.getByRole('list', { name: 'Partners' }).getByRole('button', { name: new RegExp(name) });
    await expect(row.first().textContent()).resolves.toContain(
      entry.record.status === 'active' ? 'paused' : 'active',
    );
  });

  it('invites a partner to a gathering with a search: the page never loads the whole directory', async () => {
    const { page } = session;
    const d = everything();
    const target = d.partners[250].record;
    const asked: string[] = [];
    const record = (request: { url(): string; postData(): string | null }) => {
      if (request.url().includes('/run/getTables')) asked.push(request.postData() ?? '');
    };
    page.on('request', record);
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Add a gathering or check-in' }).click();
    await page.getByLabel('Title').fill('Picker check-in');
    await page.getByLabel('Find partners').fill(target.name);
    await page.getByRole('checkbox', { name: new RegExp(`^${target.name} \\(`) }).check();
    await page.getByText(`1 chosen: ${target.name}.`).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Picker check-in' }).waitFor();
    await page.getByText(target.name, { exact: true }).waitFor();
    page.off('request', record);
    const saved = everything().gatherings.find((g) => g.record.title === 'Picker check-in')!;
    expect(saved.record.invited).toEqual([target.id]);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((body) => !body.includes('partners'))).toBe(true);
  });
});
