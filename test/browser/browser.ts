// Headless Debian Chromium driven by playwright-core, with the preview server on the in-memory Workspace.
// One Chromium serves the whole run (dev/jest-browser.cjs starts it); each test file connects to it.
import fs from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startPreview, type Preview } from '../../dev/preview/server';
import options from '../../dev/chromium.json';

const CHROMIUM = process.env.CHROMIUM_PATH ?? options.executablePath;

/** The run's Chromium (PH_CHROMIUM_WS), or one of this file's own; close() disconnects from the shared one. */
export async function launch(): Promise<Browser> {
  const shared = process.env.PH_CHROMIUM_WS;
  if (shared) return chromium.connect(shared);
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: options.args });
}

export interface Session {
  readonly preview: Preview;
  readonly page: Page;
  /** Page errors and console errors seen so far: a sidebar must produce none. */
  readonly errors: string[];
  /** Leaves the sidebar and stops its preview (and closes the page when it was the session's own). */
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly empty?: boolean;
  /** The Workspace's day, 'yyyy-mm-dd' (at 15:00 UTC): the demo school's dates follow it. */
  readonly today?: string;
  /** The Workspace's moment, when the time of day matters too (wins over `today`). */
  readonly now?: Date;
  /** Changes made in the spreadsheet before the sidebar opens, as a person editing the tabs would. */
  readonly prepare?: (preview: Preview) => void;
  /**
   * The view a test starts on. The sidebar opens on the Dashboard; unless a test asks for it, the
   * session then goes to Partners through the navigation, as a coordinator would. (An empty
   * spreadsheet opens on the first-run screen, and stays there.)
   */
  readonly view?: 'Dashboard' | 'Partners';
}

/** Goes to a view through the sidebar's navigation, and waits for it to be the one marked current. */
export async function goTo(page: Page, view: string): Promise<void> {
  const button = page.getByRole('navigation').getByRole('button', { name: view, exact: true });
  await button.click();
  await page.locator(`nav button[aria-current="page"]`, { hasText: view }).waitFor();
}

/** In the Needs view: adds a mentoring need for grades K-1, and waits for it in the list. */
export async function addMentoringNeed(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add a need' }).click();
  await page.getByLabel('Focus area').selectOption('mentoring');
  await page.getByLabel('Grades').fill('K-1');
  await page.getByLabel('Description').fill('Mentors for the youngest grades');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Edit need: mentoring' }).waitFor();
}

/** Goes to the Partners view from the Dashboard the sidebar opens on, and waits for its directory. */
export async function showPartners(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
  await goTo(page, 'Partners');
  await page.getByRole('searchbox', { name: 'Search partners' }).waitFor();
}

const VIEWPORT = { width: 300, height: 900 };

interface Watched {
  readonly page: Page;
  /** Starts a new list of errors (a new session in the same page) and returns it. */
  reset(): string[];
}

/** A page whose errors (uncaught, written to the console, a native dialog) go to the current session's list. */
function watched(page: Page): Watched {
  let errors: string[] = [];
  // Fail at the step that is stuck, well before jest's own timeout.
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => errors.push(e.message));
  // Confirmations are asked inside the sidebar: the browser's confirm() and alert() are never used.
  page.on('dialog', (d) => {
    errors.push(`native dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, reset: () => (errors = []) };
}

/** The sidebar of a new preview (the demo school, or an empty spreadsheet) in `tab`'s page. */
async function show(tab: Watched, options: OpenOptions, leave: () => Promise<void>): Promise<Session> {
  const { today, now } = options;
  const preview = await startPreview({
    empty: options.empty,
    ...(now ? { now: () => now } : today ? { now: () => new Date(`${today}T15:00:00Z`) } : {}),
  });
  try {
    options.prepare?.(preview);
    const errors = tab.reset();
    await tab.page.goto(`${preview.url}/sidebar`);
    if (!options.empty && (options.view ?? 'Partners') === 'Partners') await showPartners(tab.page);
    return {
      preview,
      page: tab.page,
      errors,
      close: async () => {
        try {
          await leave();
        } finally {
          await preview.close();
        }
      },
    };
  } catch (e) {
    // A sidebar that did not open leaves no server listening behind it.
    await preview.close();
    throw e;
  }
}

/** A sidebar in a page of its own. */
export async function openSidebar(browser: Browser, options: OpenOptions = {}): Promise<Session> {
  const tab = watched(await browser.newPage({ viewport: VIEWPORT }));
  try {
    return await show(tab, options, () => tab.page.close());
  } catch (e) {
    await tab.page.close();
    throw e;
  }
}

export async function axeViolations(page: Page): Promise<string[]> {
  // Once per page: the sidebar is one page whose views change without reloading it.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  return result;
}

/**
 * For each test, a fresh preview with its sidebar, shown in one page the test file keeps (a new page
 * costs a new renderer process, most of a second of CPU); an error in the page fails the test. `now`
 * or `today` pins the day the preview starts on (the real time otherwise); `prepare` edits its tabs first.
 */
export function sidebarPerTest(options: OpenOptions = {}): {
  readonly browser: Browser;
  readonly session: Session;
} {
  const state = {} as { browser: Browser; session: Session; tab: Watched };
  beforeAll(async () => {
    state.browser = await launch();
    state.tab = watched(await state.browser.newPage({ viewport: VIEWPORT }));
  });
  afterAll(async () => {
    // Whatever became of the page, the connection to Chromium ends with the file.
    try {
      await state.tab?.page.close();
    } finally {
      await state.browser?.close();
    }
  });
  beforeEach(async () => {
    // Leaving for about:blank first ends the last sidebar's scripts before its server stops.
    state.session = await show(state.tab, options, async () => {
      await state.tab.page.goto('about:blank');
    });
  });
  afterEach(async () => {
    await state.session.close();
    expect(state.session.errors).toEqual([]);
  });
  return state;
}

/**
 * Where a message stands: inside the viewport (the coordinator sees it without scrolling) and right
 * below the element it answers (its button or form), at most `gap` pixels under it.
 */
export async function expectBeside(message: Locator, anchor: Locator, gap = 60): Promise<void> {
  await message.waitFor();
  const page = message.page();
  const viewport = page.viewportSize();
  const box = await message.boundingBox();
  const near = await anchor.boundingBox();
  if (!viewport || !box || !near) throw new Error('the message or its action is not on the page');
  // (Within a pixel: layout positions are fractional.)
  expect({ top: box.y >= -1, bottom: box.y + box.height <= viewport.height + 1 }).toEqual({
    top: true,
    bottom: true,
  });
  expect(box.y).toBeGreaterThanOrEqual(near.y + near.height - 1);
  expect(box.y - (near.y + near.height)).toBeLessThanOrEqual(gap);
}
