// Gatherings in real Chromium on the preview server: plan the year, make agendas and events with
// progress, see them in the preview, and use the Docs sidebar inside an agenda.
import { axeViolations, sidebarPerTest } from '../browser/browser';

// A summer day before the demo school year (2026–27): every gathering of the year is still ahead.
const ctx = sidebarPerTest({ now: new Date('2026-08-03T15:00:00Z') });

/** The preview's clock moved to that day, and the sidebar opened again so it knows today. */
async function openOn(day: string): Promise<void> {
  const { page, preview } = ctx.session;
  preview.addOn.workspace.clock.set(new Date(`${day}T15:00:00Z`));
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
}

const gatheringRows = () => {
  const [header, ...rows] = ctx.session.preview.addOn.workspace
    .inspect()
    .tabs.find((t) => t.name === 'Gatherings')!.values;
  return rows.map((r) => ({
    title: String(r[header.indexOf('Title')]),
    status: String(r[header.indexOf('Status')]),
  }));
};

describe('gatherings', () => {
  it('plans the year, reviews, adds, then makes every agenda and calendar event with progress', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Location or video link').fill('School library');
    // Every google.script.run execution from here on: preview, add, make.
    const runs: string[] = [];
    const count = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/run/')) runs.push(path.slice('/run/'.length));
    };
    page.on('request', count);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Title').nth(4).fill('Year-end celebration and reflection');
    await page.getByLabel('Keep').nth(1).uncheck();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByText('Added 4 gatherings.').waitFor();
    const rows = preview.addOn.workspace.inspect().tabs.find((t) => t.name === 'Gatherings')!.values;
    expect(rows.slice(1).map((r) => r[2])).toContain('Year-end celebration and reflection');

    await page.getByRole('button', { name: 'Make agendas and calendar events (4)' }).click();
    await page.getByText('Done: 4 of 4').waitFor();
    expect(await page.getByRole('list', { name: 'Made' }).getByRole('link', { name: 'agenda' }).count()).toBe(
      4,
    );
    expect(preview.addOn.workspace.calendar.inspect()).toHaveLength(4);
    // A year's plan in three executions: nothing reloaded, the rows each call returns are merged.
    page.off('request', count);
    expect(runs).toEqual(['planYear', 'addGatherings', 'syncGatherings']);
    expect(await axeViolations(page)).toEqual([]);

    // The preview page shows the Docs and the events next to the sidebar.
    const index = await ctx.browser.newPage();
    await index.goto(preview.url);
    await index.getByRole('button', { name: 'Calendar (4)' }).click();
    await index.getByRole('cell', { name: 'Year-end celebration and reflection' }).waitFor();
    await index.getByRole('button', { name: 'Docs (4)' }).click();
    const frame = index.frameLocator('iframe[title^="Fall partner gathering"]');
    await frame.getByText('Community building').first().waitFor();
    await index.close();
  });

  it('plans custom months on the weekday and the week of the month chosen', async () => {
    const { page } = ctx.session;
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Model').selectOption({ label: 'Custom months' });
    await page.getByLabel('School year starting in').fill('2026');
    await page.getByLabel('Day of the week').selectOption({ label: 'Wednesday' });
    await page.getByLabel('Which one in the month').selectOption({ label: 'fourth' });
    await page.getByLabel('October').check();
    await page.getByLabel('December').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    const dates = page.getByLabel('Date');
    expect(await dates.count()).toBe(2);
    expect([await dates.nth(0).inputValue(), await dates.nth(1).inputValue()]).toEqual([
      '2026-10-28',
      '2026-12-23',
    ]);
  });

  it('makes one gathering’s agenda and puts it on the calendar with invitations', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Model').selectOption('three');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByRole('button', { name: /Mid-year all-hands/ }).click();
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    await page.getByLabel('Send invitations to partner contacts').check();
    await page.getByRole('button', { name: 'Put on the calendar' }).click();
    await page
      .getByText(/Added to the calendar with (\d+) guests?: invitations sent to \1 guests?\./)
      .waitFor();
    const [event] = preview.addOn.workspace.calendar.inspect();
    expect(event.description).toMatch(/Agenda: https:\/\/docs\.google\.com\/document\/d\//);
    expect(event.invitesSent).toBe(true);
    const invited = preview.addOn.workspace.calendar.invitations.map((i) => i.email);
    expect(invited.sort()).toEqual([...event.guests].sort());
    // Asked again with nothing changed, the sidebar says nothing was sent.
    await page.getByLabel('Send invitations to partner contacts').check();
    await page.getByRole('button', { name: 'Update the calendar event' }).click();
    await page
      .getByText(/already up to date; its guests had already been invited, so nothing was sent/)
      .waitFor();
    expect(preview.addOn.workspace.calendar.invitations).toHaveLength(invited.length);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('dates that respect today', () => {
  it('on 30 November proposes this school year with September and November marked past and unchecked', async () => {
    const { page } = ctx.session;
    await openOn('2026-11-30');
    await page.getByRole('button', { name: 'Plan the year' }).click();
    expect(await page.getByLabel('School year starting in').inputValue()).toBe('2026');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await page
      .getByText('September 8 and November 10 are already past: left unchecked, so they are not added')
      .waitFor();
    for (const [n, past] of [
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ] as const) {
      const group = page.getByRole('group', { name: new RegExp(`^Gathering ${n}\\b`) });
      expect(await group.getByText('already past').isVisible()).toBe(past);
      expect(await group.getByLabel('Keep').isChecked()).toBe(!past);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByText('Added 3 gatherings.', { exact: true }).waitFor();
    expect(gatheringRows().map((r) => r.title)).toEqual([
      'Mid-year partner gathering',
      'Spring data gathering',
      'End-of-year partner gathering',
    ]);
  });

  it('adds a past date only when checked, and makes agendas and events in bulk only for dates ahead', async () => {
    const { page, preview } = ctx.session;
    await openOn('2026-11-30');
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Model').selectOption('custom');
    for (const month of ['September', 'October', 'December', 'February'])
      await page.getByLabel(month).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('September 8 and October 13 are already past').waitFor();
    const october = page.getByRole('group', { name: /^Gathering 2\b/ });
    await october.getByText('already past').waitFor();
    // A past date moved ahead loses its mark and is kept; the coordinator may also choose a past one.
    const september = page.getByRole('group', { name: /^Gathering 1\b/ });
    await september.getByLabel('Date').fill('2026-12-15');
    expect(await september.getByText('already past').isVisible()).toBe(false);
    expect(await september.getByLabel('Keep').isChecked()).toBe(true);
    await october.getByLabel('Keep').check();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByText(/^Added 4 gatherings\. One is already past: open it to make its agenda/).waitFor();

    // The bulk button covers the three ahead; October waits for the coordinator to open it.
    await page.getByText('These buttons cover gatherings still to come').waitFor();
    await page.getByRole('button', { name: 'Make agendas and calendar events (3)' }).click();
    await page.getByText('Done: 3 of 3').waitFor();
    const events = preview.addOn.workspace.calendar.inspect();
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.title)).not.toContain('October partner gathering');
    expect(gatheringRows().map((r) => r.title)).toContain('October partner gathering');
  });
});

/** The demo year planned and added on the pinned summer day: five gatherings, all still ahead. */
async function planDemoYear(): Promise<void> {
  const { page } = ctx.session;
  await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
  await page.getByRole('button', { name: 'Plan the year' }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Add these gatherings' }).click();
  await page.getByText('Added 5 gatherings.').waitFor();
}

/** The element's box lies inside the page's viewport. */
async function inViewport(locator: import('playwright-core').Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = ctx.session.page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height;
}

describe('held or cancelled', () => {
  it('asks about gatherings whose day has passed, in the list and on the page', async () => {
    const { page } = ctx.session;
    await planDemoYear();
    await expect(page.getByRole('heading', { name: 'Held or cancelled?' }).count()).resolves.toBe(0);

    await openOn('2026-11-30');
    const ask = page.getByRole('list', { name: 'Gatherings to answer' });
    expect(await ask.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Fall partner gathering'),
      expect.stringContaining('November partner gathering'),
    ]);
    const list = page.getByRole('list', { name: 'Gatherings', exact: true });
    expect(await list.getByText('held or cancelled?').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Held: Fall partner gathering' }).click();
    const said = page.getByText('"Fall partner gathering" is marked held. Open it to email the follow-up.');
    await said.waitFor();
    expect(await inViewport(said)).toBe(true);
    expect(gatheringRows().map((r) => r.status)).toEqual([
      'held',
      'planned',
      'planned',
      'planned',
      'planned',
    ]);
    expect(await ask.getByRole('listitem').count()).toBe(1);
    expect(await list.getByText('held or cancelled?').count()).toBe(1);

    // On its page, November asks too; "Cancelled" cancels it.
    await list.getByRole('button', { name: /November partner gathering/ }).click();
    await page.getByRole('heading', { name: 'Held or cancelled?' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel the gathering' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancelled', exact: true }).click();
    await page.getByText('Marked cancelled.').waitFor();
    expect(gatheringRows().map((r) => r.status)).toEqual([
      'held',
      'cancelled',
      'planned',
      'planned',
      'planned',
    ]);
    await expect(page.getByRole('heading', { name: 'Held or cancelled?' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '← All gatherings' }).click();
    await expect(page.getByRole('list', { name: 'Gatherings to answer' }).count()).resolves.toBe(0);
  });
});

describe('follow-ups', () => {
  it('offers "Email the follow-up" only for a gathering marked held', async () => {
    const { page, preview } = ctx.session;
    await planDemoYear();
    await openOn('2026-11-30');
    const list = page.getByRole('list', { name: 'Gatherings', exact: true });
    const open = async (title: string) => {
      await list.getByRole('button', { name: new RegExp(`^${title}`) }).click();
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
    };
    const followUp = page.getByRole('button', { name: 'Email the follow-up' });

    // Over but not answered: the question, no follow-up.
    await open('Fall partner gathering');
    expect(await followUp.count()).toBe(0);
    await page.getByRole('button', { name: 'Cancelled', exact: true }).click();
    await page.getByText('Marked cancelled.').waitFor();
    expect(await followUp.count()).toBe(0);

    // Still to come: no follow-up, and a word on when.
    await page.getByRole('button', { name: '← All gatherings' }).click();
    await open('Mid-year partner gathering');
    expect(await followUp.count()).toBe(0);
    await page.getByText('The follow-up email can be sent once the gathering has been held.').waitFor();

    // Held: the button, and its result beside it.
    await page.getByRole('button', { name: '← All gatherings' }).click();
    await open('November partner gathering');
    await page.getByRole('button', { name: 'Held', exact: true }).click();
    const ready = page.getByText('Marked held. The follow-up email can go now.');
    await ready.waitFor();
    expect(await inViewport(ready)).toBe(true);
    await followUp.click();
    // It asks first, naming how many and (the first time) the signature.
    const ask = page.getByRole('dialog', { name: /^Email the follow-up to \d+ partners?\?$/ });
    await ask.waitFor();
    expect(preview.addOn.workspace.mail.sent).toHaveLength(0);
    await ask.getByLabel('Your name').fill('Marisol Vega');
    await ask.getByLabel('Your role').fill('Community schools coordinator');
    await ask.getByRole('button', { name: /^Send \d+ emails?$/ }).click();
    const sent = page.getByText(/^Follow-up sent to \d+\.$/);
    await sent.waitFor();
    expect(await inViewport(sent)).toBe(true);
    expect(preview.addOn.workspace.mail.sent.length).toBeGreaterThan(0);
    expect(
      preview.addOn.workspace.mail.sent.every((m) => m.subject.includes('November partner gathering')),
    ).toBe(true);
  });
});

describe('messages beside their action', () => {
  /** The message's element comes right after the row holding that button. */
  const besideButton = (message: import('playwright-core').Locator, button: string) =>
    message.evaluate(
      (el, name) =>
        [...(el.previousElementSibling?.querySelectorAll('button') ?? [])].some(
          (b) => b.textContent === name,
        ),
      button,
    );

  it('says each result next to the button that caused it, in sight, and not after the view changes', async () => {
    const { page } = ctx.session;
    await page.setViewportSize({ width: 300, height: 520 });
    await planDemoYear();
    const added = page.getByText('Added 5 gatherings.');
    expect(await besideButton(added, 'Plan the year')).toBe(true);
    expect(await inViewport(added)).toBe(true);

    await openOn('2026-11-30');
    await page
      .getByRole('list', { name: 'Gatherings', exact: true })
      .getByRole('button', { name: /^Fall partner gathering/ })
      .click();
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    const made = page.getByText('Agenda made.');
    await made.waitFor();
    expect(await besideButton(made, 'Make the agenda again')).toBe(true);
    expect(await inViewport(made)).toBe(true);

    // An error goes beside its button too: no invitations to a gathering that is over.
    await page.getByLabel('Send invitations to partner contacts').check();
    await page.getByRole('button', { name: 'Put on the calendar' }).click();
    const refused = page.getByText(/is over; Partner Hub sends no invitations for past gatherings/);
    await refused.waitFor();
    expect(await besideButton(refused, 'Put on the calendar')).toBe(true);
    expect(await inViewport(refused)).toBe(true);
    expect(await refused.getAttribute('class')).toContain('error');
    expect(await page.locator('#status').isVisible()).toBe(false);

    // Another view, and back: the messages are gone.
    await page.getByRole('button', { name: '← All gatherings' }).click();
    await page.getByRole('heading', { name: 'Gatherings', exact: true }).waitFor();
    expect(await page.getByText('Agenda made.').count()).toBe(0);
    expect(await page.getByText(/sends no invitations/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('put all on the calendar', () => {
  it('puts every gathering on the calendar with invitations, says whom it emailed, then finds nothing to do', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Model').selectOption('three');
    // A year ahead, so that none is over (Partner Hub invites nobody to a past gathering).
    await page.getByLabel('School year starting in').fill('2040');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByText('Added 3 gatherings.').waitFor();
    await page.getByLabel('Send invitations to partner contacts').check();
    await page.getByRole('button', { name: 'Put all on the calendar (3)' }).click();
    await page.getByText('Done: 3 of 3.').waitFor();
    const calendar = preview.addOn.workspace.calendar;
    expect(calendar.inspect()).toHaveLength(3);
    const lines = await page.getByRole('list', { name: 'Made' }).getByRole('listitem').allTextContents();
    const said = lines.map((l) => Number(/invitations sent to (\d+) guests?/.exec(l)?.[1] ?? 0));
    expect(said.reduce((a, b) => a + b, 0)).toBe(calendar.invitations.length);
    expect(calendar.invitations.length).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Back to gatherings' }).click();
    await page.getByLabel('Send invitations to partner contacts').check();
    await page.getByRole('button', { name: 'Put all on the calendar (3)' }).click();
    await page.getByText('Done: 3 of 3; 3 already up to date on the calendar.').waitFor();
    expect(calendar.inspect()).toHaveLength(3);
    expect(calendar.invitations).toHaveLength(said.reduce((a, b) => a + b, 0));
  });
});

describe('confirmations', () => {
  it('asks inside the sidebar before replacing an agenda or cancelling a gathering', async () => {
    const { page, preview } = ctx.session;
    const w = preview.addOn.workspace;
    const docs = () =>
      w
        .inspectDrive()
        .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document' && !f.trashed);
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByRole('button', { name: /Fall partner gathering/ }).click();
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    const first = docs().map((f) => f.id);
    expect(first).toHaveLength(1);

    await page.getByRole('button', { name: 'Make the agenda again' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace the agenda?' });
    await replace.waitFor();
    await replace.getByRole('button', { name: 'Keep the agenda' }).click();
    await replace.waitFor({ state: 'detached' });
    expect(docs().map((f) => f.id)).toEqual(first);

    await page.getByRole('button', { name: 'Make the agenda again' }).click();
    await replace.getByRole('button', { name: 'Make a new agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    const second = docs().map((f) => f.id);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);

    await page.getByRole('button', { name: 'Cancel the gathering' }).click();
    const cancel = page.getByRole('dialog', { name: /^Cancel "Fall partner gathering/ });
    await cancel.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await cancel.waitFor({ state: 'detached' });
    const status = () => {
      const [header, ...rows] = w.inspect().tabs.find((t) => t.name === 'Gatherings')!.values;
      return rows.map((r) => String(r[header.indexOf('Status')]));
    };
    expect(status()).not.toContain('cancelled');
    await page.getByRole('button', { name: 'Cancel the gathering' }).click();
    await cancel.getByRole('button', { name: 'Cancel the gathering' }).click();
    await page.getByText('Cancelled.').waitFor();
    expect(status()).toContain('cancelled');
    expect(ctx.session.errors).toEqual([]);
  });
});

describe('Docs sidebar', () => {
  it('inserts the roster and captures action steps from inside an agenda', async () => {
    const { page, preview } = ctx.session;
    await page.getByRole('navigation').getByRole('button', { name: 'Gatherings' }).click();
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByRole('button', { name: /Fall partner gathering/ }).click();
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    const w = preview.addOn.workspace;
    const doc = w.inspectDrive().files.find((f) => f.mimeType === 'application/vnd.google-apps.document')!;
    const steps = w.services.DocumentApp.openById(doc.id)
      .getBody()
      .getTables()
      .find((t) => t.getCell(0, 0).getText() === 'What')!;
    // Typed into the table's cells (one paragraph each).
    steps.getCell(1, 0).getChild(0).asParagraph().setText('Share the events calendar');
    steps.getCell(1, 1).getChild(0).asParagraph().setText('<img src=x onerror=alert(1)>');

    const docs = await ctx.browser.newPage({ viewport: { width: 300, height: 900 } });
    docs.setDefaultTimeout(8000);
    const errors: string[] = [];
    docs.on('pageerror', (e) => errors.push(e.message));
    docs.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
    await docs.goto(`${preview.url}/sidebar?doc=${encodeURIComponent(doc.id)}`);
    await docs.getByRole('heading', { name: 'Fall partner gathering' }).waitFor();
    expect(await axeViolations(docs)).toEqual([]);
    await docs.getByRole('button', { name: 'Insert the partner roster' }).click();
    await docs.getByText(/Inserted a table with \d+ rows/).waitFor();
    await docs.getByRole('button', { name: 'Capture action items to the sheet' }).click();
    await docs.getByText('Captured 1 new action item.').waitFor();
    await docs.getByRole('button', { name: 'Capture action items to the sheet' }).click();
    await docs.getByText('Captured 0 new action items; 1 was already in the sheet.').waitFor();
    await docs.getByText('<img src=x onerror=alert(1)>', { exact: false }).first().waitFor();
    const items = w.inspect().tabs.find((t) => t.name === 'Action Items')!.values;
    expect(items).toHaveLength(2);
    expect(errors).toEqual([]);
    await docs.close();
  });
});
