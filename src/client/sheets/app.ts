// What every view of the Sheets sidebar shares: the page's regions, what the page has loaded, and the
// status line that says what is happening or what went wrong. The page opens with its first screen
// (SidebarHome); a view fetches the tables it shows when it is opened, and a save merges what it saved.
import type { Listed, SidebarHome, ViewTable, ViewTables } from '../../shared/contract';
import type { ActionItem, FieldValue, Gathering, Need, School, Survey } from '../../shared/records';
import type { NeedFigures } from '../../shared/figures';
import type { TableKey } from '../../shared/schema';
import { call } from '../common/run';
import { replace, type Child } from '../common/dom';

export const view = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

/** The tables views have fetched (empty until then), and the day the server last said it is. */
export interface Loaded {
  today: string;
  partners: ViewTables['partners'];
  gatherings: ViewTables['gatherings'];
  actionItems: ViewTables['actionItems'];
  surveys: ViewTables['surveys'];
  needs: ViewTables['needs'];
  schools: ViewTables['schools'];
}

export const state: {
  home?: SidebarHome;
  directory?: Loaded;
  /** A save may have changed which needs partners cover: the header counts them again before showing them. */
  needsStale?: boolean;
} = {};

const loaded = new Set<ViewTable>();

/** The message slot right after an action (its button or form), made the first time it is needed. */
function slotBeside(anchor: Element): HTMLElement {
  const next = anchor.nextElementSibling;
  if (next instanceof HTMLElement && next.dataset.beside === 'true') return next;
  const slot = document.createElement('div');
  slot.className = 'status';
  slot.setAttribute('role', 'status');
  slot.setAttribute('aria-live', 'polite');
  slot.dataset.beside = 'true';
  slot.hidden = true;
  anchor.after(slot);
  return slot;
}

let shown: HTMLElement = status;

/**
 * Says what is happening or what went wrong. With `near`, the message stands right after that element
 * (the button or form that caused it) and is scrolled into sight; it lives inside the view, so it goes
 * when the view is drawn again. Without it, the page's status line under the title is used. One message
 * shows at a time: saying something hides the one before.
 */
export function say(message: string, kind: 'info' | 'error' = 'info', near?: Element): void {
  const target = near?.isConnected ? slotBeside(near) : status;
  if (shown !== target) {
    shown.textContent = '';
    shown.hidden = true;
  }
  shown = target;
  target.textContent = message;
  target.className = kind === 'error' ? 'status error' : 'status';
  target.hidden = !message;
  if (message && target !== status) target.scrollIntoView?.({ block: 'nearest' });
}

/**
 * Draws a view in place of the last one. A message belongs to the view it was said in: those beside an
 * action go with the view's content, and the page's status line is cleared.
 */
export function showView(...children: Child[]): void {
  if (shown === status) say('');
  replace(view, ...children);
}

/**
 * Says something at the top of the view just drawn, after its heading: where the eye is when an action
 * ends by showing another view (a save shows the profile it saved). It goes when the view is drawn again.
 */
export function sayInView(message: string, kind: 'info' | 'error' = 'info'): void {
  say(message, kind, view.querySelector(':scope > h2') ?? view.firstElementChild ?? undefined);
}

export async function busy<T>(
  message: string,
  work: () => Promise<T>,
  near?: Element,
): Promise<T | undefined> {
  say(message, 'info', near);
  view.setAttribute('aria-busy', 'true');
  try {
    const result = await work();
    say('', 'info', near);
    return result;
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error', near);
    return undefined;
  } finally {
    view.removeAttribute('aria-busy');
  }
}

/** Starts the page's state from its first screen; tables views fetched before are forgotten. */
export function setHome(home: SidebarHome): void {
  state.home = home;
  state.needsStale = false;
  loaded.clear();
  state.directory = {
    today: home.today,
    partners: [],
    gatherings: [],
    actionItems: [],
    surveys: [],
    needs: [],
    schools: [],
  };
}

function take(fresh: Partial<ViewTables>): void {
  const d = state.directory;
  if (!d) return;
  if (fresh.partners) d.partners = fresh.partners;
  if (fresh.gatherings) d.gatherings = fresh.gatherings;
  if (fresh.actionItems) d.actionItems = fresh.actionItems;
  if (fresh.surveys) d.surveys = fresh.surveys;
  if (fresh.needs) d.needs = fresh.needs;
  if (fresh.schools) d.schools = fresh.schools;
  for (const key of Object.keys(fresh)) loaded.add(key as ViewTable);
}

/** The open needs by coverage, as the server counted them (the header shows these, never a count of its own). */
export function setNeedFigures(needs: NeedFigures): void {
  if (state.home) state.home = { ...state.home, needs };
  state.needsStale = false;
}

/** Whether a view has fetched this table (then it holds the newest the page knows). */
export function isLoaded(table: ViewTable): boolean {
  return loaded.has(table);
}

/**
 * Marks the navigation's button of the view now shown (named by its label): the nav's own buttons do it,
 * and so does a link of one view that opens another (the Dashboard's).
 */
export function markView(label: string): void {
  for (const b of document.querySelectorAll('nav.tabs button')) {
    if (b.textContent === label) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
}

/** Fetches the tables a view shows, those not fetched yet; false if that failed (the status says why). */
export async function ensure(...tables: ViewTable[]): Promise<boolean> {
  const missing = tables.filter((t) => !loaded.has(t));
  if (!missing.length) return true;
  const fresh = await busy('Loading…', () => call('getTables', missing));
  if (!fresh) return false;
  take(fresh);
  return true;
}

/**
 * Fetches again the tables views have shown, after an action that changed them on the server (an
 * agenda, an event, a send). The partner list is kept: partner saves merge into it.
 */
export async function reload(): Promise<void> {
  const again = [...loaded].filter((t) => t !== 'partners');
  if (!again.length) return;
  const fresh = await busy('Loading…', () => call('getTables', again));
  if (fresh) take(fresh);
}

const MERGED: Partial<Record<TableKey, Exclude<ViewTable, 'partners'>>> = {
  gatherings: 'gatherings',
  actionItems: 'actionItems',
  surveys: 'surveys',
  needs: 'needs',
  schools: 'schools',
};

function upsert<T extends { id: string }>(list: readonly Listed<T>[], entry: Listed<T>): Listed<T>[] {
  const at = list.findIndex((e) => e.record.id === entry.record.id);
  return at < 0 ? [...list, entry] : list.map((e, i) => (i === at ? entry : e));
}

const COVERAGE = new Set<TableKey>(['partners', 'needs', 'schools', 'vetting', 'onboarding', 'reviews']);

/** A record a save wrote: merged into the loaded table it belongs to (nothing is fetched). */
export function merge(table: TableKey, entry: Listed<Record<string, FieldValue>>): void {
  // A partner (its status, focus areas, schools, grades, services), a need or the Schools tab decide
  // which needs are covered.
  if (COVERAGE.has(table)) state.needsStale = true;
  const d = state.directory;
  const record = entry.record;
  if (!d || typeof record.id !== 'string') return;
  if (table === 'partners' && loaded.has('partners')) {
    const brief = { id: record.id, name: String(record.name ?? ''), status: String(record.status ?? '') };
    const at = d.partners.findIndex((p) => p.record.id === brief.id);
    d.partners =
      at < 0
        ? [...d.partners, { record: brief }]
        : d.partners.map((p, i) => (i === at ? { record: brief } : p));
    return;
  }
  const key = MERGED[table];
  if (!key || !loaded.has(key)) return;
  // The server checked the record against the table it saved it in: it is that table's row.
  const row = entry as Listed<{ id: string }>;
  if (key === 'gatherings') d.gatherings = upsert(d.gatherings, row as Listed<Gathering>);
  else if (key === 'actionItems') d.actionItems = upsert(d.actionItems, row as Listed<ActionItem>);
  else if (key === 'surveys') d.surveys = upsert(d.surveys, row as Listed<Survey>);
  else if (key === 'schools') d.schools = upsert(d.schools, row as Listed<School>);
  else d.needs = upsert(d.needs, row as Listed<Need>);
}

/** Moves keyboard focus to a view's heading, so screen readers announce the new view. */
export function focusHeading(id: string): void {
  (document.getElementById(id) as HTMLElement | null)?.focus();
}

/** Partner names the page has seen outside its first screen (searches of the directory). */
const seen = new Map<string, string>();

export function rememberNames(rows: readonly { readonly id: string; readonly name: string }[]): void {
  for (const r of rows) seen.set(r.id, r.name);
}

function knownName(id: string): string | undefined {
  return (
    seen.get(id) ??
    state.directory?.partners.find((p) => p.record.id === id)?.record.name ??
    state.home?.page.rows.find((p) => p.id === id)?.name
  );
}

export function partnerName(id: string): string {
  return knownName(id) ?? id;
}

/**
 * Partners' names as a list for a sentence: those the page knows, the others counted ("A, B and 3
 * more"), as the page does not hold every partner of a large school.
 */
export function namesOf(ids: readonly string[], most = 10): string {
  const names = ids.map(knownName).filter((n): n is string => n !== undefined);
  const listed = names.slice(0, most);
  const rest = ids.length - listed.length;
  if (!listed.length) return `${ids.length} partner${ids.length === 1 ? '' : 's'}`;
  return rest ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}
