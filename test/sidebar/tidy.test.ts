// A tidy workbook, in real Chromium: Partner Hub's own tabs are never offered to import from, folded
// filters say how many are on, and an empty result offers to clear them.
import { sidebarPerTest } from '../browser/browser';

const ctx = sidebarPerTest();

describe('a tidy workbook', () => {
  it('offers only the coordinator’s own tabs to import from, never the Dashboard, Gaps or database tabs', async () => {
    const { page, preview } = ctx.session;
    // The report tabs, written from the sidebar, and a list of the coordinator's own.
    await page.getByRole('navigation').getByRole('button', { name: 'Needs' }).click();
    await page.getByRole('button', { name: 'Rebuild the Gaps tab' }).click();
    await page.getByText(/^The Gaps tab lists/).waitFor();
    await page.getByRole('button', { name: 'Update the Dashboard tab' }).click();
    await page.getByText('The Dashboard tab is up to date.').waitFor();
    const own = preview.addOn.workspace.spreadsheet.insertSheet('Partners from the district');
    own.getRange(1, 1, 2, 2).setValues([
      ['Agency', 'Email'],
      ['Northside Tutors', 'ana@northside.example.org'],
    ]);
    await page.getByRole('navigation').getByRole('button', { name: 'Partners' }).click();
    await page.getByRole('button', { name: 'Import a partner list from another tab' }).click();
    const select = page.getByLabel('Tab to import');
    await select.waitFor();
    const options = await select.locator('option').allTextContents();
    expect(options).toEqual(['Partners from the district (1 rows)']);
  });

  it('shows how many filters are on while they are folded, and offers "Clear filters" when none matches', async () => {
    const { page } = ctx.session;
    const items = page.getByRole('list', { name: 'Partners' }).getByRole('button');
    await items.first().waitFor();
    const all = await items.count();
    const summary = page.locator('details.filters > summary');
    await expect(summary.textContent()).resolves.toBe('Filters');
    await summary.click();
    await page.getByLabel('Status').selectOption('vetting');
    await page.getByLabel('Focus area').selectOption('basic needs');
    await summary.click();
    await expect(page.getByLabel('Status').isVisible()).resolves.toBe(false);
    await expect(summary.textContent()).resolves.toBe('Filters (2)');
    await page.getByText('No partner matches the search and filters.').waitFor();
    await expect(items.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(summary.textContent()).resolves.toBe('Filters');
    await expect(items.count()).resolves.toBe(all);
    await expect(page.getByText('No partner matches the search and filters.').count()).resolves.toBe(0);
    // A search alone that finds nothing offers to clear the search.
    await page.getByLabel('Search partners').fill('zzzz no such partner');
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect(items.count()).resolves.toBe(all);
    await expect(page.getByLabel('Search partners').inputValue()).resolves.toBe('');
  });
});
