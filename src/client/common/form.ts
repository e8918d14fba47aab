// A form for any table, built from the shared schema: the same declaration that sets up the sheet. A
// form may carry a related record in the same page (a partner and its main contact), and names chosen
// from a list with a new one allowed (schools, liaisons), said to be new beside the field.
import type { Column, Table } from '../../shared/schema';
import type { FieldValue } from '../../shared/records';
import { checkField, isEditable } from '../../shared/fields';
import { knownName, likelyMeant } from '../../shared/names';
import { splitList } from '../../shared/partner-filter';
import { h, nextId } from './dom';

/** One choice of an id-list field: the id stored, the name shown. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A text field whose value is chosen from known names, a new one allowed (and named as new). */
export interface Picker {
  readonly known: readonly string[];
  /** Several names, separated by commas in the cell ("Schools served"). */
  readonly list?: boolean;
  /** What one name is, for the notes: "school". */
  readonly noun: string;
  /** Where the known names come from, for the notes: "on the Schools tab". */
  readonly where: string;
}

/** A control the page makes for an id-list field, in place of a checkbox per choice (a partner search). */
export interface IdPicker {
  readonly element: HTMLElement;
  readonly focusable: HTMLElement;
  chosen(): string[];
}

/** A related record shown in the same form, its fields keyed `<key>.<field>` ("contact.email"). */
export interface Related {
  readonly key: string;
  readonly legend: string;
  readonly table: Table;
  readonly only: readonly string[];
  readonly initial: Readonly<Record<string, FieldValue>>;
  /** The related record is in the sheet already: its required fields stay required. */
  readonly existing: boolean;
  readonly help?: string;
}

export interface FormHandle {
  readonly element: HTMLFormElement;
  /** The main record's values (with the fixed ones). */
  values(): Record<string, FieldValue>;
  /** The related record's values, by its own field keys; {} when the form has none. */
  related(): Record<string, FieldValue>;
  /** Offers other choices in a one-choice field (a need's partner, after its focus area changed). */
  setChoices(key: string, choices: readonly Choice[]): void;
  /** Shows each message beside its field (and returns whether there were any). */
  showErrors(errors: Readonly<Record<string, string>>): boolean;
  /** Names typed in picker fields that are not among the known ones, by field. */
  newNames(): Record<string, string[]>;
  /**
   * The fields the person changed since the form was drawn (the main record's keys, and the related
   * record's as `<key>.<field>`): what an edit sends. A value the form could not show exactly (a line
   * break in a one-line field) reads differently from the cell, but is not changed until it is edited.
   */
  changed(): string[];
}

interface Field {
  readonly key: string;
  readonly column: Column;
  readonly read: () => FieldValue;
  readonly focusable: HTMLElement;
  readonly error: HTMLElement;
  readonly choose?: (choices: readonly Choice[]) => void;
  readonly fresh?: () => string[];
}

export function schemaForm(
  table: Table,
  initial: Readonly<Record<string, FieldValue>>,
  options: {
    submitLabel: string;
    fixed?: Readonly<Record<string, FieldValue>>;
    only?: readonly string[];
    choices?: Readonly<Record<string, readonly Choice[]>>;
    pickers?: Readonly<Record<string, Picker>>;
    /** Id-list fields whose control the page makes, given the ids the record holds and the field's name. */
    idPickers?: Readonly<Record<string, (initial: readonly string[], legend: string) => IdPicker>>;
    related?: Related;
    onSubmit: (form: FormHandle) => void;
    onCancel: () => void;
  },
): FormHandle {
  // A reference to another table's row is shown only when the caller offers its choices.
  const columns = table.columns.filter(
    (c) =>
      isEditable(c) &&
      (c.type !== 'ref' || options.choices?.[c.key] !== undefined) &&
      !(options.fixed && c.key in options.fixed) &&
      (!options.only || options.only.includes(c.key)),
  );
  const summary = h('div', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': `${table.tab} form` }, summary);
  const fields: Field[] = [];
  const add = (
    parent: HTMLElement,
    key: string,
    column: Column,
    value: FieldValue | undefined,
    picker?: Picker,
  ) => {
    const id = nextId(key.replace('.', '-'));
    const error = h('div', { class: 'field-error', id: `${id}-error`, hidden: true });
    const idPicker = column.type === 'ids' && key === column.key ? options.idPickers?.[key] : undefined;
    const ids = idPicker?.(Array.isArray(value) ? value : [], column.header);
    const made = ids
      ? { control: ids.element, read: () => ids.chosen(), focusable: ids.focusable }
      : picker
        ? pickerControl(column, value, id, picker)
        : control_(column, value, id, options.choices?.[column.key]);
    fields.push({ key, column, error, ...made });
    const label =
      column.type === 'multi' || column.type === 'ids' || (picker?.list && picker.known.length)
        ? null
        : h(
            'label',
            { for: id },
            column.header,
            column.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
          );
    parent.append(h('div', { class: `field field-${column.type}` }, label, made.control, error));
  };
  for (const column of columns)
    add(form, column.key, column, initial[column.key], options.pickers?.[column.key]);
  const related = options.related;
  const relatedFields = () => fields.filter((f) => related && f.key.startsWith(`${related.key}.`));
  if (related) {
    const set = h(
      'fieldset',
      { class: 'related' },
      h('legend', {}, related.legend),
      related.help ? h('p', { class: 'help' }, related.help) : null,
    );
    for (const column of related.table.columns.filter((c) => related.only.includes(c.key)))
      add(set, `${related.key}.${column.key}`, column, related.initial[column.key]);
    form.append(set);
  }
  const mainFields = () => fields.filter((f) => !relatedFields().includes(f));
  const shown = new Map(fields.map((f) => [f.key, JSON.stringify(f.read())]));
  const handle: FormHandle = {
    element: form,
    values: () => {
      const out: Record<string, FieldValue> = { ...(options.fixed ?? {}) };
      for (const f of mainFields()) out[f.key] = f.read();
      return out;
    },
    related: () => {
      const out: Record<string, FieldValue> = {};
      for (const f of relatedFields()) out[f.column.key] = f.read();
      return out;
    },
    setChoices: (key, choices) => fields.find((f) => f.key === key)?.choose?.(choices),
    changed: () => fields.filter((f) => JSON.stringify(f.read()) !== shown.get(f.key)).map((f) => f.key),
    newNames: () =>
      Object.fromEntries(
        fields.flatMap((f) => {
          const names = f.fresh?.() ?? [];
          return names.length ? [[f.key, names]] : [];
        }),
      ),
    showErrors: (errors) => {
      let first: HTMLElement | undefined;
      for (const f of fields) {
        const message = errors[f.key];
        f.error.textContent = message ?? '';
        f.error.hidden = !message;
        if (message) {
          f.focusable.setAttribute('aria-invalid', 'true');
          f.focusable.setAttribute('aria-describedby', f.error.id);
          first ??= f.focusable;
        } else {
          f.focusable.removeAttribute('aria-invalid');
        }
      }
      const other = Object.entries(errors).filter(([k]) => !fields.some((f) => f.key === k));
      summary.textContent = other.map(([, m]) => m).join(' ');
      summary.hidden = other.length === 0;
      first?.focus();
      return Object.keys(errors).length > 0;
    },
  };
  form.append(
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'action' }, options.submitLabel),
      h('button', { type: 'button', onclick: () => options.onCancel() }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    // A related record left empty is not saved, so its required fields are required only once one is filled.
    const relatedUsed = Boolean(related?.existing) || relatedFields().some((f) => !isEmpty(f.read()));
    for (const f of fields) {
      const optional = !relatedUsed && relatedFields().includes(f);
      const result = checkField(optional ? { ...f.column, required: false } : f.column, f.read());
      if (!result.ok) errors[f.key] = result.message;
    }
    if (!handle.showErrors(errors)) options.onSubmit(handle);
  });
  return handle;
}

export function isEmpty(value: FieldValue): boolean {
  return value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * Names from a list, a new one allowed: checkboxes for the known names and a box for another (a list
 * field), or a box with the known names offered as it is typed (one name). A name not among the known
 * ones is said to be new beside the field, with the listed name it may have been meant to be.
 */
function pickerControl(
  column: Column,
  value: FieldValue | undefined,
  id: string,
  picker: Picker,
): Omit<Field, 'key' | 'column' | 'error'> & { control: HTMLElement } {
  const current = typeof value === 'string' ? value : '';
  const note = h('div', { class: 'note', id: `${id}-note`, 'aria-live': 'polite' });
  const typed = h('input', {
    id: picker.list && picker.known.length ? `${id}-other` : id,
    type: 'text',
    maxlength: column.max ?? 500,
    list: `${id}-known`,
    autocomplete: 'off',
    'aria-describedby': `${id}-note`,
  });
  const datalist = h(
    'datalist',
    { id: `${id}-known` },
    ...picker.known.map((k) => h('option', { value: k })),
  );
  const given = picker.list ? splitList(current) : current.trim() ? [current.trim()] : [];
  const boxes = picker.list
    ? picker.known.map((k) => {
        const boxId = nextId(`${id}-opt`);
        const box = h('input', {
          type: 'checkbox',
          id: boxId,
          value: k,
          checked: given.some((g) => knownName([k], g) !== undefined),
        });
        return { box, el: h('div', { class: 'check' }, box, h('label', { for: boxId }, k)) };
      })
    : [];
  // What the cell holds that the list lacks stays in the box, to be kept, corrected or removed.
  typed.value = (picker.list ? given.filter((g) => !knownName(picker.known, g)) : given).join(', ');
  const typedNames = () =>
    picker.list ? splitList(typed.value) : typed.value.trim() ? [typed.value.trim()] : [];
  const fresh = () => typedNames().filter((n) => !knownName(picker.known, n));
  const read = (): string => {
    const names = [...boxes.filter((b) => b.box.checked).map((b) => b.box.value)];
    for (const n of typedNames()) {
      const known = knownName(picker.known, n);
      if (!names.includes(known ?? n)) names.push(known ?? n);
    }
    return names.join(', ');
  };
  const explain = () => {
    note.replaceChildren();
    for (const name of fresh()) {
      const meant = likelyMeant(picker.known, name);
      const line = h(
        'p',
        { class: 'new-name' },
        `New ${picker.noun}: “${name}” is not ${picker.where}.`,
        meant ? ` Did you mean ${meant}?` : '',
      );
      if (meant)
        line.append(
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => {
                typed.value = typedNames()
                  .map((n) => (n === name ? meant : n))
                  .join(', ');
                explain();
              },
            },
            `Use ${meant}`,
          ),
        );
      note.append(line);
    }
  };
  typed.addEventListener('input', explain);
  explain();
  const control =
    picker.list && picker.known.length
      ? h(
          'fieldset',
          { id, class: boxes.length > 8 ? 'long' : undefined },
          h('legend', {}, column.header),
          ...boxes.map((b) => b.el),
          h('label', { for: `${id}-other` }, `Another ${picker.noun}`),
          typed,
          datalist,
          note,
        )
      : h('div', {}, typed, datalist, note);
  return { control, read, focusable: boxes[0]?.box ?? typed, fresh };
}

function control_(
  column: Column,
  value: FieldValue | undefined,
  id: string,
  choices: readonly Choice[] = [],
): Omit<Field, 'key' | 'column' | 'error'> & { control: HTMLElement } {
  const describedBy = column.help ? `${id}-help` : undefined;
  const help = column.help ? h('div', { class: 'help', id: `${id}-help` }, column.help) : null;
  switch (column.type) {
    case 'ref': {
      // One row of another table, by its id; the current one stays offered even when it is no longer a choice.
      const current = typeof value === 'string' ? value : '';
      const select = h('select', { id, 'aria-describedby': describedBy });
      const choose = (list: readonly Choice[]) => {
        const keep = select.options.length ? select.value : current;
        const offered =
          keep && !list.some((c) => c.value === keep) ? [...list, { value: keep, label: keep }] : list;
        select.replaceChildren(
          h('option', { value: '' }, '—'),
          ...offered.map((c) => h('option', { value: c.value, selected: c.value === keep }, c.label)),
        );
      };
      choose(choices);
      return { control: h('div', {}, select, help), read: () => select.value, focusable: select, choose };
    }
    case 'bool': {
      const input = h('input', {
        type: 'checkbox',
        id,
        checked: value === true,
        'aria-describedby': describedBy,
      });
      return { control: h('div', {}, input, help), read: () => input.checked, focusable: input };
    }
    case 'enum': {
      const select = h(
        'select',
        { id, required: column.required },
        h('option', { value: '' }, '—'),
        ...(column.options ?? []).map((o) => h('option', { value: o, selected: o === value }, o)),
      );
      // A hand-typed value that is not a choice stays visible instead of silently becoming "—".
      if (typeof value === 'string' && value && !(column.options ?? []).includes(value)) {
        select.append(h('option', { value, selected: true }, `${value} (not a choice)`));
      }
      return { control: select, read: () => select.value, focusable: select };
    }
    case 'ids':
    case 'multi': {
      const chosen = new Set(Array.isArray(value) ? value : []);
      const all: readonly Choice[] =
        column.type === 'ids' ? choices : (column.options ?? []).map((o) => ({ value: o, label: o }));
      const boxes = all.map((o) => {
        const boxId = nextId(`${id}-opt`);
        const box = h('input', { type: 'checkbox', id: boxId, value: o.value, checked: chosen.has(o.value) });
        return { box, el: h('div', { class: 'check' }, box, h('label', { for: boxId }, o.label)) };
      });
      const fieldset = h(
        'fieldset',
        { id, class: boxes.length > 8 ? 'long' : undefined },
        h('legend', {}, column.header),
        ...boxes.map((b) => b.el),
      );
      const extra = [...chosen].filter((c) => !all.some((o) => o.value === c));
      return {
        control: fieldset,
        read: () => [...boxes.filter((b) => b.box.checked).map((b) => b.box.value), ...extra],
        focusable: boxes[0]?.box ?? fieldset,
      };
    }
    case 'longtext': {
      const area = h('textarea', {
        id,
        rows: 3,
        maxlength: column.max ?? 500,
        'aria-describedby': describedBy,
      });
      area.value = typeof value === 'string' ? value : '';
      return { control: h('div', {}, area, help), read: () => area.value, focusable: area };
    }
    default: {
      const type =
        { date: 'date', email: 'email', url: 'url', phone: 'tel' }[column.type as string] ?? 'text';
      const input = h('input', {
        id,
        type,
        required: column.required,
        maxlength: column.max ?? 500,
        'aria-describedby': describedBy,
      });
      input.value = typeof value === 'string' ? value : '';
      // A web address typed without https:// is shown completed as soon as the field is left.
      if (column.type === 'url')
        input.addEventListener('blur', () => {
          const checked = checkField(column, input.value);
          if (checked.ok && typeof checked.value === 'string' && checked.value !== input.value)
            input.value = checked.value;
        });
      return { control: h('div', {}, input, help), read: () => input.value, focusable: input };
    }
  }
}
