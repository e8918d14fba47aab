// The partner directory, a partner's profile, and the forms to add and edit. The directory is a page of
// the partners' list fields, searched and filtered on the server (or, when the page holds every partner,
// in the sidebar); a profile is fetched when it is opened, and after a save only the part that changed.
import type {
  Listed,
  PartnerEntry,
  PartnerPage,
  PartnerProfile,
  PartnerQuery,
  PartnerRow,
  PartnerSaveResult,
  ProfilePart,
  SidebarHome,
} from '../../shared/contract';
import type {
  Agreement,
  CheckIn,
  Contact,
  FieldValue,
  Onboarding,
  Review,
  Vetting,
} from '../../shared/records';
import { FOCUS_AREAS, MAIN_CONTACT_FIELDS, PARTNER_STATUSES, TABLES, type Table } from '../../shared/schema';
import { matches, queryWords, searchText } from '../../shared/partner-filter';
import { contactText, partnerEntry, partnerRow } from '../../shared/partner-status';
import { call } from '../common/run';
import { busy, ensure, say, sayInView, setHome, setNeedFigures, showView, state } from './app';
import { knownName } from '../../shared/names';
import { h, replace, safeLink } from '../common/dom';
import { edit, type SaveFn } from './editor';
import { NO_FILTERS, type Filters } from './filters';
import { showImport } from './importer';
import { glance, lifecycleSection } from './lifecycle';
import { askButton, showProposedChanges } from './details';

let filters: Filters = NO_FILTERS;

/** Partners per page of the directory. */
const PAGE = 100;

/** The page no longer says what the server would (a partner was added, or a save may move one in or out). */
let stale = false;
/** Only the newest search's answer is shown. */
let searches = 0;

const query = (offset: number): PartnerQuery => ({ ...filters, offset, limit: PAGE });

/** Fetches the first screen again (after set-up or an import); false if that failed (said beside `near`). */
export async function reloadHome(near?: Element): Promise<boolean> {
  const home = await busy('Loading…', () => call('getHome', query(0)), near);
  if (!home) return false;
  setHome(home);
  stale = false;
  return true;
}

function setPage(page: PartnerPage): void {
  if (state.home) state.home = { ...state.home, page };
}

/** The page holds every partner with what search looks at: filtering happens here. */
function localPage(home: SidebarHome): readonly string[] | undefined {
  const { page } = home;
  return page.search && page.rows.length === page.total ? page.search : undefined;
}

// ---- Directory ---------------------------------------------------------------------------------------

/** The parts of the directory that change with the search, the filters and the pages fetched. */
interface Results {
  readonly list: HTMLElement;
  readonly empty: HTMLElement;
  readonly count: HTMLElement;
  readonly more: HTMLElement;
  readonly summary: HTMLElement;
}

/** Sets new filters (or search words), `wait` ms before the server is asked when it must be. */
type Change = (next: Filters, wait: number) => void;

/** The directory's search: its box, and what draws the rows, asks the server again, or takes new filters. */
interface DirectorySearch {
  readonly searchBox: HTMLElement;
  readonly render: () => void;
  readonly refetch: () => Promise<void>;
  readonly changed: Change;
}

/** The directory; `due` unfolds the partners due for a check-in under the figures (the Dashboard's link). */
export function showDirectory(options: { readonly due?: boolean } = {}): void {
  const home = state.home;
  if (!home) return;
  const results: Results = {
    list: h('ul', { class: 'partners', 'aria-label': 'Partners' }),
    empty: h('div', {}),
    count: h('p', { class: 'count', 'aria-live': 'polite' }),
    more: h('div', {}),
    summary: h('summary', {}, filtersLabel()),
  };
  const { searchBox, render, refetch, changed } = directorySearch(results);
  const attention = attentionCheck(changed);
  const figures = glance(showProfile, Boolean(state.needsStale), options.due);
  showView(
    setUpBanner(home),
    figures,
    searchBox,
    filtersPanel(home, results.summary, attention, changed),
    h(
      'div',
      { class: 'toolbar' },
      results.count,
      h('button', { class: 'action', onclick: () => void editPartner() }, 'Add partner'),
    ),
    results.list,
    results.empty,
    results.more,
    h(
      'button',
      { class: 'link', onclick: () => void showProposedChanges(showDirectory) },
      'Changes proposed by partners',
    ),
    h(
      'button',
      { class: 'link', onclick: (e) => showImport(reloadHome, showDirectory, e.currentTarget) },
      'Import a partner list from another tab',
    ),
  );
  render();
  if (stale && !localPage(home)) void refetch();
  if (state.needsStale) void recount(figures);
}

/**
 * The search box and what follows from it: the rows are filtered here when the page holds every partner,
 * else the server is asked again (only the newest answer is shown), and "Show more" fetches the next page.
 */
function directorySearch(results: Results): DirectorySearch {
  const render = () => {
    const current = state.home;
    if (!current) return;
    const search = localPage(current);
    if (search) {
      const words = queryWords(filters);
      const rows = current.page.rows.filter((r, i) =>
        matches(r, r.attention, filters, words, () => search[i]),
      );
      return showResults(results, rows, rows.length, current.page.total, nextPage);
    }
    showResults(results, current.page.rows, current.page.matched, current.page.total, nextPage);
  };
  const refetch = async () => {
    const mine = ++searches;
    const page = await busy('Searching…', () => call('findPartners', query(0)), searchBox);
    if (!page || mine !== searches) return;
    stale = false;
    setPage(page);
    render();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed: Change = (next, wait) => {
    filters = next;
    results.summary.textContent = filtersLabel();
    const current = state.home;
    if (current && localPage(current)) return render();
    clearTimeout(timer);
    timer = setTimeout(() => void refetch(), wait);
  };
  const nextPage = async () => {
    const current = state.home;
    if (!current) return;
    const mine = searches;
    const page = await busy(
      'Loading…',
      () => call('findPartners', query(current.page.rows.length)),
      results.more,
    );
    if (!page || mine !== searches || !state.home) return;
    setPage({ ...page, rows: [...state.home.page.rows, ...page.rows], offset: 0 });
    render();
  };
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Name, service or contact',
    value: filters.query,
    oninput: () => changed({ ...filters, query: search.value }, 300),
  });
  const searchBox = h('div', { class: 'search' }, h('label', { for: 'search' }, 'Search partners'), search);
  return { searchBox, render, refetch, changed };
}

/** Draws the rows shown, their count, what to do when none match, and the button for the next page. */
function showResults(
  results: Results,
  rows: readonly PartnerRow[],
  matched: number,
  total: number,
  nextPage: () => Promise<void>,
): void {
  results.count.textContent = `${matched} of ${total} partners`;
  results.summary.textContent = filtersLabel();
  replace(results.list, ...rows.map(partnerItem));
  replace(results.empty, noMatch(matched, total));
  const left = matched - rows.length;
  replace(
    results.more,
    left > 0
      ? h(
          'button',
          { class: 'link', onclick: () => void nextPage() },
          `Show ${Math.min(left, PAGE)} more (${left} not shown)`,
        )
      : null,
  );
}

/** Nothing matches: say so, and offer the way back to every partner (null when something matches). */
function noMatch(matched: number, total: number): HTMLElement | null {
  if (!(matched === 0 && total > 0 && (hasFilters() || filters.query))) return null;
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, 'No partner matches the search and filters.'),
    h(
      'button',
      {
        onclick: () => {
          filters = NO_FILTERS;
          // Drawn again with every control cleared; a page from the server is asked for again.
          if (state.home && !localPage(state.home)) stale = true;
          showDirectory();
        },
      },
      hasFilters() ? 'Clear filters' : 'Clear the search',
    ),
  );
}

/** The "Needs attention" checkbox with its label. */
function attentionCheck(changed: Change): HTMLElement {
  const attention = h('input', {
    id: 'filter-attention',
    type: 'checkbox',
    checked: filters.attention,
    onchange: () => changed({ ...filters, attention: attention.checked }, 0),
  });
  return h('div', { class: 'check' }, attention, h('label', { for: 'filter-attention' }, 'Needs attention'));
}

/** The folding panel of filters: status, focus area, school, liaison and the attention checkbox. */
function filtersPanel(
  home: SidebarHome,
  summary: HTMLElement,
  attention: HTMLElement,
  changed: Change,
): HTMLElement {
  return h(
    'details',
    { class: 'filters', open: hasFilters() },
    summary,
    filterSelect('Status', 'status', PARTNER_STATUSES, changed),
    filterSelect('Focus area', 'focus', FOCUS_AREAS, changed),
    filterSelect('School', 'school', home.facets.schools, changed),
    filterSelect('Liaison', 'liaison', home.facets.liaisons, changed),
    attention,
  );
}

/** One filter's labelled dropdown: "All", then each of `options`. */
function filterSelect(
  label: string,
  key: 'status' | 'focus' | 'school' | 'liaison',
  options: readonly string[],
  changed: Change,
): HTMLElement {
  const id = `filter-${key}`;
  const el = h(
    'select',
    { id, onchange: () => changed({ ...filters, [key]: el.value }, 0) },
    h('option', { value: '' }, 'All'),
    ...options.map((o) => h('option', { value: o, selected: filters[key] === o }, o)),
  );
  return h('div', { class: 'filter' }, h('label', { for: id }, label), el);
}

/** After a save that may change which needs are covered: the header's figures, counted again. */
async function recount(shown: HTMLElement): Promise<void> {
  try {
    setNeedFigures(await call('getNeedFigures'));
    if (shown.isConnected) shown.replaceWith(glance(showProfile));
  } catch (error) {
    if (shown.isConnected) say(error instanceof Error ? error.message : String(error), 'error', shown);
  }
}

/** "Filters", or "Filters (2)" when two are on: the count shows while they are folded away. */
function filtersLabel(): string {
  const on = [filters.status, filters.focus, filters.school, filters.liaison, filters.attention].filter(
    Boolean,
  ).length;
  return on ? `Filters (${on})` : 'Filters';
}

function hasFilters(): boolean {
  return Boolean(filters.status || filters.focus || filters.school || filters.liaison || filters.attention);
}

function setUpBanner(home: SidebarHome): HTMLElement | null {
  if (!home.missing.length) return null;
  return h(
    'div',
    { class: 'banner', role: 'region', 'aria-label': 'Set up' },
    h(
      'p',
      {},
      `The partner database needs set-up: ${home.missing.slice(0, 4).join('; ')}${home.missing.length > 4 ? '…' : ''}.`,
    ),
    h(
      'button',
      {
        class: 'action',
        onclick: async (e: Event) => {
          const button = e.currentTarget as Element;
          const report = await busy('Setting up…', () => call('setUpDatabase'), button);
          if (!report || !(await reloadHome(button))) return;
          showDirectory();
          sayInView(
            report.unchanged
              ? 'Already set up.'
              : `Set up: ${[...report.created, ...report.addedColumns].join(', ') || 'ids added'}.`,
          );
        },
      },
      'Set up partner database',
    ),
  );
}

function partnerItem(p: PartnerRow): HTMLElement {
  return h(
    'li',
    {},
    h(
      'button',
      { class: 'partner', onclick: (e) => showProfile(p.id, undefined, e.currentTarget) },
      h('span', { class: 'name' }, p.name || '(no name)'),
      h('span', { class: `badge status-${p.status}` }, p.status || 'no status'),
      p.focusAreas.length ? h('span', { class: 'meta' }, p.focusAreas.join(', ')) : null,
      p.attention.length ? h('span', { class: 'attention' }, `⚠ ${p.attention.join(', ')}`) : null,
      p.warnings ? h('span', { class: 'warning' }, `${p.warnings} cell problem(s)`) : null,
    ),
  );
}

// ---- Merging what the server sent back -----------------------------------------------------------------

/** The open profile: what was fetched of it. */
interface Open {
  readonly entry: PartnerEntry;
  contacts: readonly Listed<Contact>[];
  agreements: readonly Listed<Agreement>[];
  checkIns: readonly Listed<CheckIn>[];
  vetting: readonly Listed<Vetting>[];
  onboarding: readonly Listed<Onboarding>[];
  reviews: readonly Listed<Review>[];
}

let open: Open | undefined;

const ALL_PARTS: ProfilePart[] = ['contacts', 'agreements', 'checkIns', 'vetting', 'onboarding', 'reviews'];

/** A partner's list row, figures and changed parts, merged into the page's state. */
function mergeProfile(profile: PartnerProfile): Open {
  const before = open?.entry.record.id === profile.entry.record.id ? open : undefined;
  open = {
    entry: profile.entry,
    contacts: profile.contacts ?? before?.contacts ?? [],
    agreements: profile.agreements ?? before?.agreements ?? [],
    checkIns: profile.checkIns ?? before?.checkIns ?? [],
    vetting: profile.vetting ?? before?.vetting ?? [],
    onboarding: profile.onboarding ?? before?.onboarding ?? [],
    reviews: profile.reviews ?? before?.reviews ?? [],
  };
  const home = state.home;
  if (home) {
    const { page } = home;
    const at = page.rows.findIndex((r) => r.id === profile.row.id);
    const local = localPage(home);
    let next: PartnerPage = { ...page, total: profile.glance.total };
    if (local && profile.search !== undefined) {
      // The page holds every partner: keep it whole, in name order.
      const rows =
        at < 0 ? [...page.rows, profile.row] : page.rows.map((r, i) => (i === at ? profile.row : r));
      const search =
        at < 0 ? [...local, profile.search] : local.map((t, i) => (i === at ? (profile.search ?? t) : t));
      const order = rows.map((_, i) => i).sort((a, b) => rows[a].name.localeCompare(rows[b].name));
      next = {
        ...next,
        rows: order.map((i) => rows[i]),
        search: order.map((i) => search[i]),
        matched: rows.length,
      };
      // Someone else added or removed a partner meanwhile: ask again on return.
      if (rows.length !== next.total) stale = true;
    } else {
      if (at >= 0) next = { ...next, rows: page.rows.map((r, i) => (i === at ? profile.row : r)) };
      // A new partner, or a change that may move one in or out of the filters: ask again on return.
      if (at < 0 || hasFilters() || filters.query) stale = true;
      if (!next.search || next.rows.length !== next.total) next = { ...next, search: undefined };
    }
    state.home = { ...home, glance: profile.glance, page: next };
  }
  return open;
}

/**
 * Opens a partner's profile: fetched whole when it is opened, or only `parts` when the open profile is
 * this partner's and a save changed just those (its list row and the figures always come back).
 */
export async function showProfile(
  id: string,
  parts?: readonly ProfilePart[],
  near?: EventTarget | null,
): Promise<void> {
  const asked = open?.entry.record.id === id && parts ? [...parts] : ALL_PARTS;
  const home = state.home;
  // A partner's search text changes with it: fetch it (it comes with the contacts) when search runs here.
  if (home && localPage(home) && !asked.includes('contacts')) asked.push('contacts');
  const profile = await busy(
    'Loading…',
    () => call('getPartner', id, asked),
    near instanceof Element ? near : undefined,
  );
  if (!profile) return;
  renderProfile(mergeProfile(profile));
}

/**
 * A partner just saved, shown with no second round trip: its list row worked out here from the save's
 * answer and the agreements and contacts of its open profile (a partner save changes no agreement; the
 * main contact saved with it comes back with it), the figures from the counts the save brought back (the
 * agreements expiring do not change with a partner).
 */
function showSaved(saved: Extract<PartnerSaveResult, { status: 'saved' }>, profile?: Open): void {
  const home = state.home;
  const entry = partnerEntry(
    saved.entry,
    (profile?.agreements ?? []).map((a) => a.record),
    saved.today,
  );
  const before = profile?.contacts ?? [];
  const contact = saved.contact;
  const contacts = !contact
    ? before
    : before.some((c) => c.record.id === contact.record.id)
      ? before.map((c) => (c.record.id === contact.record.id ? contact : c))
      : [...before, contact];
  renderProfile(
    mergeProfile({
      entry,
      row: partnerRow(entry),
      ...(home && localPage(home)
        ? { search: searchText(entry.record, contactText(contacts.map((c) => c.record))) }
        : {}),
      contacts,
      glance: { expiring: home?.glance.expiring ?? 0, ...saved.counts },
    }),
  );
}

// ---- Profile -----------------------------------------------------------------------------------------

function renderProfile(profile: Open): void {
  const { entry, contacts, agreements } = profile;
  const p = entry.record;
  const id = p.id;
  const checkIns = [...profile.checkIns].sort((a, b) => b.record.date.localeCompare(a.record.date));
  showView(
    h('button', { class: 'link', onclick: () => showDirectory() }, '← All partners'),
    h('h2', { tabindex: '-1', id: 'profile-title' }, p.name),
    h('p', {}, h('span', { class: `badge status-${p.status}` }, p.status), p.type ? ` · ${p.type}` : ''),
    entry.attention.length
      ? h('p', { class: 'attention' }, `Needs attention: ${entry.attention.join(', ')}`)
      : null,
    entry.warnings.length
      ? h(
          'ul',
          { class: 'warnings', 'aria-label': 'Problems in the sheet' },
          ...entry.warnings.map((w) => h('li', {}, w.message)),
        )
      : null,
    partnerDetails(entry),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => void editPartner(entry, contacts) }, 'Edit'),
      h('button', { onclick: () => logCheckIn(id) }, 'Log check-in'),
      askButton(id),
    ),
    lifecycleSection(entry, profile, showProfile),
    ...contactsSection(id, contacts),
    ...agreementsSection(id, agreements),
    ...checkInHistory(checkIns),
  );
  (document.getElementById('profile-title') as HTMLElement).focus();
}

/** The partner's fields, each line only when it has a value. */
function partnerDetails(entry: PartnerEntry): HTMLElement {
  const p = entry.record;
  const row = (label: string, value: string | HTMLElement) =>
    value ? [h('dt', {}, label), h('dd', {}, value)] : [];
  return h(
    'dl',
    {},
    ...row('Focus areas', p.focusAreas.join(', ')),
    ...row('Services', p.services),
    ...row('Schools', p.schools),
    ...row('Grades', p.grades),
    ...row('Populations', p.populations),
    ...row('Liaison', p.liaison),
    ...row('Check-ins', p.cadence ? `${p.cadence}; next due ${entry.nextCheckIn}` : ''),
    ...row('Last check-in', p.lastCheckIn),
    ...row('Funding', p.funding + (p.singleFunding ? ' (single source)' : '')),
    ...row('Website', p.website ? safeLink(p.website, p.website) : ''),
    ...row('Notes', p.notes),
    ...row('Details confirmed', p.confirmed),
  );
}

function contactsSection(id: string, contacts: Open['contacts']): HTMLElement[] {
  return [
    h('h3', {}, 'Contacts'),
    contacts.length
      ? h(
          'ul',
          { class: 'plain' },
          ...contacts.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.record.name),
              c.record.primary ? ' (primary)' : '',
              c.record.role ? ` · ${c.record.role}` : '',
              c.record.email ? h('div', {}, safeLink(`mailto:${c.record.email}`, c.record.email)) : null,
              c.record.phone ? h('div', {}, c.record.phone) : null,
              h(
                'button',
                {
                  class: 'link',
                  onclick: () => editRelated(TABLES.contacts, 'saveContact', id, 'contacts', c),
                },
                `Edit ${c.record.name}`,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No contacts yet.'),
    h(
      'button',
      { onclick: () => editRelated(TABLES.contacts, 'saveContact', id, 'contacts') },
      contacts.length ? 'Add another contact' : 'Add contact',
    ),
  ];
}

function agreementsSection(id: string, agreements: Open['agreements']): HTMLElement[] {
  return [
    h('h3', {}, 'Agreements'),
    agreements.length
      ? h(
          'ul',
          { class: 'plain' },
          ...agreements.map((a) =>
            h(
              'li',
              {},
              h('strong', {}, a.record.type),
              ` · ${a.record.status || 'no status'}`,
              a.record.end ? ` · ends ${a.record.end}` : '',
              a.record.link ? h('div', {}, safeLink(a.record.link, 'Document')) : null,
              h(
                'button',
                {
                  class: 'link',
                  onclick: () => editRelated(TABLES.agreements, 'saveAgreement', id, 'agreements', a),
                },
                `Edit ${a.record.type}`,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No agreements recorded.'),
    h(
      'button',
      { onclick: () => editRelated(TABLES.agreements, 'saveAgreement', id, 'agreements') },
      'Add agreement',
    ),
  ];
}

/** The check-ins logged, newest first (`checkIns` comes sorted). */
function checkInHistory(checkIns: Open['checkIns']): HTMLElement[] {
  return [
    h('h3', {}, 'Check-in history'),
    checkIns.length
      ? h(
          'ul',
          { class: 'plain' },
          ...checkIns.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.record.date),
              c.record.notes ? ` · ${c.record.notes}` : '',
              c.record.followUps ? h('div', { class: 'meta' }, `Follow-ups: ${c.record.followUps}`) : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No check-ins logged.'),
  ];
}

// ---- Editing -----------------------------------------------------------------------------------------

/**
 * One form for a partner and its main contact (its primary contact, else its first): the schools it
 * serves are chosen from the Schools tab and its liaison from those named so far, a new one allowed and
 * said to be new.
 */
async function editPartner(entry?: PartnerEntry, contacts: readonly Listed<Contact>[] = []): Promise<void> {
  if (!(await ensure('schools'))) return;
  const schools = (state.directory?.schools ?? []).map((s) => s.record);
  const unique = (names: readonly string[]) =>
    names.filter((n, i) => n.trim() && names.findIndex((m) => knownName([m], n)) === i);
  const main = contacts.find((c) => c.record.primary) ?? contacts[0];
  edit({
    table: TABLES.partners,
    fn: 'savePartner',
    entry,
    defaults: { status: 'prospect' },
    pickers: {
      schools: {
        known: unique(schools.map((s) => s.name)),
        list: true,
        noun: 'school',
        where: 'on the Schools tab',
      },
      liaison: {
        known: unique([...schools.map((s) => s.liaison), ...(state.home?.facets.liaisons ?? [])]),
        noun: 'liaison',
        where: 'a liaison on the Schools tab or of another partner',
      },
    },
    contact: {
      table: TABLES.contacts,
      only: MAIN_CONTACT_FIELDS,
      legend: 'Main contact',
      help: main
        ? 'The partner’s primary contact; add others from its profile.'
        : 'Who to write to at the organization (optional).',
      entry: main,
    },
    savedMessage: (_record, form) => {
      const fresh = form.newNames().schools ?? [];
      return fresh.length
        ? `Saved partner. ${fresh.map((n) => `“${n}”`).join(', ')} ${fresh.length === 1 ? 'is' : 'are'} not on the Schools tab: add ${fresh.length === 1 ? 'it' : 'them'} there if ${fresh.length === 1 ? 'it is one of your schools' : 'they are your schools'}, or correct the partner.`
        : 'Saved partner.';
    },
    done: (record, saved) => {
      const profile = entry && open?.entry.record.id === entry.record.id ? open : undefined;
      if (saved && 'counts' in saved && (!entry || profile)) return showSaved(saved, profile);
      return showProfile(String(record.id), ['contacts']);
    },
    back: () => (entry ? renderOpen(entry.record.id) : showDirectory()),
  });
}

/** Back to the open profile as it was (nothing fetched). */
function renderOpen(id: string): void {
  if (open?.entry.record.id === id) renderProfile(open);
  else void showProfile(id);
}

function editRelated(
  table: Table,
  fn: SaveFn,
  partnerId: string,
  part: ProfilePart,
  entry?: Listed<Record<string, FieldValue>>,
): void {
  edit({
    table,
    fn,
    entry,
    fixed: { partnerId },
    done: () => showProfile(partnerId, [part]),
    back: () => renderOpen(partnerId),
  });
}

function logCheckIn(partnerId: string): void {
  edit({
    table: TABLES.checkIns,
    fn: 'logCheckIn',
    title: 'Log check-in',
    defaults: { date: state.home?.today ?? '' },
    fixed: { partnerId },
    done: () => showProfile(partnerId, ['checkIns']),
    back: () => renderOpen(partnerId),
  });
}
