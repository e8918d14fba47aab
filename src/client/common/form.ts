// A form for any table, built from the shared schema: the same declaration that sets up the sheet.
import type { Column, Table } from '../../shared/schema';
import type { FieldValue } from '../../shared/records';
import { checkField, isEditable } from '../../shared/fields';
import { h, nextId } from './dom';

/** One choice of an id-list field: the id stored, the name shown. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface FormHandle {
  readonly element: HTMLFormElement;
  values(): Record<string, FieldValue>;
  /** Offers other choices in a one-choice field (a need's partner, after its focus area changed). */
  setChoices(key: string, choices: readonly Choice[]): void;
  /** Shows each message beside its field (and returns whether there were any). */
  showErrors(errors: Readonly<Record<string, string>>): boolean;
}

export function schemaForm(
  table: Table,
  initial: Readonly<Record<string, FieldValue>>,
  options: {
    submitLabel: string;
    fixed?: Readonly<Record<string, FieldValue>>;
    only?: readonly string[];
    choices?: Readonly<Record<string, readonly Choice[]>>;
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
  const readers: Record<string, () => FieldValue> = {};
  const choosers: Record<string, (choices: readonly Choice[]) => void> = {};
  const errorSlots: Record<string, HTMLElement> = {};
  const inputs: Record<string, HTMLElement> = {};
  const summary = h('div', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': `${table.tab} form` }, summary);
  for (const column of columns) {
    const id = nextId(column.key);
    const error = h('div', { class: 'field-error', id: `${id}-error`, hidden: true });
    errorSlots[column.key] = error;
    const { control, read, focusable, choose } = control_(
      column,
      initial[column.key],
      id,
      options.choices?.[column.key],
    );
    readers[column.key] = read;
    if (choose) choosers[column.key] = choose;
    inputs[column.key] = focusable;
    const label =
      column.type === 'multi' || column.type === 'ids'
        ? null
        : h(
            'label',
            { for: id },
            column.header,
            column.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
          );
    form.append(h('div', { class: `field field-${column.type}` }, label, control, error));
  }
  const handle: FormHandle = {
    element: form,
    values: () => {
      const out: Record<string, FieldValue> = { ...(options.fixed ?? {}) };
      for (const column of columns) out[column.key] = readers[column.key]();
      return out;
    },
    setChoices: (key, choices) => choosers[key]?.(choices),
    showErrors: (errors) => {
      let first: HTMLElement | undefined;
      for (const column of columns) {
        const message = errors[column.key];
        const slot = errorSlots[column.key];
        slot.textContent = message ?? '';
        slot.hidden = !message;
        const input = inputs[column.key];
        if (message) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', slot.id);
          first ??= input;
        } else {
          input.removeAttribute('aria-invalid');
        }
      }
      const other = Object.entries(errors).filter(([k]) => !columns.some((c) => c.key === k));
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
    const values = handle.values();
    for (const column of columns) {
      const result = checkField(column, values[column.key]);
      if (!result.ok) errors[column.key] = result.message;
    }
    if (!handle.showErrors(errors)) options.onSubmit(handle);
  });
  return handle;
}

function control_(
  column: Column,
  value: FieldValue | undefined,
  id: string,
  choices: readonly Choice[] = [],
): {
  control: HTMLElement;
  read: () => FieldValue;
  focusable: HTMLElement;
  choose?: (choices: readonly Choice[]) => void;
} {
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
      return { control: h('div', {}, input, help), read: () => input.value, focusable: input };
    }
  }
}
