// Import a partner list kept in another tab: map its columns, preview adds and duplicates, then import.
import type { ImportPreview, ImportSource } from '../../shared/contract';
import { TABLES } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace } from '../common/dom';

type Busy = <T>(message: string, work: () => Promise<T>) => Promise<T | undefined>;

const TARGETS: [string, string][] = [
  ...TABLES.partners.columns
    .filter((c) => c.type !== 'id' && c.type !== 'timestamp')
    .map((c): [string, string] => [c.key, c.header]),
  ...TABLES.contacts.columns
    .filter((c) => ['name', 'role', 'email', 'phone'].includes(c.key))
    .map((c): [string, string] => [`contact.${c.key}`, `Contact ${c.header.toLowerCase()}`]),
];

export async function showImport(
  app: HTMLElement,
  busy: Busy,
  done: (message: string) => void,
  back: () => void,
): Promise<void> {
  const sources = await busy('Looking for lists…', () => call('getImportSources'));
  if (!sources) return;
  const title = h('h2', { tabindex: '-1', id: 'import-title' }, 'Import a partner list');
  if (!sources.length) {
    replace(
      app,
      title,
      h(
        'p',
        {},
        'No other tab holds a list. Paste your list into a new tab with a header row, then come back.',
      ),
      h('button', { onclick: back }, 'Back'),
    );
    title.focus();
    return;
  }
  const tabSelect = h(
    'select',
    { id: 'import-tab' },
    ...sources.map((s) => h('option', { value: s.tab }, `${s.tab} (${s.rows} rows)`)),
  );
  const mappingBox = h('div', {});
  const previewBox = h('div', { 'aria-live': 'polite' });
  let mapping: Record<string, string> = {};
  const renderMapping = () => {
    const source = sources.find((s) => s.tab === tabSelect.value) as ImportSource;
    mapping = { ...source.suggested };
    replace(previewBox);
    replace(
      mappingBox,
      h('h3', {}, 'Columns'),
      ...source.headers.map((header, i) => {
        const id = `map-${i}`;
        const select = h(
          'select',
          {
            id,
            onchange: () => (
              (mapping = { ...mapping, [header]: select.value }),
              select.value || delete mapping[header]
            ),
          },
          h('option', { value: '' }, '— leave out —'),
          ...TARGETS.map(([key, label]) =>
            h('option', { value: key, selected: mapping[header] === key }, label),
          ),
        );
        return h('div', { class: 'filter' }, h('label', { for: id }, header || `(column ${i + 1})`), select);
      }),
    );
  };
  tabSelect.addEventListener('change', renderMapping);
  const decisions: Record<string, 'merge' | 'add' | 'skip'> = {};
  const request = () => ({ tab: tabSelect.value, mapping, decisions });
  const showPreview = (preview: ImportPreview) => {
    replace(
      previewBox,
      h('h3', {}, 'Preview'),
      h(
        'p',
        {},
        `${preview.adds} to add, ${preview.merges} to merge, ${preview.skips} to skip, ${preview.errors} with problems.`,
      ),
      h(
        'ul',
        { class: 'plain', 'aria-label': 'Rows to import' },
        ...preview.rows.map((row) => {
          const label = `Row ${row.sourceRow}: ${row.name || '(no name)'}`;
          if (row.action === 'error')
            return h(
              'li',
              {},
              h('strong', {}, label),
              h('div', { class: 'field-error' }, row.errors.join(' ')),
            );
          if (!row.duplicateOf) return h('li', {}, label, row.action === 'skip' ? ' (skipped)' : ' (new)');
          const id = `decide-${row.sourceRow}`;
          const select = h(
            'select',
            {
              id,
              onchange: () => (decisions[String(row.sourceRow)] = select.value as 'merge' | 'add' | 'skip'),
            },
            ...(['merge', 'add', 'skip'] as const).map((a) =>
              h(
                'option',
                { value: a, selected: row.action === a },
                {
                  merge: `Merge into ${row.duplicateOf?.name}`,
                  add: 'Add as a new partner',
                  skip: 'Skip this row',
                }[a],
              ),
            ),
          );
          return h('li', {}, h('label', { for: id }, `${label}: ${row.duplicateOf.reason}`), select);
        }),
      ),
      h(
        'button',
        {
          class: 'action',
          onclick: async () => {
            const result = await busy('Importing…', () => call('runImport', request()));
            if (result)
              done(
                `Imported: ${result.added} added, ${result.merged} merged, ${result.contactsAdded} contacts, ${result.errors} rows with problems left out.`,
              );
          },
        },
        'Import',
      ),
    );
  };
  replace(
    app,
    title,
    h(
      'p',
      {},
      'Match the columns of your list to Partner Hub’s fields. Nothing is written until you press Import.',
    ),
    h('div', { class: 'filter' }, h('label', { for: 'import-tab' }, 'Tab to import'), tabSelect),
    mappingBox,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          onclick: async () => {
            const preview = await busy('Checking…', () => call('previewImport', request()));
            if (preview) showPreview(preview);
          },
        },
        'Preview',
      ),
      h('button', { onclick: back }, 'Cancel'),
    ),
    previewBox,
  );
  renderMapping();
  title.focus();
}
