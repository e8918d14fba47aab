// Where agendas go, which templates and calendar to use, the placeholders a school template may use, and
// the coordinator's signature on emails to partners.
import type { AgendaFolder, ServerApi } from '../../shared/contract';
import { GATHERING_KINDS, type GatheringKind } from '../../shared/schema';
import { PLACEHOLDERS } from '../../shared/placeholders';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { busy, focusHeading, say, view } from './app';
import { signatureInputs, type SignatureInputs } from './signature';
import { intakeSection } from './intake';

/** What Settings shows, as the server sends it. */
type Loaded = ReturnType<ServerApi['getSettings']>;

/** One kind of gathering's template: its link box, and the labelled row it stands in. */
interface TemplateInput {
  readonly kind: GatheringKind;
  readonly input: HTMLInputElement;
  readonly el: HTMLElement;
}

export async function showSettings(): Promise<void> {
  const settings = await busy('Loading settings…', () => call('getSettings'));
  if (!settings) return;
  const templates = templateInputs(settings);
  const calendar = calendarSelect(settings);
  const signature = signatureInputs(settings.sender ?? {}, '');
  const saveSignature = saveSignatureButton(signature);
  const saveAll = saveSettingsButton(templates, calendar);
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'settings-title' }, 'Settings'),
    h('h3', {}, 'Your signature on emails to partners'),
    h(
      'p',
      { class: 'help' },
      'Survey links, reminders and gathering follow-ups end with your name, role and school. ' +
        'They are kept for you alone, in this spreadsheet.',
    ),
    ...signature.fields,
    saveSignature,
    h('h3', {}, 'Where agendas go'),
    h('p', { id: 'set-folder' }, ...whereDocsGo(settings.agendaFolder)),
    ...templates.map((t) => t.el),
    h('div', { class: 'filter' }, h('label', { for: 'set-calendar' }, 'Calendar for gatherings'), calendar),
    saveAll,
    intakeSection(),
    h('h3', {}, 'Documents for people outside the sheet'),
    schoolDocButtons(),
    h('h3', {}, 'Placeholders for your own template'),
    h('p', { class: 'help' }, 'Type these in your template Doc; each is replaced when an agenda is made.'),
    placeholderList(),
  );
  focusHeading('settings-title');
}

/** A link box per kind of gathering, holding its template's link (empty for the built-in one). */
function templateInputs(settings: Loaded): TemplateInput[] {
  return GATHERING_KINDS.map((kind, i) => {
    const input = h('input', { id: `set-template-${i}`, type: 'url', placeholder: 'Built-in template' });
    const current = settings.templates?.[kind];
    input.value = current ? `https://docs.google.com/document/d/${current}/edit` : '';
    return {
      kind,
      input,
      el: h(
        'div',
        { class: 'filter' },
        h('label', { for: `set-template-${i}` }, `Template for ${kind}`),
        input,
      ),
    };
  });
}

/** The calendars to put gatherings on: the coordinator's own first, the one chosen selected. */
function calendarSelect(settings: Loaded): HTMLSelectElement {
  return h(
    'select',
    { id: 'set-calendar' },
    h('option', { value: '' }, 'My calendar'),
    ...settings.calendars.map((c) =>
      h('option', { value: c.id, selected: c.id === settings.calendarId }, c.name),
    ),
  );
}

/** Saves the signature alone, once its fields are filled in. */
function saveSignatureButton(signature: SignatureInputs): HTMLButtonElement {
  const saveSignature = h(
    'button',
    {
      onclick: async () => {
        const missing = signature.check();
        if (missing) return say(missing, 'error', saveSignature);
        const saved = await busy(
          'Saving your signature…',
          () => call('saveSettings', { sender: signature.read() }),
          saveSignature,
        );
        if (saved) say('Signature saved: your next emails to partners end with it.', 'info', saveSignature);
      },
    },
    'Save signature',
  );
  return saveSignature;
}

/** Saves the templates and the calendar. */
function saveSettingsButton(
  templates: readonly TemplateInput[],
  calendar: HTMLSelectElement,
): HTMLButtonElement {
  const saveAll: HTMLButtonElement = h(
    'button',
    {
      class: 'action',
      onclick: async () => {
        const saved = await busy(
          'Saving settings…',
          () =>
            call('saveSettings', {
              templates: Object.fromEntries(templates.map((t) => [t.kind, t.input.value])),
              calendarId: calendar.value,
            }),
          saveAll,
        );
        if (saved) say('Settings saved.', 'info', saveAll);
      },
    },
    'Save settings',
  );
  return saveAll;
}

/** A button per Doc for people outside the sheet; the Doc's link appears under the button pressed. */
function schoolDocButtons(): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    ...(
      [
        ['directory', 'Partner directory for staff'],
        ['overview', 'Overview for a new administrator'],
        ['yearStaff', 'Year-end report for staff'],
        ['yearPartners', 'Year-end report for partners and community'],
      ] as const
    ).map(([kind, label]) =>
      h(
        'button',
        {
          onclick: async (event: Event) => {
            const button = event.currentTarget as HTMLElement;
            const made = await busy('Making the Doc…', () => call('makeSchoolDoc', kind), button);
            if (!made) return;
            const link = h('p', {}, safeLink(made.url, `Open: ${label}`));
            button.after(link);
            say(['Doc made.', ...made.notes].join(' '), 'info', link);
          },
        },
        label,
      ),
    ),
  );
}

/** The placeholders a school's own template may use, each with what replaces it. */
function placeholderList(): HTMLElement {
  return h(
    'dl',
    {},
    ...Object.entries(PLACEHOLDERS).flatMap(([key, what]) => [
      h('dt', {}, h('code', {}, `{{${key}}}`)),
      h('dd', {}, what),
    ]),
  );
}

/**
 * Where the Docs Partner Hub makes go, in plain words. The add-on can only reach a folder it made itself
 * (it asks for no wider Drive access), so there is no folder to choose.
 */
function whereDocsGo(folder: AgendaFolder): (string | HTMLElement)[] {
  const move = ' You may move or rename it: Partner Hub keeps finding it.';
  if (folder.status === 'ready')
    return [
      'Agendas and the other Docs Partner Hub makes for you go into your folder “',
      folder.name,
      '”, which Partner Hub made in your Drive.',
      move,
      ' ',
      safeLink(folder.url, 'Open the folder'),
    ];
  const next = 'Partner Hub will make a new “Partner Hub agendas” folder in your Drive for the next Doc.';
  if (folder.status === 'gone')
    return [
      folder.reason === 'trashed'
        ? 'The folder Partner Hub made for its Docs is in your trash. '
        : 'Partner Hub can no longer find the folder it made for its Docs (it was deleted, or Partner Hub cannot reach it). ',
      next,
    ];
  return [
    'The first agenda or other Doc Partner Hub makes for you goes into a new “Partner Hub agendas” folder in your Drive, and later ones join it.',
    move,
  ];
}
