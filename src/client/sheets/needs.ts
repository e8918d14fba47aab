// Needs and gaps: what the school needs, which needs no partner meets, the risks to watch, and, for a
// network, the landscape across schools.
import type { GapsView, Listed, RollupResult } from '../../shared/contract';
import type { Landscape } from '../../shared/gaps';
import type { Need } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace } from '../common/dom';
import { busy, focusHeading, say, setNeedFigures, showView, state } from './app';
import { edit } from './editor';
import { needsText } from './figures';
import type { Choice } from '../common/form';
import { showProfile } from './partners';

export async function showNeeds(): Promise<void> {
  const gaps = await busy('Looking for gaps…', () => call('getGaps'));
  if (!gaps) return;
  // The header's figures are these: the same count, fetched once.
  setNeedFigures(gaps.figures);
  render(gaps);
}

/** The partners a need may be linked to: those listing its focus area, and the one it is linked to now. */
function partnerChoices(g: GapsView, focusArea: string, linked: string): Choice[] {
  const ids = [...(g.linkable[focusArea] ?? [])];
  if (linked && !ids.includes(linked)) ids.push(linked);
  return ids.map((id) => ({ value: id, label: g.partnerNames[id] ?? id }));
}

function editNeed(g: GapsView, entry?: Listed<Need>): void {
  const linked = entry?.record.metBy ?? '';
  let focusArea = entry?.record.focusArea ?? '';
  edit({
    table: TABLES.needs,
    fn: 'saveNeed',
    entry,
    defaults: {
      status: 'open',
      school: state.directory?.schools[0]?.record.name ?? '',
      identified: state.directory?.today ?? '',
    },
    choices: { metBy: partnerChoices(g, focusArea, linked) },
    // The partners offered follow the focus area chosen.
    onForm: (form) =>
      form.element.addEventListener('change', () => {
        const chosen = String(form.values().focusArea ?? '');
        if (chosen === focusArea) return;
        focusArea = chosen;
        form.setChoices('metBy', partnerChoices(g, chosen, linked));
      }),
    done: () => showNeeds(),
    back: () => void showNeeds(),
  });
}

function render(g: GapsView): void {
  const needs = state.directory?.needs ?? [];
  const status = new Map(g.report.needs.map((n) => [n.needId, n]));
  const findingItem = (f: GapsView['report']['findings'][number]) => {
    const target = f.needId ? needs.find((n) => n.record.id === f.needId) : undefined;
    return h(
      'li',
      {},
      h('span', { class: `badge severity-${f.severity}` }, f.severity),
      ' ',
      f.message,
      target
        ? h('button', { class: 'link', onclick: () => editNeed(g, target) }, 'Open the need')
        : f.partnerIds[0]
          ? h(
              'button',
              { class: 'link', onclick: () => showProfile(f.partnerIds[0]) },
              `Open ${g.partnerNames[f.partnerIds[0]] ?? 'partner'}`,
            )
          : null,
    );
  };
  const urls = h('textarea', {
    id: 'rollup-urls',
    rows: 3,
    placeholder: 'One Partner Hub spreadsheet link per line',
  });
  const rollupOut = h('div', { 'aria-live': 'polite' });
  // The tab actions stand at the top with "Add a need", and each says what it did right beside it.
  const tabs = h('div', { class: 'actions' });
  tabs.append(
    h(
      'button',
      {
        onclick: async () => {
          const r = await busy('Writing the Gaps tab…', () => call('writeGapsTab'), tabs);
          if (r) say(`The Gaps tab lists ${r.rows} findings, each linked to its row.`, 'info', tabs);
        },
      },
      'Rebuild the Gaps tab',
    ),
    h(
      'button',
      {
        onclick: async () => {
          const r = await busy('Writing the Dashboard…', () => call('writeDashboard'), tabs);
          if (r) say('The Dashboard tab is up to date.', 'info', tabs);
        },
      },
      'Update the Dashboard tab',
    ),
  );
  const rollupButton = h('button', {}, 'Look across the network');
  rollupButton.addEventListener('click', async () => {
    const list = urls.value.split(/\s+/).filter(Boolean);
    const r = await busy('Reading the network…', () => call('rollupNetwork', list), rollupButton);
    if (r) showRollup(rollupOut, r);
  });
  showView(
    h('h2', { tabindex: '-1', id: 'needs-title' }, 'Needs and gaps'),
    h('p', { class: 'figures' }, `${needsText(g.figures)}.`),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => editNeed(g) }, 'Add a need'),
    ),
    tabs,
    h('h3', {}, `Findings (${g.report.findings.length})`),
    g.report.findings.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Findings' },
          ...g.report.findings.slice(0, 100).map(findingItem),
        )
      : h('p', { class: 'empty' }, 'No gaps or risks found.'),
    h('h3', {}, `Needs (${needs.length})`),
    needs.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Needs' },
          ...needs.map((n) => {
            const s = status.get(n.record.id);
            return h(
              'li',
              {},
              h('strong', {}, `${n.record.focusArea}${n.record.grades ? ` (${n.record.grades})` : ''}`),
              ` · ${s ? s.status : n.record.status}`,
              n.record.description ? h('div', { class: 'meta' }, n.record.description) : null,
              s?.partnerIds.length
                ? h(
                    'div',
                    { class: 'meta' },
                    `${n.record.metBy && s.partnerIds.includes(n.record.metBy) ? 'Met by' : 'Partners'}: ${s.partnerIds.map((id) => g.partnerNames[id] ?? id).join(', ')}`,
                  )
                : null,
              h(
                'button',
                { class: 'link', onclick: () => editNeed(g, n) },
                `Edit need: ${n.record.focusArea}`,
              ),
            );
          }),
        )
      : h('p', { class: 'empty' }, 'No needs recorded. Add what your needs assessment found.'),
    g.singleSchool ? null : landscapeView(g.landscape, g.partnerNames),
    h('h3', {}, 'Network'),
    h(
      'p',
      { class: 'help' },
      'A network office can look across schools: paste links to other schools’ Partner Hub spreadsheets (they are only read).',
    ),
    h('label', { for: 'rollup-urls' }, 'Other schools’ spreadsheets'),
    urls,
    rollupButton,
    rollupOut,
  );
  focusHeading('needs-title');
}

function showRollup(box: HTMLElement, r: RollupResult): void {
  replace(
    box,
    h(
      'ul',
      { class: 'plain', 'aria-label': 'Spreadsheets read' },
      ...r.sources.map((s) =>
        h(
          'li',
          { class: s.ok ? '' : 'field-error' },
          s.ok ? `${s.name}: ${s.partners} partners, ${s.needs} needs` : `${s.url}: ${s.error}`,
        ),
      ),
    ),
    landscapeView(r.landscape, r.partnerNames),
  );
}

function landscapeView(l: Landscape, names: Readonly<Record<string, string>>): HTMLElement {
  const used = l.focusAreas.map((_, j) => l.matrix.some((row) => row[j] > 0));
  const areas = l.focusAreas.filter((_, j) => used[j]);
  return h(
    'section',
    { 'aria-label': 'Landscape' },
    h('h3', {}, 'Landscape'),
    h(
      'table',
      { class: 'compare' },
      h('caption', {}, 'Active partners by focus area and school'),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'School'), ...areas.map((a) => h('th', { scope: 'col' }, a))),
      ),
      h(
        'tbody',
        {},
        ...l.schools.map((s, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, s),
            ...l.focusAreas.flatMap((_, j) => (used[j] ? [h('td', {}, String(l.matrix[i][j]))] : [])),
          ),
        ),
      ),
    ),
    h('h4', {}, 'Most unmet needs'),
    h(
      'ul',
      { class: 'plain' },
      ...l.unmetBySchool
        .slice(0, 10)
        .map((u) => h('li', {}, `${u.school}: ${u.unmet} unmet, ${u.pending} pending`)),
    ),
    l.partnersAcrossSchools.length ? h('h4', {}, 'Partners serving several schools') : null,
    h(
      'ul',
      { class: 'plain' },
      ...l.partnersAcrossSchools
        .slice(0, 10)
        .map((p) => h('li', {}, `${names[p.partnerId] ?? p.partnerId}: ${p.schools} schools`)),
    ),
    l.candidates.length ? h('h4', {}, 'Partners who could fill a gap') : null,
    h(
      'ul',
      { class: 'plain' },
      ...l.candidates
        .slice(0, 20)
        .map((c) =>
          h('li', {}, `${c.school}, ${c.focusArea}: ${c.partnerIds.map((id) => names[id] ?? id).join(', ')}`),
        ),
    ),
  );
}
