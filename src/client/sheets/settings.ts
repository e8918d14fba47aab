// Where agendas go, which templates and calendar to use, and the placeholders a school template may use.
import { GATHERING_KINDS } from '../../shared/schema';
import { PLACEHOLDERS } from '../../shared/placeholders';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { busy, focusHeading, say, view } from './app';

export async function showSettings(): Promise<void> {
  const settings = await busy('Loading settings…', () => call('getSettings'));
  if (!settings) return;
  const folder = h('input', {
    id: 'set-folder',
    type: 'url',
    placeholder: 'https://drive.google.com/drive/folders/…',
  });
  folder.value = settings.agendaFolderId
    ? `https://drive.google.com/drive/folders/${settings.agendaFolderId}`
    : '';
  const templates = GATHERING_KINDS.map((kind, i) => {
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
  const calendar = h(
    'select',
    { id: 'set-calendar' },
    h('option', { value: '' }, 'My calendar'),
    ...settings.calendars.map((c) =>
      h('option', { value: c.id, selected: c.id === settings.calendarId }, c.name),
    ),
  );
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'settings-title' }, 'Settings'),
    h(
      'div',
      { class: 'filter' },
      h('label', { for: 'set-folder' }, 'Folder for agenda Docs'),
      folder,
      h('div', { class: 'help' }, 'Empty: a “Partner Hub agendas” folder is made in your Drive.'),
    ),
    ...templates.map((t) => t.el),
    h('div', { class: 'filter' }, h('label', { for: 'set-calendar' }, 'Calendar for gatherings'), calendar),
    h(
      'button',
      {
        class: 'action',
        onclick: async () => {
          const saved = await busy('Saving settings…', () =>
            call('saveSettings', {
              agendaFolder: folder.value,
              templates: Object.fromEntries(templates.map((t) => [t.kind, t.input.value])),
              calendarId: calendar.value,
            }),
          );
          if (saved) say('Settings saved.');
        },
      },
      'Save settings',
    ),
    h('h3', {}, 'Documents for people outside the sheet'),
    h(
      'div',
      { class: 'actions' },
      ...(
        [
          ['directory', 'Partner directory for staff'],
          ['overview', 'Overview for a new administrator'],
        ] as const
      ).map(([kind, label]) =>
        h(
          'button',
          {
            onclick: async (event: Event) => {
              const made = await busy('Making the Doc…', () => call('makeSchoolDoc', kind));
              if (!made) return;
              (event.target as HTMLElement).after(h('p', {}, safeLink(made.url, `Open: ${label}`)));
              say('Doc made.');
            },
          },
          label,
        ),
      ),
    ),
    h('h3', {}, 'Placeholders for your own template'),
    h('p', { class: 'help' }, 'Type these in your template Doc; each is replaced when an agenda is made.'),
    h(
      'dl',
      {},
      ...Object.entries(PLACEHOLDERS).flatMap(([key, what]) => [
        h('dt', {}, h('code', {}, `{{${key}}}`)),
        h('dd', {}, what),
      ]),
    ),
  );
  focusHeading('settings-title');
}
