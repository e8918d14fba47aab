// Each view of the Sheets sidebar, and an agenda's Docs sidebar, in real Chromium: the fast lane's check
// that each opens from the navigation, has no accessibility violation, and does its main action end to
// end (what the page says, and what changed in the spreadsheet, Docs or Forms). The sidebars in depth
// are test/sidebar/, in the slow lane.
import { TABLES } from '../../src/shared/schema';
import { addMentoringNeed, axeViolations, goTo, sidebarPerTest } from './browser';

const ctx = sidebarPerTest({ today: '2026-11-30', view: 'Dashboard' });

const tab = (name: string) => ctx.session.preview.addOn.workspace.inspect().tabs.find((t) => t.name === name);

describe('each view of the sidebar', () => {
  it('Dashboard: the headline figures and this week, and the Dashboard tab one click away', async () => {
    const { page } = ctx.session;
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Open the Dashboard tab' }).click();
    await page.getByText('The Dashboard tab is up to date and open in the spreadsheet.').waitFor();
    expect(tab('Dashboard')?.charts).toHaveLength(4);
    expect(ctx.session.preview.addOn.workspace.spreadsheet.getActiveSheet().getName()).toBe('Dashboard');
  });

  it('Partners: searches, opens a profile and saves an edit to its row', async () => {
    const { page } = ctx.session;
    await goTo(page, 'Partners');
    await page.getByLabel('Search partners').fill('Riverside Food');
    await page.getByText(/^1 of \d+ partners$/).waitFor();
    await page.getByRole('button', { name: /Riverside Food Bank/ }).click();
    await page.getByRole('heading', { name: 'Riverside Food Bank' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Services').fill('Weekend food bags');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Weekend food bags').waitFor();
    const columns = TABLES.partners.columns.map((c) => c.key);
    const row = tab('Partners')?.values.find((r) => r[columns.indexOf('name')] === 'Riverside Food Bank');
    expect(row?.[columns.indexOf('services')]).toBe('Weekend food bags');
  });

  it('Needs: the findings, and a need added to the Needs tab', async () => {
    const { page } = ctx.session;
    await goTo(page, 'Needs');
    await page.getByRole('list', { name: 'Findings' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await addMentoringNeed(page);
    expect(tab('Needs')?.values.flat()).toContain('Mentors for the youngest grades');
  });

  it('Gatherings: plans a gathering and makes its agenda Doc; the Docs sidebar inserts its roster', async () => {
    const { page, preview } = ctx.session;
    await goTo(page, 'Gatherings');
    await page.getByRole('button', { name: 'Plan the year' }).click();
    await page.getByLabel('Model').selectOption('three');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Add these gatherings' }).click();
    await page.getByRole('button', { name: /Mid-year all-hands/ }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Make the agenda' }).click();
    await page.getByText('Agenda made.').waitFor();
    const docs = preview.addOn.workspace
      .inspectDrive()
      .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document');
    const agenda = docs.find((f) => /Mid-year all-hands/.test(f.name));
    expect(agenda).toBeDefined();
    // The agenda's own sidebar, as Docs shows it inside that document.
    await page.goto(`${preview.url}/sidebar?doc=${encodeURIComponent(agenda?.id ?? '')}`);
    await page.getByRole('heading', { name: /Mid-year all-hands/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Insert the partner roster' }).click();
    await page.getByText(/Inserted a table with \d+ rows/).waitFor();
  });

  it('Surveys: builds a survey from the bank and makes its Form', async () => {
    const { page, preview } = ctx.session;
    await goTo(page, 'Surveys');
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('list', { name: 'Questions' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create the Form' }).click();
    await page.getByText('The Form is ready. Preview the email, then send it.').waitFor();
    const formId = String(tab('Surveys')?.values[1][3]);
    expect(preview.addOn.workspace.services.FormApp.openById(formId).getItems().length).toBeGreaterThan(3);
  });

  it('Settings: makes the partner intake Form and shows its link', async () => {
    const { page } = ctx.session;
    await goTo(page, 'Settings');
    await page.getByRole('button', { name: 'Make the partner intake Form' }).click();
    await page.getByText('Intake Form made. Put its link on your website or in your newsletter.').waitFor();
    const link = page.getByRole('link', { name: 'Open the intake Form (link to share)' });
    await expect(link.getAttribute('href')).resolves.toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    expect(await axeViolations(page)).toEqual([]);
  });
});
