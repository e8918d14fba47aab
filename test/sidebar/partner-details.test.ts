// Partners check their own details, in real Chromium on the preview server: asked from the profile, the
// answer reviewed old → new, one change accepted (one cell written), a script payload shown as text.
import { axeViolations, sidebarPerTest } from '../browser/browser';

const ctx = sidebarPerTest();

describe('partner details checks', () => {
  it('asks from the profile, then accepts a proposed phone and shows a script payload as text', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    await page.getByRole('list', { name: 'Partners' }).waitFor();
    await page.getByLabel('Search partners').fill('food bank');
    await page.getByRole('list', { name: 'Partners' }).getByRole('button').first().click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await page.getByRole('button', { name: 'Ask to check details' }).click();
    await page.getByText(/^Sent to \S+@\S+\.$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const mail = w.mail.sent.at(-1)!;
    const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(mail.body)![0];
    w.forms.submit(link, {
      'Main contact: phone': '+1 503 555 0142',
      'Grades served': '<img src=x onerror="window.__pwned=1">',
    });

    await page.getByRole('button', { name: '← All partners' }).click();
    await page.getByRole('button', { name: 'Changes proposed by partners' }).click();
    await page.getByRole('heading', { name: 'Changes proposed by partners' }).waitFor();
    const list = page.getByRole('list', { name: 'Proposed changes' });
    await list.getByText('+1 503 555 0142').waitFor();
    await list.getByText('<img src=x onerror="window.__pwned=1">').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const phoneItem = page.locator('li.change', { hasText: 'Main contact: phone' });
    await phoneItem.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Main contact: phone: accepted.').waitFor();
    await expect(page.locator('li.change').count()).resolves.toBe(1);
    const contacts = w.inspect().tabs.find((t) => t.name === 'Contacts')!;
    const phoneAt = contacts.values[0].indexOf('Phone');
    expect(contacts.values.some((r) => r[phoneAt] === '+1 503 555 0142')).toBe(true);
    await page.locator('li.change').getByRole('button', { name: 'Reject' }).click();
    await page.getByText('No changes waiting.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
