// Needs, gaps and the lifecycle in real Chromium: the gap view, vetting a prospect, the dashboard.
import { addMentoringNeed, axeViolations, sidebarPerTest } from '../browser/browser';

const ctx = sidebarPerTest();

describe('needs and gaps', () => {
  it('shows findings and needs, adds a need, and writes the Gaps and Dashboard tabs', async () => {
    const { page, preview } = ctx.session;
    await page.getByText(/^\d+ open needs: \d+ unmet/).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Needs' }).click();
    await page.getByRole('list', { name: 'Findings' }).waitFor();
    await page
      .getByText(/No active partner meets|no partner|unmet/i)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await addMentoringNeed(page);
    await page.getByRole('button', { name: 'Rebuild the Gaps tab' }).click();
    await page.getByText(/The Gaps tab lists \d+ findings/).waitFor();
    await page.getByRole('button', { name: 'Update the Dashboard tab' }).click();
    await page.getByText('The Dashboard tab is up to date.').waitFor();
    const tabs = preview.addOn.workspace.inspect().tabs;
    expect(tabs.find((t) => t.name === 'Dashboard')?.charts).toHaveLength(4);
    expect(tabs.find((t) => t.name === 'Gaps')?.values.length).toBeGreaterThan(1);
  });
});

describe('vetting', () => {
  it('vets a prospect with the checklist and approves it into onboarding', async () => {
    const { page } = ctx.session;
    await page.getByText('Filters').click();
    await page.getByLabel('Status').selectOption('prospect');
    await page.getByRole('list', { name: 'Partners' }).getByRole('button').first().click();
    await page.getByRole('button', { name: 'Start vetting' }).click();
    await page.getByRole('heading', { name: 'Vetting checklist' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Familiarity with the school and community').selectOption('strong');
    await page.getByLabel('Capacity', { exact: true }).selectOption('concern');
    await page.getByLabel('Capacity notes').fill('Only two tutors this year');
    await page.getByLabel('Decision', { exact: true }).selectOption('approve');
    await page.getByRole('button', { name: 'Save' }).click();
    // Who decided is typed: the decision may be someone else's, and Session's address can be blank.
    await page.getByText('Decided by: give the name of the person who made the decision.').waitFor();
    await page.getByLabel('Decided by', { exact: true }).fill('Ms. Rivera');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Vetting: approve \(Ms\. Rivera/).waitFor();
    await page.getByText('onboarding', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Checklist as a Doc' }).click();
    await page.getByRole('link', { name: 'Open the vetting checklist Doc' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
