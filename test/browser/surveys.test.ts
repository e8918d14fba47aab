// Surveys in real Chromium on the preview server: build, preview, send with progress, read the summary.
import { axeViolations, sidebarPerTest } from './browser';

const ctx = sidebarPerTest();

describe('surveys', () => {
  it('builds a survey from the bank with edits, previews, sends with progress, and shows the summary', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    await page.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('list', { name: 'Questions' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: 'What could we do better together?' }).uncheck();
    await page
      .getByRole('button', { name: 'Move up: Our organization and the school trust each other.' })
      .click();
    await page
      .getByLabel('Question', { exact: true })
      .fill('<script>window.__pwned = 1</script> What should we celebrate?');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('button', { name: 'Create the Form' }).click();
    await page.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    const formId = w.inspect().tabs.find((t) => t.name === 'Surveys')!.values[1][3] as string;
    const titles = w.services.FormApp.openById(formId)
      .getItems()
      .map((i) => i.getTitle());
    expect(titles).not.toContain('What could we do better together?');
    expect(titles).toContain('<script>window.__pwned = 1</script> What should we celebrate?');

    await page.getByLabel('Subject').fill('Our partnership survey, {{partner.name}}');
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    await page.getByText(/\d+ recipients \(0 already sent\)\. 1500 emails can go today\./).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/^Done: \d+ sent\.$/).waitFor();
    const sent = w.mail.sent.length;
    expect(sent).toBeGreaterThan(10);
    expect(new Set(w.mail.sent.map((m) => m.to[0])).size).toBe(sent);

    // Two partners answer from their personal links.
    const forms = w.mail.sent
      .slice(0, 2)
      .map((m) => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)![0]);
    const scales = w.services.FormApp.openById(formId)
      .getItems()
      .filter((i) => String(i.getType()) === 'SCALE')
      .map((i) => i.getTitle());
    for (const [i, link] of forms.entries()) {
      const answers: Record<string, string | number> = Object.fromEntries(scales.map((t) => [t, 3]));
      answers['Our organization and the school trust each other.'] = 4 + i;
      answers[titles.at(-2) as string] = '<img src=x onerror="window.__pwned=2">';
      w.forms.submit(link, answers);
    }
    await page.getByRole('button', { name: 'Refresh responses' }).click();
    await page
      .getByText(/^2 responses: 2 matched to partners; 0 answers flagged .*; 0 partners below the threshold/)
      .waitFor();
    await page.getByRole('table', { name: 'Scales, all partners (1–5)' }).waitFor();
    await expect(page.getByRole('row', { name: /trust each other\. 4\.5/ }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Write the Summary tab' }).click();
    await page.getByText(/The Survey Summary tab has the figures/).waitFor();
    expect(w.inspect().tabs.find((t) => t.name === 'Survey Summary')?.charts).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('warns in the preview when only accounts in the school’s domain can answer the Form', async () => {
    const { page, preview } = ctx.session;
    // A school domain whose new Forms require signing in to it.
    preview.addOn.workspace.forms.setDomainDefault({ requireLogin: true });
    await page.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('button', { name: 'Create the Form' }).click();
    await page.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    await page
      .getByText(
        /^Only people signed in with an account in your school’s domain can answer this Form: partners without such an account cannot answer it\./,
      )
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
