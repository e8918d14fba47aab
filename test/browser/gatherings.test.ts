// Gatherings in real Chromium on the preview server: plan the year, make agendas and events with
// progress, see them in the preview, and use the Docs sidebar inside an agenda.
import { axeViolations, sidebarPerTest } from './browser';

const ctx = sidebarPerTest();

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
    await docs.getByText(/Captured 1 new action items/).waitFor();
    await docs.getByRole('button', { name: 'Capture action items to the sheet' }).click();
    await docs.getByText(/Captured 0 new action items; 1 were already in the sheet/).waitFor();
    await docs.getByText('<img src=x onerror=alert(1)>', { exact: false }).first().waitFor();
    const items = w.inspect().tabs.find((t) => t.name === 'Action Items')!.values;
    expect(items).toHaveLength(2);
    expect(errors).toEqual([]);
    await docs.close();
  });
});
