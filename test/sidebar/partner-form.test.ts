// One form for a partner and its main contact, in real Chromium: schools and liaisons chosen from what
// the spreadsheet knows (a new one named as new), web addresses completed, messages that say what to do.
import { axeViolations, sidebarPerTest } from '../browser/browser';
import type { Preview } from '../../dev/preview/server';

const ctx = sidebarPerTest();

function rowsOf(preview: Preview, tab: string): Record<string, unknown>[] {
  const values = preview.addOn.workspace.inspect().tabs.find((t) => t.name === tab)?.values ?? [];
  const headers = (values[0] ?? []).map(String);
  return values.slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
}

describe('the partner form', () => {
  it('adds a partner and its main contact in one form, naming a new school as new', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.getByRole('heading', { name: 'Add partner' }).waitFor();

    // Messages in plain words, beside their fields, from the same checks the server makes.
    await page.getByLabel('Email').fill('dana at riversidesoccer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText("Give the organization's name.").waitFor();
    await page
      .getByText('"dana at riversidesoccer" is not an email address: write the email like name@example.org.')
      .waitFor();
    // A contact with an email needs a name too.
    await page.getByText("Give the contact's name.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Organization').fill('Riverside Soccer Club');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('enrichment and expanded learning').check();
    // The web address is completed as soon as the field is left.
    await page.getByLabel('Website').fill('riversidesoccer.org');
    await page.getByLabel('Grades served').click();
    await expect(page.getByLabel('Website').inputValue()).resolves.toBe('https://riversidesoccer.org');
    // The school is chosen from the Schools tab; a misspelt one typed instead is named as new.
    await expect(page.getByLabel('Riverside Community School').isChecked()).resolves.toBe(false);
    await page.getByLabel('Another school').fill('Riverside Comunity School');
    await page
      .getByText(
        'New school: “Riverside Comunity School” is not on the Schools tab. Did you mean Riverside Community School?',
      )
      .waitFor();
    // A liaison named before is offered and is not new; another one is.
    await page.getByLabel('School liaison').fill('Coach Ramírez');
    await page.getByText(/New liaison: “Coach Ramírez” is not a liaison/).waitFor();
    await page.getByLabel('School liaison').fill('Marisol Vega');
    await expect(page.getByText(/New liaison/).count()).resolves.toBe(0);
    // The main contact, in the same form.
    await page.getByLabel('Name').fill('Dana Okafor');
    await page.getByLabel('Role').fill('Program director');
    await page.getByLabel('Email').fill('dana@riversidesoccer.org');
    await page.getByLabel('Phone').fill('(555) 010-4477');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('heading', { name: 'Riverside Soccer Club' }).waitFor();
    await page
      .getByText(
        'Saved partner. “Riverside Comunity School” is not on the Schools tab: add it there if it is one of your schools, or correct the partner.',
      )
      .waitFor();
    await page.getByText('Dana Okafor', { exact: true }).waitFor();
    const partner = rowsOf(preview, 'Partners').find((r) => r.Organization === 'Riverside Soccer Club');
    expect(partner).toMatchObject({
      Website: 'https://riversidesoccer.org',
      'Schools served': 'Riverside Comunity School',
      'School liaison': 'Marisol Vega',
    });
    const contact = rowsOf(preview, 'Contacts').find((r) => r.Name === 'Dana Okafor');
    expect(contact).toMatchObject({
      'Partner ID': partner?.['Partner ID'],
      Role: 'Program director',
      Email: 'dana@riversidesoccer.org',
      Primary: true,
    });

    // Editing shows the main contact in the same form; the suggested school replaces the misspelt one.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Dana Okafor');
    await page.getByRole('button', { name: 'Use Riverside Community School' }).click();
    await page.getByLabel('Phone').fill('(555) 010-4488');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved partner.', { exact: true }).waitFor();
    expect(rowsOf(preview, 'Partners').find((r) => r.Organization === 'Riverside Soccer Club')).toMatchObject(
      {
        'Schools served': 'Riverside Community School',
      },
    );
    const contacts = rowsOf(preview, 'Contacts').filter((r) => r['Partner ID'] === partner?.['Partner ID']);
    expect(contacts.map((r) => [r.Name, r.Phone, r.Primary])).toEqual([
      ['Dana Okafor', '(555) 010-4488', true],
    ]);
  });
});
