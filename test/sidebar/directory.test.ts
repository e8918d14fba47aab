// The Sheets sidebar in real Chromium, on the preview server: the directory from end to end.
import { axeViolations, sidebarPerTest } from '../browser/browser';
import { TABLES } from '../../src/shared/schema';

const ctx = sidebarPerTest();

const partnersTab = () =>
  ctx.session.preview.addOn.workspace.inspect().tabs.find((t) => t.name === 'Partners')!;

describe('partner directory', () => {
  it('opens with the demo school’s partners from the page itself, with no accessibility violation', async () => {
    const { page } = ctx.session;
    await page.getByRole('list', { name: 'Partners' }).waitFor();
    const count = await page.getByRole('list', { name: 'Partners' }).getByRole('button').count();
    expect(count).toBeGreaterThanOrEqual(20);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('searches by name, service and contact, and filters by status and needs attention', async () => {
    const { page } = ctx.session;
    const items = page.getByRole('list', { name: 'Partners' }).getByRole('button');
    await page.getByLabel('Search partners').fill('food bank');
    await expect(items.allTextContents()).resolves.toEqual([expect.stringContaining('Riverside Food Bank')]);
    await page.getByLabel('Search partners').fill('dental');
    await expect(items.allTextContents()).resolves.toEqual([expect.stringContaining('Smile Mobile Dental')]);
    await page.getByLabel('Search partners').fill('');
    await page.getByText('Filters').click();
    await page.getByLabel('Status').selectOption('vetting');
    const vetting = await items.allTextContents();
    expect(vetting.length).toBeGreaterThan(0);
    expect(vetting.every((t) => t.includes('vetting'))).toBe(true);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Needs attention').check();
    const flagged = await items.allTextContents();
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((t) => t.includes('⚠'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens a profile, adds a partner, edits it and logs a check-in, and the sheet changes', async () => {
    const { page } = ctx.session;
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await expect(page.getByText('Contacts', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '← All partners' }).click();

    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.getByLabel('Organization').fill('=HYPERLINK("https://evil.example","Click")');
    await page.getByLabel('Website').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(
      page
        .getByText('"javascript:alert(1)" is not a web address: write the website like riversidesoccer.org.')
        .isVisible(),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Website').fill('https://newpartner.example.org');
    await page.getByLabel('Status').selectOption('vetting');
    await page.getByLabel('tutoring').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: '=HYPERLINK("https://evil.example","Click")' }).waitFor();
    const nameCol = TABLES.partners.columns.findIndex((c) => c.key === 'name');
    const tab = partnersTab();
    expect(tab.values.map((r) => r[nameCol])).toContain('=HYPERLINK("https://evil.example","Click")');
    expect(tab.formulas.flat().filter(Boolean)).toEqual([]);

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Services').fill('After-school quokka reading');
    const { calls } = ctx.session.preview.addOn.workspace;
    calls.reset();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('After-school quokka reading').waitFor();
    // The save's own read and re-check, and nothing fetched after it: the page works out the row.
    expect(calls.count('SpreadsheetApp.Sheet.getSheetValues')).toBe(2);
    // Search in the page finds the partner by what it was just saved with.
    await page.getByRole('button', { name: '← All partners' }).click();
    await page.getByLabel('Search partners').fill('quokka');
    await page.getByText(/^1 of \d+ partners$/).waitFor();
    await page.getByRole('button', { name: /=HYPERLINK/ }).click();
    await page.getByRole('heading', { name: '=HYPERLINK("https://evil.example","Click")' }).waitFor();

    await page.getByRole('button', { name: 'Log check-in' }).click();
    await page.getByLabel('Date').fill('2026-11-20');
    await page.getByLabel('Notes').fill('Planned the spring schedule');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Planned the spring schedule').waitFor();
    const lastCol = TABLES.partners.columns.findIndex((c) => c.key === 'lastCheckIn');
    const row = partnersTab().values.find(
      (r) => r[nameCol] === '=HYPERLINK("https://evil.example","Click")',
    )!;
    expect(Object.prototype.toString.call(row[lastCol])).toBe('[object Date]');
    expect(partnersTab().display.find((r) => r[nameCol] === row[nameCol])![lastCol]).toBe('2026-11-20');
  });

  it('shows a readable error from the server in the sidebar', async () => {
    const { page, preview } = ctx.session;
    const release = preview.addOn.workspace.locks.holdDocumentLock();
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Services').fill('Weekend food bags');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('Someone else is saving to this spreadsheet right now. Try again in a moment.')
      .waitFor();
    release();
  });
});

describe('import', () => {
  it('maps the columns of another tab, previews a duplicate, and imports', async () => {
    const { page, preview } = ctx.session;
    const sheet = preview.addOn.workspace.spreadsheet.insertSheet('Our old list');
    sheet.getRange(1, 1, 3, 3).setValues([
      ['Agency', 'E-mail', 'Notes'],
      ['Riverside Food Bank', 'new@riversidefoodbank.example.org', 'from the old list'],
      ['Northside Tutors', 'ana@northside.example.org', ''],
    ]);
    await page.getByRole('button', { name: 'Import a partner list from another tab' }).click();
    await page.getByLabel('Tab to import').selectOption('Our old list');
    await expect(page.getByLabel('Agency').inputValue()).resolves.toBe('name');
    await page.getByLabel('E-mail').selectOption('contact.email');
    await page.getByLabel('Notes', { exact: true }).selectOption('notes');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('1 to add, 1 to merge').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Imported: 1 added, 1 merged/).waitFor();
    const names = preview.addOn.workspace
      .inspect()
      .tabs.find((t) => t.name === 'Partners')!
      .values.map((r) => r[1]);
    expect(names.filter((n) => n === 'Riverside Food Bank')).toHaveLength(1);
    expect(names).toContain('Northside Tutors');
  });
});

describe('google.script.run from the page', () => {
  it('gets a readable error for a bad argument, and nothing is written', async () => {
    const { page, preview } = ctx.session;
    const before = JSON.stringify(preview.addOn.workspace.inspect());
    const message = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const run = (
            window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }
          ).google.script.run;
          const chain = run.withSuccessHandler(() => resolve('succeeded')) as unknown as typeof run;
          const failing = chain.withFailureHandler((e: Error) => resolve(e.message)) as unknown as typeof run;
          failing.savePartner({ values: { name: 42 } });
        }),
    );
    expect(message).toBe('savePartner: argument 1.values.name must be text, yes/no or a list.');
    expect(JSON.stringify(preview.addOn.workspace.inspect())).toBe(before);
  });
});
