// Messages beside the action that caused them, in real Chromium: inside the viewport, right below the
// button or form, and gone once the view changes.
import { expectBeside, sidebarPerTest } from '../browser/browser';

const ctx = sidebarPerTest();

const nav = (name: string) =>
  ctx.session.page.getByRole('navigation').getByRole('button', { name, exact: true });

describe('messages beside their action', () => {
  it('Needs: the tab actions are at the top, and what they did is said right below them', async () => {
    const { page } = ctx.session;
    await nav('Needs').click();
    const rebuild = page.getByRole('button', { name: 'Rebuild the Gaps tab' });
    await rebuild.waitFor();
    // In the first screen, not 3,300 px down.
    const box = await rebuild.boundingBox();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
    await rebuild.click();
    await expectBeside(page.getByText(/^The Gaps tab lists \d+ findings/), rebuild);
    const dashboard = page.getByRole('button', { name: 'Update the Dashboard tab' });
    await dashboard.click();
    await expectBeside(page.getByText('The Dashboard tab is up to date.'), dashboard);
    // One message at a time: the Gaps message went when the Dashboard one came.
    await expect(page.getByText(/^The Gaps tab lists/).count()).resolves.toBe(0);
    await nav('Partners').click();
    await expect(page.getByText('The Dashboard tab is up to date.').count()).resolves.toBe(0);
  });

  it('Partners: "Saved partner." stands at the top of the profile and does not follow onto the next form or view', async () => {
    const { page } = ctx.session;
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Services').fill('Weekend food bags, a monthly pantry and a summer market');
    await page.getByRole('button', { name: 'Save' }).click();
    const heading = page.getByRole('heading', { name: 'Riverside Food Bank' });
    await expectBeside(page.getByText('Saved partner.'), heading);
    await page.getByRole('button', { name: 'Log check-in' }).click();
    await page.getByRole('heading', { name: 'Log check-in' }).waitFor();
    await expect(page.getByText('Saved partner.').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await heading.waitFor();
    await expect(page.getByText('Saved partner.').count()).resolves.toBe(0);
    await nav('Needs').click();
    await page.getByRole('heading', { name: 'Needs and gaps' }).waitFor();
    await expect(page.getByText('Saved partner.').count()).resolves.toBe(0);
  });

  it('Partners: a save that fails says why beside the Save button, where the coordinator is looking', async () => {
    const { page, preview } = ctx.session;
    const release = preview.addOn.workspace.locks.holdDocumentLock();
    try {
      await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await page.getByLabel('Services').fill('Weekend food bags');
      const save = page.getByRole('button', { name: 'Save' });
      await save.click();
      await expectBeside(
        page.getByText('Someone else is saving to this spreadsheet right now. Try again in a moment.'),
        save,
      );
    } finally {
      release();
    }
  });

  it('Import: the preview and the result stand beside their buttons, and go with the view', async () => {
    const { page, preview } = ctx.session;
    const sheet = preview.addOn.workspace.spreadsheet.insertSheet('Our old list');
    sheet.getRange(1, 1, 2, 2).setValues([
      ['Agency', 'E-mail'],
      ['Northside Tutors', 'ana@northside.example.org'],
    ]);
    await page.getByRole('button', { name: 'Import a partner list from another tab' }).click();
    await page.getByLabel('Tab to import').selectOption('Our old list');
    await page.getByLabel('E-mail').selectOption('contact.email');
    await page.getByRole('button', { name: 'Preview' }).click();
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    await expectBeside(page.getByText(/^Imported: 1 added, 0 merged, 1 contacts/), importButton);
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Back to the partners' }).click();
    await page.getByRole('button', { name: /Northside Tutors/ }).waitFor();
    await expect(page.getByText(/^Imported:/).count()).resolves.toBe(0);
  });
});
