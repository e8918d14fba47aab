// Import a partner list kept in another tab: map its columns, preview adds and duplicates, then import.
import type { ImportPreview, ImportRequest, ImportRow, ImportSource } from '../../shared/contract';
import { TABLES } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace } from '../common/dom';
import { busy, say, showView } from './app';

const TARGETS: [string, string][] = [
  ...TABLES.partners.columns
    .filter((c) => c.type !== 'id' && c.type !== 'timestamp')
    .map((c): [string, string] => [c.key, c.header]),
  ...TABLES.contacts.columns
    .filter((c) => ['name', 'role', 'email', 'phone'].includes(c.key))
    .map((c): [string, string] => [`contact.${c.key}`, `Contact ${c.header.toLowerCase()}`]),
];

/** What the coordinator chose: the source column each field comes from, and what to do with each duplicate. */
interface Choices {
  mapping: Record<string, string>;
  readonly decisions: Record<string, 'merge' | 'add' | 'skip'>;
}

/**
 * The import view, opened from `near` (its link): each step's message stands beside the button that
 * caused it. After the import, `reload` fetches the directory's first screen again.
 */
export async function showImport(
  reload: (near?: Element) => Promise<boolean>,
  back: () => void,
  near: EventTarget | null,
): Promise<void> {
  const sources = await busy(
    'Looking for lists…',
    () => call('getImportSources'),
    near instanceof Element ? near : undefined,
  );
  if (!sources) return;
  const title = h('h2', { tabindex: '-1', id: 'import-title' }, 'Import a partner list');
  if (!sources.length) return showNoList(title, back);
  const tabSelect = h(
    'select',
    { id: 'import-tab' },
    ...sources.map((s) => h('option', { value: s.tab }, `${s.tab} (${s.rows} rows)`)),
  );
  const mappingBox = h('div', {});
  const previewBox = h('div', { 'aria-live': 'polite' });
  const choices: Choices = { mapping: {}, decisions: {} };
  const renderMapping = () => {
    const source = sources.find((s) => s.tab === tabSelect.value) as ImportSource;
    choices.mapping = { ...source.suggested };
    replace(previewBox);
    replace(mappingBox, h('h3', {}, 'Columns'), ...columnChoices(source, choices));
  };
  tabSelect.addEventListener('change', renderMapping);
  const request = () => ({ tab: tabSelect.value, mapping: choices.mapping, decisions: choices.decisions });
  const importer = importActions(request, reload, back);
  const previewButton = h('button', {}, 'Preview');
  const previewActions = h(
    'div',
    { class: 'actions' },
    previewButton,
    h('button', { onclick: back }, 'Cancel'),
  );
  previewButton.addEventListener('click', async () => {
    const preview = await busy('Checking…', () => call('previewImport', request()), previewActions);
    if (!preview) return;
    importer.button.disabled = false;
    replace(previewBox, ...previewOf(preview, choices.decisions), importer.actions);
  });
  showView(
    title,
    h(
      'p',
      {},
      'Match the columns of your list to Partner Hub’s fields. Nothing is written until you press Import.',
    ),
    h('div', { class: 'filter' }, h('label', { for: 'import-tab' }, 'Tab to import'), tabSelect),
    mappingBox,
    previewActions,
    previewBox,
  );
  renderMapping();
  title.focus();
}

/** No other tab holds a list: say how to make one. */
function showNoList(title: HTMLElement, back: () => void): void {
  showView(
    title,
    h(
      'p',
      {},
      'No other tab holds a list. Paste your list into a new tab with a header row, then come back.',
    ),
    h('button', { onclick: back }, 'Back'),
  );
  title.focus();
}

/** One choice per column of the list: the Partner Hub field it fills, or none. */
function columnChoices(source: ImportSource, choices: Choices): HTMLElement[] {
  return source.headers.map((header, i) => {
    const id = `map-${i}`;
    const select = h(
      'select',
      {
        id,
        onchange: () => (
          (choices.mapping = { ...choices.mapping, [header]: select.value }),
          select.value || delete choices.mapping[header]
        ),
      },
      h('option', { value: '' }, '— leave out —'),
      ...TARGETS.map(([key, label]) =>
        h('option', { value: key, selected: choices.mapping[header] === key }, label),
      ),
    );
    return h('div', { class: 'filter' }, h('label', { for: id }, header || `(column ${i + 1})`), select);
  });
}

/** The Import button and its row; the button stays disabled once it has imported, until the next preview. */
function importActions(
  request: () => ImportRequest,
  reload: (near?: Element) => Promise<boolean>,
  back: () => void,
): { button: HTMLButtonElement; actions: HTMLElement } {
  const button = h('button', { class: 'action' }, 'Import');
  const actions = h('div', { class: 'actions' }, button);
  button.addEventListener('click', async () => {
    const result = await busy('Importing…', () => call('runImport', request()), actions);
    if (!result) return;
    // Done: the button is disabled (pressing it again would import again), the directory's first screen
    // is fetched again, and the result stands beside the button.
    button.disabled = true;
    const reloaded = await reload(actions);
    say(
      `Imported: ${result.added} added, ${result.merged} merged, ${result.contactsAdded} contacts, ${result.errors} rows with problems left out.`,
      'info',
      actions,
    );
    if (reloaded) actions.append(h('button', { onclick: back }, 'Back to the partners'));
  });
  return { button, actions };
}

/** The preview: its counts, then each row (new, skipped, with problems, or a duplicate to decide on). */
function previewOf(preview: ImportPreview, decisions: Choices['decisions']): HTMLElement[] {
  return [
    h('h3', {}, 'Preview'),
    h(
      'p',
      {},
      `${preview.adds} to add, ${preview.merges} to merge, ${preview.skips} to skip, ${preview.errors} with problems.`,
    ),
    h(
      'ul',
      { class: 'plain', 'aria-label': 'Rows to import' },
      ...preview.rows.map((row) => previewRow(row, decisions)),
    ),
  ];
}

function previewRow(row: ImportRow, decisions: Choices['decisions']): HTMLElement {
  const label = `Row ${row.sourceRow}: ${row.name || '(no name)'}`;
  if (row.action === 'error')
    return h('li', {}, h('strong', {}, label), h('div', { class: 'field-error' }, row.errors.join(' ')));
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
}
