// Add and edit any record with the form the schema describes; a save someone else overtook shows both
// versions and saves nothing until the person chooses.
import { SAVE_TABLES, type Listed, type PartnerSaveResult, type SaveResult } from '../../shared/contract';
import type { FieldValue } from '../../shared/records';
import type { Table } from '../../shared/schema';
import { call } from '../common/run';
import { h } from '../common/dom';
import {
  isEmpty,
  schemaForm,
  type Choice,
  type FormHandle,
  type IdPicker,
  type Picker,
} from '../common/form';
import { busy, focusHeading, merge, say, sayInView, showView } from './app';

/** The server functions that save one record of a table. */
export type SaveFn = keyof typeof SAVE_TABLES;

type Values = Record<string, FieldValue>;

/** A save that went through: the record written (for a partner, with the figures it may change). */
export type Saved = Extract<SaveResult<Values> | PartnerSaveResult, { readonly status: 'saved' }>;

export interface EditRequest {
  readonly table: Table;
  readonly fn: SaveFn;
  /** The record being edited; absent to add one. */
  readonly entry?: Listed<Values>;
  readonly defaults?: Values;
  /** Values the form does not show and always sends, e.g. the partner a contact belongs to. */
  readonly fixed?: Values;
  /** Choices for id-list fields, e.g. the partners a gathering can invite. */
  readonly choices?: Readonly<Record<string, readonly Choice[]>>;
  /** Called with the form once it is drawn, e.g. to offer other choices when a field changes. */
  readonly onForm?: (form: FormHandle) => void;
  /** Text fields chosen from known names, a new one allowed (a partner's schools and liaison). */
  readonly pickers?: Readonly<Record<string, Picker>>;
  /** Id-list fields whose control the page makes (e.g. a partner search). */
  readonly idPickers?: Readonly<Record<string, (initial: readonly string[], legend: string) => IdPicker>>;
  /**
   * A related record saved with this one from the same form, sent as `contact` (a partner's main
   * contact): its table, the fields shown, and the record when there is one.
   */
  readonly contact?: {
    readonly table: Table;
    readonly only: readonly string[];
    readonly legend: string;
    readonly help?: string;
    readonly entry?: Listed<Values>;
  };
  /** What to say once saved, when more than "Saved <record>." (a school that is new). */
  readonly savedMessage?: (record: Values, form: FormHandle) => string;
  readonly title?: string;
  /**
   * After a save (with the saved record and what the save brought back) or after keeping the other
   * version (with it alone); awaited.
   */
  readonly done: (record: Values, saved?: Saved) => unknown;
  readonly back: () => void;
  /** The version to save over, when editing again after a conflict. */
  readonly version?: string;
  /** Fields to send although the form shows them unchanged: the ones a save overtaken by another tried. */
  readonly pending?: readonly string[];
}

export function singular(table: Table): string {
  const names: Record<string, string> = {
    Partners: 'partner',
    Contacts: 'contact',
    Agreements: 'agreement',
    'Check-ins': 'check-in',
    Schools: 'school',
    Gatherings: 'gathering',
    'Action Items': 'action item',
    Needs: 'need',
    Vetting: 'vetting checklist',
    Onboarding: 'onboarding steps',
    'Annual Reviews': 'annual review',
  };
  return names[table.tab] ?? 'row';
}

export function edit(request: EditRequest): void {
  const { table, fn, entry } = request;
  const record: Values = entry?.record ?? {};
  const initial = { ...(request.defaults ?? {}), ...record };
  const title = request.title ?? `${entry ? 'Edit' : 'Add'} ${singular(table)}`;
  const contact = request.contact;
  const form = schemaForm(table, initial, {
    submitLabel: 'Save',
    fixed: request.fixed,
    choices: request.choices,
    pickers: request.pickers,
    idPickers: request.idPickers,
    related: contact && {
      key: 'contact',
      legend: contact.legend,
      help: contact.help,
      table: contact.table,
      only: contact.only,
      initial: contact.entry?.record ?? {},
      existing: Boolean(contact.entry),
    },
    onCancel: request.back,
    onSubmit: async (handle) => {
      // An edit sends only what the person changed: a cell the form cannot show exactly (a line break
      // typed in the sheet in a one-line field) is never rewritten by an edit of another field.
      const changed = new Set([...handle.changed(), ...(request.pending ?? [])]);
      const only = (all: Values, prefix = '') =>
        Object.fromEntries(Object.entries(all).filter(([k]) => changed.has(`${prefix}${k}`)));
      const values = entry ? only(handle.values()) : handle.values();
      const related = handle.related();
      const contactEntry = contact?.entry;
      const contactValues = contactEntry ? only(related, 'contact.') : related;
      // A new contact goes when something was typed for it; a contact there already, when it changed.
      const sendContact = Object.values(contactValues).some((v) => Boolean(contactEntry) || !isEmpty(v));
      const contactPart = sendContact
        ? {
            contact: contactEntry
              ? {
                  id: String(contactEntry.record.id),
                  version: contactEntry.version,
                  values: contactValues,
                }
              : { values: contactValues },
          }
        : {};
      if (entry && !Object.keys(values).length && !sendContact) {
        say('Nothing to save: nothing was changed.', 'info', actions);
        return;
      }
      const payload = entry
        ? { id: String(record.id), version: request.version ?? entry.version, values, ...contactPart }
        : { values, ...contactPart };
      // "Saving…" and a failure stand beside the Save button, where the coordinator is looking.
      const result = (await busy('Saving…', () => call(fn, payload), actions)) as
        SaveResult<Values> | PartnerSaveResult | undefined;
      if (!result) return;
      if (result.status === 'invalid') {
        handle.showErrors(result.errors);
      } else if (result.status === 'conflict') {
        showConflict(request, result);
      } else {
        // Only what was saved comes back: it is merged into what the page holds.
        merge(SAVE_TABLES[fn], result.entry);
        await request.done(result.entry.record, result);
        // At the top of the view the save led to; it goes when that view is drawn again.
        sayInView(request.savedMessage?.(result.entry.record, handle) ?? `Saved ${singular(table)}.`);
      }
    },
  });
  const actions = form.element.querySelector('.actions') ?? form.element;
  showView(h('h2', { tabindex: '-1', id: 'form-title' }, title), form.element);
  request.onForm?.(form);
  focusHeading('form-title');
}

function showConflict(
  request: EditRequest,
  result: Extract<SaveResult<Values>, { status: 'conflict' }>,
): void {
  const theirsEntry = result.theirs;
  const theirs: Values = theirsEntry?.record ?? {};
  const shown = (v: FieldValue | undefined) =>
    Array.isArray(v) ? v.join(', ') : v === true ? 'yes' : v === false ? 'no' : (v ?? '');
  const differing = request.table.columns.filter(
    (c) => c.key in result.mine && shown(result.mine[c.key]) !== shown(theirs[c.key]),
  );
  const cell = (text: string) => h('td', {}, text);
  showView(
    h('h2', { tabindex: '-1', id: 'conflict-title' }, 'Changed by someone else'),
    h('p', { class: 'error', role: 'alert' }, result.message),
    h(
      'table',
      { class: 'compare' },
      h('caption', {}, 'Fields that differ'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Field'),
          h('th', { scope: 'col' }, 'In the sheet now'),
          h('th', { scope: 'col' }, 'Yours'),
        ),
      ),
      h(
        'tbody',
        {},
        ...differing.map((c) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, c.header),
            cell(shown(theirs[c.key])),
            cell(shown(result.mine[c.key])),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'action',
          onclick: () => {
            if (result.theirs) merge(SAVE_TABLES[request.fn], result.theirs);
            if (result.theirs) request.done(theirs);
            else request.back();
          },
        },
        'Keep theirs',
      ),
      theirsEntry
        ? h(
            'button',
            {
              onclick: () =>
                edit({
                  ...request,
                  entry: { ...theirsEntry, record: { ...theirs, ...result.mine } },
                  version: theirsEntry.version,
                  pending: Object.keys(result.mine),
                }),
            },
            'Edit mine again',
          )
        : null,
    ),
  );
  focusHeading('conflict-title');
}
