// Untrusted text in headless Chromium: payloads put in the sheet through the sidebars' server functions
// and typed by hand into cells, then every view of the Sheets sidebar and the Docs sidebar visited. The
// page itself says whether anything ran: window.__pwned, dialogs, event-handler attributes, new
// elements, and links that are not http(s) or a plain mailto.
import type { Browser, Page } from 'playwright-core';
import type { AddOn } from '../../dev/gas';
import { startPreview, type Preview } from '../../dev/preview/server';
import { signEmails } from '../../dev/preview/demo';
import type { Directory, Listed } from '../../src/shared/contract';
import type { Survey } from '../../src/shared/records';
import { TABLES } from '../../src/shared/schema';
import { launch, showPartners } from '../browser/browser';
import { ok } from './fixture';
import { fit, PAYLOADS, PWNED, type Payload } from './payloads';
import { answerSurvey, seedPayload, seedSchool, stored, type Seeded } from './seed-payloads';
import { tally } from '../report';

jest.setTimeout(120_000);

let browser: Browser;
let preview: Preview;
let page: Page;
const seeded: { p: Payload; s: Seeded }[] = [];
/** What the page reported: dialogs opened, errors thrown, and the problems each check found. */
const dialogs: string[] = [];
const errors: string[] = [];
let views = 0;
let executions = 0;
let baseline: Record<string, number> | undefined;

/** Hand-typed cells: a partner added by hand, and links typed where links belong. */
const HAND = {
  partner: '<img src=x onerror="window.__pwned=1">',
  contactName: '"><svg onload=window.__pwned=1>',
  // Not an address: never a mailto: link that adds a Bcc or a subject (F11).
  contactEmail: 'partner@school.example?bcc=victim@evil.example&subject=Hi',
  link: 'javascript:window.__pwned=1',
  notes: '<script>window.__pwned=1</script>',
};
const HAND_PAYLOADS = 5;
const IMPORT_TAB = 'Payload list';

/** Writes cells as a person typing text would (an apostrophe keeps = + - @ as text), found by header. */
function typeCells(addOn: AddOn, tab: string, row: number | 'new', cells: Record<string, string>): void {
  const sheet = addOn.workspace.spreadsheet.getSheetByName(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const at = row === 'new' ? sheet.getLastRow() + 1 : row;
  for (const [header, value] of Object.entries(cells)) {
    const col = headers.indexOf(header) + 1;
    if (col < 1) throw new Error(`no column ${header} in ${tab}`);
    sheet.getRange(at, col).setValues([[/^[=+\-@']/.test(value) ? `'${value}` : value]]);
  }
}

function rowOf(addOn: AddOn, tab: string, id: string): number {
  const sheet = addOn.workspace.spreadsheet.getSheetByName(tab);
  const ids =
    sheet
      ?.getRange(1, 1, sheet.getLastRow(), 1)
      .getValues()
      .map((r) => r[0]) ?? [];
  const i = ids.indexOf(id);
  if (i < 0) throw new Error(`no ${id} in ${tab}`);
  return i + 1;
}

function seedAll(addOn: AddOn): void {
  // Emails to partners go out signed: the coordinator gives a signature first.
  signEmails(addOn);
  const d = ok<Directory>(addOn, 'getDirectory');
  const other = d.partners.find((p) =>
    d.contacts.some((c) => c.record.partnerId === p.record.id && c.record.email),
  );
  if (!other) throw new Error('The demo school has no partner with a contact email.');
  seedSchool(addOn, PAYLOADS[1]);
  PAYLOADS.forEach((p, i) => {
    const s = seedPayload(addOn, p, i, other.record.id);
    answerSurvey(addOn, s, p, other.record.id);
    ok(addOn, 'makeAgenda', s.gathering.record.id, false);
    seeded.push({ p, s });
  });
  // By hand: a partner row with no id, a contact, an agreement, and links that are not web addresses.
  typeCells(addOn, 'Partners', 'new', {
    Organization: HAND.partner,
    Status: 'active',
    Website: HAND.link,
    Notes: HAND.notes,
  });
  const first = seeded[0].s;
  typeCells(addOn, 'Contacts', 'new', {
    'Partner ID': first.partner.record.id,
    Name: HAND.contactName,
    Email: HAND.contactEmail,
  });
  typeCells(addOn, 'Agreements', 'new', {
    'Partner ID': first.partner.record.id,
    Type: 'MOU',
    'Document link': HAND.link,
  });
  const second = seeded[1].s;
  typeCells(addOn, 'Gatherings', rowOf(addOn, 'Gatherings', second.gathering.record.id), {
    'Agenda Doc': HAND.link,
  });
  typeCells(addOn, 'Surveys', rowOf(addOn, 'Surveys', first.survey.record.id), {
    'Form link': HAND.link,
    'Form edit link': HAND.link,
  });
  // A list to import, with a payload as a column header and in every cell.
  const source = addOn.workspace.spreadsheet.insertSheet(IMPORT_TAB);
  const text = (t: string) => (/^[=+\-@']/.test(t) ? `'${t}` : t);
  source
    .getRange(1, 1, PAYLOADS.length + 1, 4)
    .setValues([
      ['Agency', 'E-mail', HAND.contactName, 'Website'],
      ...PAYLOADS.map((p, i) => [
        text(fit(p.text, 200)),
        `imported${i}@partner.example`,
        text(p.text),
        text(p.text),
      ]),
    ]);
}

const SAFE_HREF = /^(https?:\/\/|mailto:[^?&\s]+$)/i;

/** Asks the page what ran and what it holds; returns the problems, counted into `executions`. */
async function check(target: Page, label: string, count = true): Promise<string[]> {
  if (count) views += 1;
  const seen = await target.evaluate((pwned) => {
    const w = window as unknown as Record<string, unknown>;
    const handlers: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes))
        if (/^on/i.test(a.name)) handlers.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
    }
    const count = (selector: string) => document.querySelectorAll(selector).length;
    return {
      pwned: w[pwned] === undefined ? null : String(w[pwned]),
      hrefs: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''),
      handlers,
      elements: {
        script: count('script'),
        img: count('img'),
        svg: count('svg'),
        // The email preview's frame is the page's own, sandboxed with no permission (no script runs in it).
        iframe: count('iframe:not([sandbox=""]), frame, object, embed'),
        style: count('style, link[rel]'),
        meta: count('meta[http-equiv]'),
        form: count('form[action]'),
      } as Record<string, number>,
    };
  }, PWNED);
  baseline ??= seen.elements;
  const problems = [
    ...(seen.pwned !== null ? [`window.${PWNED} is ${seen.pwned}`] : []),
    ...seen.handlers.map((h) => `an element has an event-handler attribute: ${h}`),
    ...seen.hrefs.filter((href) => !SAFE_HREF.test(href)).map((href) => `a link to ${href.slice(0, 80)}`),
    ...Object.entries(seen.elements)
      .filter(([tag, n]) => n > (baseline?.[tag] ?? 0))
      .map(([tag, n]) => `${n - (baseline?.[tag] ?? 0)} new <${tag}> elements`),
    ...dialogs.splice(0).map((d) => `a dialog opened: ${d}`),
  ];
  if (problems.length && count) executions += 1;
  return problems.map((p) => `${label}: ${p}`);
}

async function watch(target: Page): Promise<void> {
  target.setDefaultTimeout(8000);
  target.on('dialog', (d) => {
    dialogs.push(`${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  target.on('pageerror', (e) => errors.push(e.message));
  target.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}

const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();

/** Clicks the item of a list whose name is `name` (compared on one line, as the page shows it). */
async function open(listName: string, name: string): Promise<void> {
  const items = page.getByRole('list', { name: listName, exact: true }).getByRole('button');
  const index = await items.evaluateAll(
    (els, want) =>
      els.findIndex(
        (e) => (e.querySelector('.name')?.textContent ?? '').replace(/\s+/g, ' ').trim() === want,
      ),
    oneLine(name),
  );
  if (index < 0) throw new Error(`${listName}: no item named ${name.slice(0, 60)}`);
  await items.nth(index).click();
}

async function nav(label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Partner Hub' })
    .getByRole('button', { name: label, exact: true })
    .click();
}

const idle = () => page.waitForFunction(() => !document.getElementById('app')?.hasAttribute('aria-busy'));

beforeAll(async () => {
  browser = await launch();
  preview = await startPreview();
  seedAll(preview.addOn);
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  await watch(page);
  await page.goto(`${preview.url}/sidebar`);
  // The sidebar opens on the Dashboard; the directory is one click away.
  await showPartners(page);
  await page.getByRole('list', { name: 'Partners', exact: true }).waitFor();
}, 120_000);

afterAll(async () => {
  tally(
    `payloads tried: ${PAYLOADS.length + HAND_PAYLOADS}, views checked: ${views}, executions: ${executions}`,
  );
  try {
    await browser?.close();
  } finally {
    await preview?.close();
  }
});

describe('the Sheets sidebar', () => {
  it('shows the directory, every payload partner’s profile and edit form with nothing run', async () => {
    const problems = await check(page, 'directory');
    const names = [...seeded.map(({ p }) => stored(TABLES.partners, 'name', p.text)), HAND.partner];
    for (const name of names) {
      await open('Partners', name);
      await page.locator('#profile-title').waitFor();
      expect(oneLine((await page.locator('#profile-title').textContent()) ?? '')).toBe(oneLine(name));
      problems.push(...(await check(page, `profile of ${name.slice(0, 30)}`)));
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await page.locator('#form-title').waitFor();
      problems.push(...(await check(page, `edit form of ${name.slice(0, 30)}`)));
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.getByRole('button', { name: '← All partners' }).click();
    }
    expect(problems).toEqual([]);
  });

  it('shows the needs and gaps', async () => {
    await nav('Needs');
    await idle();
    expect(await check(page, 'needs')).toEqual([]);
  });

  it('shows every gathering with its agenda link, roles and action items', async () => {
    await nav('Gatherings');
    await page.locator('#gatherings-title').waitFor();
    const problems = await check(page, 'gatherings');
    for (const { p, s } of seeded) {
      await open('Gatherings', s.gathering.record.title);
      await page.locator('#gathering-title').waitFor();
      problems.push(...(await check(page, `gathering ${p.name}`)));
      await page.getByRole('button', { name: '← All gatherings' }).click();
    }
    expect(problems).toEqual([]);
  });

  it('shows every survey, its summary and its email preview', async () => {
    await nav('Surveys');
    await page.locator('#surveys-title').waitFor();
    const problems = await check(page, 'surveys');
    const surveys = ok<Directory>(preview.addOn, 'getDirectory').surveys;
    for (const { p, s } of seeded) {
      const title =
        surveys.find((x: Listed<Survey>) => x.record.id === s.survey.record.id)?.record.title ?? '';
      await open('Surveys', title);
      await page.locator('#survey-title').waitFor();
      await idle();
      problems.push(...(await check(page, `survey ${p.name}`)));
      // The partner typed by hand (no id yet, 'row:N') stays checked: the preview takes it (F12).
      await page.locator('#send-subject').fill(fit(p.text, 500));
      await page.locator('#send-message').fill(`${fit(p.text, 4000)}\n{{survey.link}}`);
      await page.getByRole('button', { name: 'Preview the email' }).click();
      await idle();
      const status = (await page.locator('#status').textContent()) ?? '';
      if (!(await page.getByRole('heading', { name: 'Preview' }).isVisible()))
        throw new Error(`survey ${p.name}: no preview (${status})`);
      problems.push(...(await check(page, `survey email preview ${p.name}`)));
      await page.getByRole('button', { name: '← All surveys' }).click();
    }
    expect(problems).toEqual([]);
  });

  it('shows the settings and the import preview', async () => {
    await nav('Settings');
    await page.locator('#settings-title').waitFor();
    await idle();
    const problems = await check(page, 'settings');
    await nav('Partners');
    await page.getByRole('button', { name: 'Import a partner list from another tab' }).click();
    await page.locator('#import-title').waitFor();
    await page.locator('#import-tab').selectOption(IMPORT_TAB);
    problems.push(...(await check(page, 'import mapping')));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('list', { name: 'Rows to import' }).waitFor();
    problems.push(...(await check(page, 'import preview')));
    expect(problems).toEqual([]);
  });
});

describe('the Docs sidebar', () => {
  it('shows each payload gathering’s agenda with nothing run', async () => {
    const docs = await browser.newPage({ viewport: { width: 300, height: 900 } });
    await watch(docs);
    const problems: string[] = [];
    for (const { p, s } of seeded) {
      const url = ok<Directory>(preview.addOn, 'getDirectory').gatherings.find(
        (g) => g.record.id === s.gathering.record.id,
      )?.record.agendaUrl;
      const id = /\/d\/([^/]+)/.exec(url ?? '')?.[1];
      if (!id) continue;
      await docs.goto(`${preview.url}/sidebar?doc=${encodeURIComponent(id)}`);
      await docs.getByRole('heading', { level: 2 }).first().waitFor();
      problems.push(...(await check(docs, `Docs sidebar for ${p.name}`)));
    }
    await docs.close();
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the check', () => {
  it('sees a payload that runs, a handler attribute, a dialog and a javascript: link', async () => {
    const probe = await browser.newPage();
    await watch(probe);
    await probe.goto(`${preview.url}/sidebar`);
    await showPartners(probe);
    await probe.getByRole('list', { name: 'Partners', exact: true }).waitFor();
    await probe.evaluate(() => {
      const app = document.getElementById('app') as HTMLElement;
      app.insertAdjacentHTML(
        'beforeend',
        '<img src=x onerror="window.__pwned=1; alert(1)"><a href="javascript:void 0">x</a>',
      );
    });
    await probe.waitForFunction(() => (window as unknown as { __pwned?: number }).__pwned === 1);
    const problems = (await check(probe, 'probe', false)).join('\n');
    await probe.close();
    expect(problems).toMatch(/__pwned is 1/);
    expect(problems).toMatch(/event-handler attribute: <img onerror>/);
    expect(problems).toMatch(/a link to javascript:/);
    expect(problems).toMatch(/new <img> elements/);
    expect(problems).toMatch(/a dialog opened: alert 1/);
  });
});
