// The partner intake Form in Settings, in real Chromium on the preview server: made with one button (its
// link shown), an answer that became a prospect counted as a new applicant, a possible duplicate with a
// script payload shown as text and resolved as the partner already in the sheet; and the details-check
// reminder, asked first.
import { axeViolations, sidebarPerTest } from '../browser/browser';
import { ok } from '../integration/helpers';

const ctx = sidebarPerTest();

describe('the partner intake Form in the sidebar', () => {
  it('is made from Settings; new applicants and possible duplicates show there, as text', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    await page.getByRole('list', { name: 'Partners' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Partner Hub' })
      .getByRole('button', { name: 'Settings' })
      .click();
    await page.getByRole('button', { name: 'Make the partner intake Form' }).click();
    await page.getByText('Intake Form made. Put its link on your website or in your newsletter.').waitFor();
    const link = page.getByRole('link', { name: 'Open the intake Form (link to share)' });
    const url = (await link.getAttribute('href')) ?? '';
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    await page
      .getByText('New answers are taken as they arrive, by your form-submit trigger (it runs as you).')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const base = {
      Website: '',
      'Focus areas': ['tutoring'],
      'Services you offer': 'Homework help',
      'Main contact: name': 'Rosa Ortiz',
      'How did you hear about our school?': 'Newsletter',
    };
    w.forms.submit(url, {
      ...base,
      'Organization name': 'Hillside Homework Club',
      'Main contact: email': 'rosa@hillside.example.org',
    });
    w.forms.submit(url, {
      ...base,
      'Organization name': '<img src=x onerror="window.__pwned=1">',
      'Main contact: email': 'sam@hillside.example.org',
    });

    await page
      .getByRole('navigation', { name: 'Partner Hub' })
      .getByRole('button', { name: 'Partners' })
      .click();
    await page
      .getByRole('navigation', { name: 'Partner Hub' })
      .getByRole('button', { name: 'Settings' })
      .click();
    await page.getByText('1 new applicant from the intake Form this week', { exact: false }).waitFor();
    await page.getByText('1 answer to review:').waitFor();
    const item = page.getByRole('list', { name: 'Intake answers to review' }).getByRole('listitem').first();
    await item.locator('strong', { hasText: '<img src=x onerror="window.__pwned=1">' }).waitFor();
    await item.getByText(/Same domain \(hillside\.example\.org\) as Hillside Homework Club/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await item.getByRole('button', { name: 'It is Hillside Homework Club' }).click();
    await page.getByText('Noted as Hillside Homework Club: nothing added.').waitFor();
    await expect(page.getByText('1 answer to review:').count()).resolves.toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const partners = w.inspect().tabs.find((t) => t.name === 'Partners')!;
    const names = partners.values.map((r) => r[partners.values[0].indexOf('Organization')]);
    expect(names.filter((n) => n === 'Hillside Homework Club')).toHaveLength(1);
    expect(names).not.toContain('<img src=x onerror="window.__pwned=1">');

    // The daily digest: on, to the address given, once the signature is given.
    await page.getByLabel('Digest goes to (empty: your own address)').fill('dana@school.example.org');
    await page.getByRole('button', { name: 'Email me a daily digest' }).click();
    await page.getByText(/signed with your name, role and school/).waitFor();
    ok(preview.addOn, 'saveSettings', { sender: { name: 'Dana', role: 'Coordinator', school: 'Riverside' } });
    await page.getByRole('button', { name: 'Email me a daily digest' }).click();
    await page.getByText('Daily digest: on, to dana@school.example.org.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reminds the partners asked who have not answered, after asking first', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    await page.getByRole('list', { name: 'Partners' }).waitFor();
    await page.getByLabel('Search partners').fill('food bank');
    await page.getByRole('list', { name: 'Partners' }).getByRole('button').first().click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    await page.getByRole('button', { name: 'Ask to check details' }).click();
    await page.getByText(/^Sent to \S+@\S+\.$/).waitFor();
    const asked = w.mail.sent.at(-1)!.to[0];
    await page.getByRole('button', { name: '← All partners' }).click();
    await page.getByRole('button', { name: 'Changes proposed by partners' }).click();
    await page.getByRole('button', { name: 'Remind those who have not answered' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Remind 1 partner?').waitFor();
    for (const [label, value] of [
      ['Your name', 'Dana Whitfield'],
      ['Your role', 'Coordinator'],
      ['Your school', 'Riverside'],
    ])
      await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: 'Send 1 reminder' }).click();
    await page.getByText('Reminded 1.').waitFor();
    const last = w.mail.sent.at(-1)!;
    expect([last.to[0], last.subject.startsWith('Reminder: ')]).toEqual([asked, true]);
    expect(last.body).toContain('Dana Whitfield');
  });
});
