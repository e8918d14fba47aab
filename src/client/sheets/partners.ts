// The partner directory, a partner's profile, and the forms to add and edit.
import type { Directory, Listed, PartnerEntry } from '../../shared/contract';
import { FOCUS_AREAS, PARTNER_STATUSES, TABLES, type Table } from '../../shared/schema';
import { call } from '../common/run';
import { busy, reload, say, state, view as app } from './app';
import { h, replace, safeLink } from '../common/dom';
import { edit, type SaveFn } from './editor';
import { choices, filterPartners, NO_FILTERS, type Filters } from './filters';
import { showImport } from './importer';
import { glance, lifecycleSection } from './lifecycle';

let filters: Filters = NO_FILTERS;

// ---- Directory ---------------------------------------------------------------------------------------

export function showDirectory(): void {
  const d = state.directory;
  if (!d) return;
  const { schools, liaisons } = choices(d);
  const list = h('ul', { class: 'partners', 'aria-label': 'Partners' });
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const render = () => {
    const found = filterPartners(d, filters);
    count.textContent = `${found.length} of ${d.partners.length} partners`;
    replace(list, ...found.slice(0, 300).map(partnerItem));
    if (found.length > 300)
      list.append(h('li', { class: 'more' }, `${found.length - 300} more: narrow the search.`));
  };
  const select = (
    label: string,
    key: 'status' | 'focus' | 'school' | 'liaison',
    options: readonly string[],
  ) => {
    const id = `filter-${key}`;
    const el = h(
      'select',
      { id, onchange: () => ((filters = { ...filters, [key]: el.value }), render()) },
      h('option', { value: '' }, 'All'),
      ...options.map((o) => h('option', { value: o, selected: filters[key] === o }, o)),
    );
    return h('div', { class: 'filter' }, h('label', { for: id }, label), el);
  };
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Name, service or contact',
    value: filters.query,
    oninput: () => ((filters = { ...filters, query: search.value }), render()),
  });
  const attention = h('input', {
    id: 'filter-attention',
    type: 'checkbox',
    checked: filters.attention,
    onchange: () => ((filters = { ...filters, attention: attention.checked }), render()),
  });
  replace(
    app,
    setUpBanner(d),
    glance(showProfile),
    h('div', { class: 'search' }, h('label', { for: 'search' }, 'Search partners'), search),
    h(
      'details',
      { class: 'filters', open: hasFilters() },
      h('summary', {}, 'Filters'),
      select('Status', 'status', PARTNER_STATUSES),
      select('Focus area', 'focus', FOCUS_AREAS),
      select('School', 'school', schools),
      select('Liaison', 'liaison', liaisons),
      h('div', { class: 'check' }, attention, h('label', { for: 'filter-attention' }, 'Needs attention')),
    ),
    h(
      'div',
      { class: 'toolbar' },
      count,
      h('button', { class: 'action', onclick: () => editPartner() }, 'Add partner'),
    ),
    list,
    h(
      'button',
      { class: 'link', onclick: () => showImport(app, busy, imported, showDirectory) },
      'Import a partner list from another tab',
    ),
  );
  render();
}

async function imported(message: string): Promise<void> {
  await reload();
  showDirectory();
  say(message);
}

function hasFilters(): boolean {
  return Boolean(filters.status || filters.focus || filters.school || filters.liaison || filters.attention);
}

function setUpBanner(d: Directory): HTMLElement | null {
  if (!d.missing.length) return null;
  return h(
    'div',
    { class: 'banner', role: 'region', 'aria-label': 'Set up' },
    h(
      'p',
      {},
      `The partner database needs set-up: ${d.missing.slice(0, 4).join('; ')}${d.missing.length > 4 ? '…' : ''}.`,
    ),
    h(
      'button',
      {
        class: 'action',
        onclick: async () => {
          const report = await busy('Setting up…', () => call('setUpDatabase'));
          if (!report) return;
          await reload();
          showDirectory();
          say(
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

function partnerItem(entry: PartnerEntry): HTMLElement {
  const p = entry.record;
  return h(
    'li',
    {},
    h(
      'button',
      { class: 'partner', onclick: () => showProfile(p.id) },
      h('span', { class: 'name' }, p.name || '(no name)'),
      h('span', { class: `badge status-${p.status}` }, p.status || 'no status'),
      p.focusAreas.length ? h('span', { class: 'meta' }, p.focusAreas.join(', ')) : null,
      entry.attention.length ? h('span', { class: 'attention' }, `⚠ ${entry.attention.join(', ')}`) : null,
      entry.warnings.length
        ? h('span', { class: 'warning' }, `${entry.warnings.length} cell problem(s)`)
        : null,
    ),
  );
}

// ---- Profile -----------------------------------------------------------------------------------------

export function showProfile(id: string): void {
  const directory = state.directory;
  const entry = directory?.partners.find((p) => p.record.id === id);
  if (!directory || !entry) return showDirectory();
  const p = entry.record;
  const contacts = directory.contacts.filter((c) => c.record.partnerId === id);
  const agreements = directory.agreements.filter((a) => a.record.partnerId === id);
  const checkIns = directory.checkIns
    .filter((c) => c.record.partnerId === id)
    .sort((a, b) => b.record.date.localeCompare(a.record.date));
  const row = (label: string, value: string | HTMLElement) =>
    value ? [h('dt', {}, label), h('dd', {}, value)] : [];
  replace(
    app,
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
    h(
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
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => editPartner(entry) }, 'Edit'),
      h('button', { onclick: () => logCheckIn(id) }, 'Log check-in'),
    ),
    lifecycleSection(entry, showProfile),
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
                { class: 'link', onclick: () => editRelated(TABLES.contacts, 'saveContact', id, c) },
                `Edit ${c.record.name}`,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No contacts yet.'),
    h('button', { onclick: () => editRelated(TABLES.contacts, 'saveContact', id) }, 'Add contact'),
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
                { class: 'link', onclick: () => editRelated(TABLES.agreements, 'saveAgreement', id, a) },
                `Edit ${a.record.type}`,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No agreements recorded.'),
    h('button', { onclick: () => editRelated(TABLES.agreements, 'saveAgreement', id) }, 'Add agreement'),
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
  );
  (document.getElementById('profile-title') as HTMLElement).focus();
}

// ---- Editing -----------------------------------------------------------------------------------------

function editPartner(entry?: PartnerEntry): void {
  edit({
    table: TABLES.partners,
    fn: 'savePartner',
    entry,
    defaults: { status: 'prospect' },
    done: (record) => showProfile(String(record.id)),
    back: () => (entry ? showProfile(entry.record.id) : showDirectory()),
  });
}

function editRelated(table: Table, fn: SaveFn, partnerId: string, entry?: Listed<object>): void {
  edit({
    table,
    fn,
    entry,
    fixed: { partnerId },
    done: () => showProfile(partnerId),
    back: () => showProfile(partnerId),
  });
}

function logCheckIn(partnerId: string): void {
  edit({
    table: TABLES.checkIns,
    fn: 'logCheckIn',
    title: 'Log check-in',
    defaults: { date: state.directory?.today ?? '' },
    fixed: { partnerId },
    done: () => showProfile(partnerId),
    back: () => showProfile(partnerId),
  });
}
