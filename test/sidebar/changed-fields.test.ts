// A save sends and writes only what the coordinator changed, in real Chromium: a line break typed in the
// sheet in a one-line field (which the form cannot show) survives an edit of another field.
import { sidebarPerTest } from '../browser/browser';
import type { Preview } from '../../dev/preview/server';

const TWO_LINES = 'Line one\nLine two';

function cell(
  preview: Preview,
  tab: string,
  match: (row: Record<string, unknown>) => boolean,
  header: string,
) {
  const values = preview.addOn.workspace.inspect().tabs.find((t) => t.name === tab)?.values ?? [];
  const headers = values[0].map(String);
  const row = values.slice(1).find((r) => match(Object.fromEntries(headers.map((h, i) => [h, r[i]]))));
  return row?.[headers.indexOf(header)];
}

const ctx = sidebarPerTest({
  // A person typed the organization's name over two lines, in the sheet.
  prepare: (preview) => {
    const sheet = preview.addOn.workspace.spreadsheet.getSheetByName('Partners');
    if (!sheet) throw new Error('no Partners tab');
    const values = sheet.getDataRange().getValues();
    const name = values[0].map(String).indexOf('Organization');
    const row = values.findIndex((r) => r[name] === 'Riverside Food Bank');
    sheet.getRange(row + 1, name + 1).setValues([[TWO_LINES]]);
  },
});

describe('a save writes only the fields changed', () => {
  it('keeps the line break of the organization cell when the phone, then the services, are edited', async () => {
    const { page, preview } = ctx.session;
    const partnerId = cell(preview, 'Partners', (r) => r.Organization === TWO_LINES, 'Partner ID');
    expect(partnerId).toMatch(/^P-/);
    await page.getByRole('button', { name: /Line one/ }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    // The one-line field shows the name without its line break…
    await expect(page.getByLabel('Organization').inputValue()).resolves.not.toContain('\n');
    await page.getByLabel('Phone').fill('(555) 010-7777');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved partner.').waitFor();
    // …and an edit of the phone leaves the cell as it was typed.
    expect(cell(preview, 'Partners', (r) => r['Partner ID'] === partnerId, 'Organization')).toBe(TWO_LINES);
    expect(
      cell(preview, 'Contacts', (r) => r['Partner ID'] === partnerId && r.Primary === true, 'Phone'),
    ).toBe('(555) 010-7777');

    // An edit of another partner field: only that cell is written.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Services').fill('Weekend food bags');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Weekend food bags', { exact: true }).waitFor();
    expect(cell(preview, 'Partners', (r) => r['Partner ID'] === partnerId, 'Organization')).toBe(TWO_LINES);

    // Saving with nothing changed writes nothing and says so beside the button.
    const before = JSON.stringify(preview.addOn.workspace.inspect());
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Nothing to save: nothing was changed.').waitFor();
    expect(JSON.stringify(preview.addOn.workspace.inspect())).toBe(before);
  });
});
