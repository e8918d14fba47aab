// The first run in a new spreadsheet, in real Chromium: the welcome screen, "Try with demo data", the
// demo bar, and "Remove demo data" leaving the partner a person added.
import { axeViolations, expectBeside, sidebarPerTest } from '../browser/browser';

const ctx = sidebarPerTest({ empty: true });

describe('first run', () => {
  it('fills the demo school, and removes exactly the demo rows', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('heading', { name: 'Welcome to Partner Hub' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Try with demo data' }).click();
    // The result stands at the top of the Dashboard it led to (the sidebar's first screen), in sight,
    // and goes with the view.
    const added = page.getByText(/Demo data added: 1 in Schools, \d+ in Partners/);
    await expectBeside(added, page.getByRole('heading', { name: 'Dashboard', exact: true }));
    await page.getByRole('list', { name: 'Needs attention this week' }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Needs' }).click();
    await page.getByRole('heading', { name: 'Needs and gaps' }).waitFor();
    await expect(added.count()).resolves.toBe(0);
    const bar = page.getByRole('region', { name: 'Demo data' });
    await bar.getByRole('button', { name: 'Remove demo data' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const ss = preview.addOn.workspace.spreadsheet;
    const partners = () => (ss.getSheetByName('Partners')?.getDataRange().getValues() ?? []).slice(1);
    expect(partners().length).toBeGreaterThan(10);
    // A person adds a partner of their own in the sheet.
    const sheet = ss.getSheetByName('Partners');
    if (!sheet) throw new Error('no Partners tab');
    sheet.getRange(sheet.getLastRow() + 1, 1, 1, 3).setValues([['P-0123456789', 'Our Own Tutors', 'active']]);
    await bar.getByRole('button', { name: 'Remove demo data' }).click();
    await page.getByText(/Removed \d+ demo rows\./).waitFor();
    await bar.waitFor({ state: 'hidden' });
    expect(partners().map((row) => row[1])).toEqual(['Our Own Tutors']);
  });

  it('sets up an empty database', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('button', { name: 'Set up this spreadsheet' }).click();
    await page.getByText(/^Set up: Partners, /).waitFor();
    expect(preview.addOn.workspace.spreadsheet.getSheetByName('Partners')?.getLastRow()).toBe(1);
    await page.getByRole('heading', { name: 'Welcome to Partner Hub' }).waitFor({ state: 'detached' });
    // The Dashboard it leads to says where to start.
    await page.getByText('No partners yet.').waitFor();
    await page.getByRole('button', { name: 'Add them in Partners' }).click();
    await page.getByRole('button', { name: 'Add partner' }).waitFor();
  });
});
