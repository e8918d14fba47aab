// Choosing partners where the page does not hold the directory (a gathering's guests, a survey's
// recipients): a search on the server with findPartners, a page at a time, or in the page itself when
// its first screen holds every partner (a small school). Names seen are kept to show who was chosen.
import type { PartnerPage, PartnerRow } from '../../shared/contract';
import { matches, NO_FILTERS, queryWords, type Filters } from '../../shared/partner-filter';
import { call } from '../common/run';
import { h, nextId, replace } from '../common/dom';
import type { IdPicker } from '../common/form';
import { busy, namesOf, rememberNames, state } from './app';

/** Matches a picker shows at a time. */
const SHOWN = 20;
/** The most findPartners gives in one call (api.ts partnerQuery). */
const MOST = 500;

/** The first screen's rows when they are every partner, with what search looks at in each. */
function whole(): { rows: readonly PartnerRow[]; search: readonly string[] } | undefined {
  const page = state.home?.page;
  return page?.search && page.rows.length === page.total
    ? { rows: page.rows, search: page.search }
    : undefined;
}

/** A page of the partners matching `filters`: from the page when it holds them all, else the server. */
async function find(filters: Filters, offset: number, limit: number): Promise<PartnerPage | undefined> {
  const local = whole();
  if (local) {
    const words = queryWords(filters);
    const found = local.rows.filter((r, i) => matches(r, r.attention, filters, words, () => local.search[i]));
    return {
      rows: found.slice(offset, offset + limit),
      matched: found.length,
      offset,
      total: local.rows.length,
    };
  }
  const page = await busy('Searching…', () => call('findPartners', { ...filters, offset, limit }));
  if (page) rememberNames(page.rows);
  return page;
}

/** The ids of every partner with one of these statuses (e.g. "invite all active partners"). */
export async function partnerIdsWith(statuses: readonly string[]): Promise<string[] | undefined> {
  const ids: string[] = [];
  for (const status of statuses) {
    for (let offset = 0; ; offset += MOST) {
      const page = await find({ ...NO_FILTERS, status }, offset, MOST);
      if (!page) return undefined;
      ids.push(...page.rows.map((r) => r.id));
      if (offset + MOST >= page.matched) break;
    }
  }
  return ids;
}

/** A fieldset that finds partners by name (and what else search looks at) and keeps those chosen. */
export function partnerPicker(initial: readonly string[], legend: string): IdPicker {
  const chosen = new Set(initial);
  const id = nextId('picker');
  const input = h('input', { type: 'search', id: `${id}-find`, placeholder: 'Name, service or contact' });
  const list = h('div', { role: 'group', 'aria-label': `Partners found for ${legend}` });
  const summary = h('p', { class: 'meta', 'aria-live': 'polite' });
  const more = h('div', {});
  let shown: PartnerRow[] = [];
  let searches = 0;
  const showChosen = () => {
    summary.textContent = chosen.size ? `${chosen.size} chosen: ${namesOf([...chosen])}.` : 'None chosen.';
  };
  const render = (matched: number) => {
    replace(
      list,
      ...shown.map((r) => {
        const boxId = nextId(`${id}-p`);
        const box = h('input', {
          type: 'checkbox',
          id: boxId,
          value: r.id,
          checked: chosen.has(r.id),
          onchange: () => {
            if (box.checked) chosen.add(r.id);
            else chosen.delete(r.id);
            showChosen();
          },
        });
        return h(
          'div',
          { class: 'check' },
          box,
          h('label', { for: boxId }, `${r.name || '(no name)'} (${r.status || 'no status'})`),
        );
      }),
    );
    const left = matched - shown.length;
    replace(
      more,
      left > 0
        ? h(
            'button',
            { type: 'button', class: 'link', onclick: () => void search(shown.length) },
            `Show more (${left} not shown)`,
          )
        : null,
    );
  };
  const search = async (offset: number) => {
    const mine = ++searches;
    const page = await find({ ...NO_FILTERS, query: input.value }, offset, SHOWN);
    if (!page || mine !== searches) return;
    shown = offset ? [...shown, ...page.rows] : [...page.rows];
    render(page.matched);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(0), whole() ? 0 : 300);
  });
  showChosen();
  void search(0);
  const element = h(
    'fieldset',
    { id, class: 'long' },
    h('legend', {}, legend),
    summary,
    h('label', { for: `${id}-find` }, 'Find partners'),
    input,
    list,
    more,
  );
  return { element, focusable: input, chosen: () => [...chosen] };
}
