// Asking before any email goes to partners: the confirmation names how many go, the day's quota and when
// the rest go, and who signs them. The signature (name, role, school) is asked for once, in the
// confirmation itself when Settings do not have it yet, and saved there.
import type { MailPlan, Sender } from '../../shared/contract';
import { call } from '../common/run';
import { h } from '../common/dom';
import { askToConfirm } from '../common/dialog';
import { busy } from './app';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Friday, May 21, 3:00 PM" in the coordinator's own time zone. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** The quota and the timing, in words a confirmation can say. */
export function quotaLines(plan: MailPlan): string[] {
  const lines = [`You can send ${plural(plan.quota, 'more email')} today (Google’s daily limit).`];
  if (plan.later)
    lines.push(
      plan.today
        ? `${plan.today} go now. The other ${plan.later} wait for the quota: Partner Hub sends them by itself from about ${when(plan.laterAt)}.`
        : `None can go now. Partner Hub sends them by itself from about ${when(plan.laterAt)}, when the quota allows.`,
    );
  return lines;
}

export interface SignatureInputs {
  readonly fields: HTMLElement[];
  /** The signature as typed. */
  readonly read: () => Sender;
  /** '' when every part is given, else what to give. */
  readonly check: () => string;
}

let made = 0;

/** Name, role and school inputs (the school filled in from the Schools tab), for a dialog or Settings. */
export function signatureInputs(given: Partial<Sender>, school: string): SignatureInputs {
  made += 1;
  const input = (key: keyof Sender, label: string, value: string, help?: string) => {
    const id = `sig-${key}-${made}`;
    const el = h('input', { id, type: 'text', maxlength: key === 'school' ? 200 : 100, autocomplete: 'off' });
    el.value = value;
    return {
      el,
      box: h(
        'div',
        { class: 'filter' },
        h('label', { for: id }, label),
        el,
        help ? h('div', { class: 'help' }, help) : null,
      ),
    };
  };
  const name = input('name', 'Your name', given.name ?? '');
  const role = input('role', 'Your role', given.role ?? '', 'For example, Community schools coordinator');
  const schoolInput = input('school', 'Your school', given.school ?? school);
  const read = (): Sender => ({
    name: name.el.value.trim(),
    role: role.el.value.trim(),
    school: schoolInput.el.value.trim(),
  });
  return {
    fields: [name.box, role.box, schoolInput.box],
    read,
    check: () => {
      const s = read();
      const missing = [!s.name && 'your name', !s.role && 'your role', !s.school && 'your school'].filter(
        (x): x is string => Boolean(x),
      );
      return missing.length ? `Give ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}.` : '';
    },
  };
}

/**
 * Asks before emails go to partners. When the signature is missing, the dialog asks for it and it is
 * saved to Settings before anything is sent. True when the coordinator confirmed (and the signature,
 * if asked for, was saved).
 */
export async function confirmMail(
  plan: MailPlan,
  ask: { title: string; body: readonly string[]; confirm: string },
  near: Element,
): Promise<boolean> {
  const inputs = plan.sender ? null : signatureInputs({}, plan.school);
  const body = [
    ...ask.body,
    ...quotaLines(plan),
    plan.sender
      ? `Signed: ${plan.sender.name}, ${plan.sender.role}, ${plan.sender.school}.`
      : 'Each email ends with your name, role and school. Give them once: Partner Hub keeps them in Settings.',
  ];
  const go = await askToConfirm({
    title: ask.title,
    body,
    confirm: ask.confirm,
    cancel: 'Don’t send',
    danger: true,
    fields: inputs?.fields,
    check: inputs?.check,
  });
  if (!go) return false;
  if (!inputs) return true;
  const saved = await busy(
    'Saving your signature…',
    () => call('saveSettings', { sender: inputs.read() }),
    near,
  );
  return Boolean(saved);
}
