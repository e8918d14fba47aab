// Surveys in real Chromium on the preview server: build, preview the email as a partner sees it, send
// after a confirmation that names the count, the quota and the signature, test to yourself, remind, and
// read the summary.
import { signEmails } from '../../dev/preview/demo';
import { axeViolations, sidebarPerTest } from '../browser/browser';

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
    // The email as the partner sees it: a labelled link, in a frame where nothing runs.
    const shown = page.frameLocator('iframe[title="The email as a partner sees it"]');
    await expect(shown.getByRole('link', { name: 'Open the survey' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/docs\.google\.com\/forms\//,
    );
    await page.getByText('Your name, role and school go at the end').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Send asks first: how many, the day's quota, and (the first time) the signature.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const ask = page.getByRole('dialog');
    const title = (await ask.getByRole('heading').textContent()) ?? '';
    const count = Number(/^Send the survey to (\d+) people\?$/.exec(title)?.[1]);
    expect(count).toBeGreaterThan(10);
    await ask.getByText('You can send 1500 more emails today (Google’s daily limit).').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The school comes from the Schools tab; the rest must be given.
    await expect(ask.getByLabel('Your school').inputValue()).resolves.toBe('Riverside Community School');
    await ask.getByRole('button', { name: `Send ${count} emails` }).click();
    await ask.getByText('Give your name and your role.').waitFor();
    expect(w.mail.sent).toHaveLength(0);
    await ask.getByLabel('Your name').fill('Marisol Vega');
    await ask.getByLabel('Your role').fill('Community schools coordinator');
    await ask.getByRole('button', { name: `Send ${count} emails` }).click();
    await page.getByText(/^Done: \d+ sent\.$/).waitFor();
    const sent = w.mail.sent.length;
    expect(sent).toBe(count);
    expect(new Set(w.mail.sent.map((m) => m.to[0])).size).toBe(sent);
    // Every partner's email is signed, and its link is labelled in HTML and on a line of its own in text.
    for (const m of w.mail.sent) {
      expect(m.body).toMatch(/\nMarisol Vega\nCommunity schools coordinator\nRiverside Community School$/);
      expect(m.body).toMatch(/\nhttps:\/\/docs\.google\.com\/forms\/\S+\n/);
      expect(m.htmlBody).toContain('>Open the survey</a>');
      expect(m.htmlBody).toMatch(
        /Marisol Vega<br>Community schools coordinator<br>Riverside Community School$/,
      );
    }

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
    // One card per question, in plain words with a bar: two answers, 4 and 5.
    const trust = page.locator('section.card', { hasText: 'trust each other.' });
    await trust.getByText('Average 4.5 of 5, from 2 answers. Answers ran from 4 to 5.').waitFor();
    await expect(trust.getByRole('img', { name: /^Average 4\.5 of 5/ }).count()).resolves.toBe(1);
    // Nothing in a card runs past its box at the sidebar's width.
    const overflow = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('section.card *')).filter(
          (el) =>
            el.scrollWidth > (el as HTMLElement).clientWidth + 1 &&
            getComputedStyle(el).overflow === 'visible' &&
            el.clientWidth > 0,
        ).length,
    );
    expect(overflow).toBe(0);
    // The report for the principal: a Doc with the figures in the same words, no names unless asked.
    await page.getByRole('button', { name: 'Make the survey report' }).click();
    await page.getByRole('link', { name: 'Open the survey report' }).waitFor();
    const reportUrl =
      (await page.getByRole('link', { name: 'Open the survey report' }).getAttribute('href')) ?? '';
    const report = w.inspectDocument(reportUrl).tree.text;
    expect(report).toContain('Average 4.5 of 5, from 2 answers.');
    expect(report).toContain('<img src=x onerror="window.__pwned=2">');
    await page.getByRole('button', { name: 'Write the Summary tab' }).click();
    await page.getByText(/The Survey Summary tab has the figures/).waitFor();
    expect(w.inspect().tabs.find((t) => t.name === 'Survey Summary')?.charts).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);

    // A reminder asks first too, names who is due, and is signed as Settings now say; its message
    // stands right after its button.
    await page.getByLabel('Only if the last email was at least this many days ago').fill('0');
    await page.getByRole('button', { name: 'Remind those who have not answered' }).click();
    await ask.getByRole('heading', { name: `Remind ${sent - 2} people?` }).waitFor();
    await ask
      .getByText('Signed: Marisol Vega, Community schools coordinator, Riverside Community School.')
      .waitFor();
    await ask.getByRole('button', { name: `Send ${sent - 2} reminders` }).click();
    await page
      .locator('#remind + [data-beside]')
      .getByText(`Reminded ${sent - 2}.`)
      .waitFor();
    expect(w.mail.sent).toHaveLength(2 * sent - 2);
  });

  it('sends nothing when the confirmation is cancelled, and says when the rest go if the quota is short', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    signEmails(preview.addOn);
    w.mail.setQuota(5);
    await page.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('button', { name: 'Create the Form' }).click();
    await page.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const ask = page.getByRole('dialog');
    await ask.getByText('You can send 5 more emails today (Google’s daily limit).').waitFor();
    await ask
      .getByText(
        /^5 go now\. The other \d+ wait for the quota: Partner Hub sends them by itself from about \w+day, /,
      )
      .waitFor();
    // Signed already: the dialog says by whom and asks for nothing.
    await ask
      .getByText('Signed: Marisol Vega, Community schools coordinator, Riverside Community School.')
      .waitFor();
    await expect(ask.getByRole('textbox').count()).resolves.toBe(0);
    await ask.getByRole('button', { name: 'Don’t send' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(w.mail.sent).toHaveLength(0);
    expect(w.inspect().tabs.find((t) => t.name === 'Survey Responses')!.values).toHaveLength(1);
    expect(w.triggers.list().map((t) => t.handler)).toEqual(['onSurveySubmit']);
  });

  it('sends a test to the coordinator alone, asking for the address when Google gives none', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    await page.getByRole('navigation').getByRole('button', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('button', { name: 'Create the Form' }).click();
    await page.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    // The signature is asked for once, here, then kept.
    await page.getByRole('button', { name: 'Send a test to me' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByLabel('Your name').fill('Marisol Vega');
    await ask.getByLabel('Your role').fill('Community schools coordinator');
    await ask.getByRole('button', { name: 'Send the test' }).click();
    await page
      .locator('#test-mail + [data-beside]')
      .getByText('Test sent to coordinator@school.example. Nothing went to partners.')
      .waitFor();
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0].to).toEqual(['coordinator@school.example']);
    expect(w.mail.sent[0].body).toMatch(
      /Marisol Vega\nCommunity schools coordinator\nRiverside Community School$/,
    );
    expect(w.inspect().tabs.find((t) => t.name === 'Survey Responses')!.values).toHaveLength(1);

    // An account whose address Google keeps from the add-on: the address is asked for.
    w.setActiveUserEmail('');
    await page.getByRole('button', { name: 'Send a test to me' }).click();
    await ask.getByLabel('Your email address').fill('marisol@home.example');
    await expect(ask.getByLabel('Your name').count()).resolves.toBe(0);
    await ask.getByRole('button', { name: 'Send the test' }).click();
    await page.getByText('Test sent to marisol@home.example. Nothing went to partners.').waitFor();
    expect(w.mail.sent.map((m) => m.to)).toEqual([['coordinator@school.example'], ['marisol@home.example']]);

    // The preview's Email tab shows each email as its recipient sees it, in a frame where no script runs.
    const outside = await ctx.browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await outside.goto(preview.url);
      await outside.getByRole('button', { name: 'Email (2)' }).click();
      const newest = outside.locator('#panel').getByRole('row').nth(1);
      await newest.locator('summary').click();
      await expect(newest.locator('iframe.mail').getAttribute('sandbox')).resolves.toBe('');
      const mail = newest.frameLocator('iframe.mail');
      await mail.getByRole('link', { name: 'Open the survey' }).waitFor();
      await mail.getByText('Community schools coordinator').waitFor();
    } finally {
      await outside.close();
    }
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
