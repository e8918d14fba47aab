// Confirmations inside the sidebar: a small modal <dialog> that says the consequence in words, never the
// browser's confirm() or alert() (which Apps Script's sandboxed frame shows as a page-wide box naming the
// script's domain, or not at all).
import { h } from './dom';

export interface Confirmation {
  /** The question, e.g. "Send the survey to 24 partners?" */
  title: string;
  /** What will happen, one paragraph per line. */
  body: readonly string[];
  /** The button that goes ahead, named by its action ("Send 24 emails"), never "OK". */
  confirm: string;
  /** The button that goes back; "Cancel" unless named. */
  cancel?: string;
  /** Destructive or outward-facing actions (deleting, emailing partners) show the confirm button in red. */
  danger?: boolean;
  /** What must be given first (labelled inputs), shown after the body. */
  fields?: readonly HTMLElement[];
  /** Checked on confirm: a message keeps the dialog open and is shown in it; '' lets it close. */
  check?: () => string;
}

/** Resolves true when the coordinator confirms, false when they go back (the button, Escape or a click outside). */
export function askToConfirm(ask: Confirmation): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Date.now()}`;
    const back = h('button', { type: 'button' }, ask.cancel ?? 'Cancel');
    const go = h('button', { type: 'button', class: ask.danger ? 'action danger' : 'action' }, ask.confirm);
    const problem = h('p', { class: 'error', role: 'alert', hidden: true });
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, ask.title),
      ...ask.body.map((line) => h('p', {}, line)),
      ...(ask.fields ?? []),
      problem,
      h('div', { class: 'confirm-actions' }, back, go),
    );
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let answered = false;
    const finish = (answer: boolean): void => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(answer);
    };
    back.addEventListener('click', () => finish(false));
    go.addEventListener('click', () => {
      const wrong = ask.check?.() ?? '';
      problem.textContent = wrong;
      problem.hidden = !wrong;
      if (!wrong) finish(true);
    });
    dialog.addEventListener('cancel', () => finish(false));
    dialog.addEventListener('close', () => finish(false));
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector<HTMLElement>('input, select, textarea') ?? back).focus();
  });
}
