// Ui: menus, sidebars and alerts, all recorded in a UiRecord that tests and the preview read. Alerts
// answer from a queue the test fills (default: the first button).
import { Counted, Env, type MenuEntry, type UiRecord } from './env';
import { FakeHtmlOutput } from './html';

export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});

/** The sidebar's fixed width in Sheets; setWidth on the output does not change it. */
export const SIDEBAR_WIDTH = 300;

export class FakeMenu extends Counted {
  readonly items: MenuEntry[] = [];
  constructor(
    env: Env,
    private readonly record: UiRecord,
    readonly title: string,
    private readonly addon: boolean,
  ) {
    super(env, 'Ui', 'Menu');
  }
  addItem(caption: string, functionName: string): this {
    this.rec('addItem');
    this.items.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this.rec('addSeparator');
    this.items.push({ kind: 'separator', caption: '', functionName: '' });
    return this;
  }
  addToUi(): void {
    this.rec('addToUi');
    const entry = { title: this.title, addon: this.addon, items: this.items.map((i) => ({ ...i })) };
    const at = this.record.menus.findIndex((m) => m.title === this.title && m.addon === this.addon);
    if (at === -1) this.record.menus.push(entry);
    else this.record.menus[at] = entry;
  }
}

function firstButton(buttons: string): string {
  return buttons.startsWith('YES') ? 'YES' : 'OK';
}

export class FakeUi extends Counted {
  readonly ButtonSet = ButtonSet;

  constructor(
    env: Env,
    private readonly record: UiRecord,
    private readonly addonName: string,
  ) {
    super(env, 'Ui', null);
  }
  private output(userInterface: unknown): ReturnType<FakeHtmlOutput['snapshot']> {
    if (!(userInterface instanceof FakeHtmlOutput)) return this.env.fail('Invalid argument: userInterface');
    return userInterface.snapshot();
  }
  private answer(buttons: string): string {
    return this.record.answers.shift() ?? firstButton(buttons);
  }
  createAddonMenu(): FakeMenu {
    this.rec('createAddonMenu');
    return new FakeMenu(this.env, this.record, this.addonName, true);
  }
  showSidebar(userInterface: unknown): void {
    this.rec('showSidebar');
    const o = this.output(userInterface);
    this.record.sidebars.push({ title: o.title, html: o.html, width: SIDEBAR_WIDTH });
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: string, b?: unknown, c?: unknown): string {
    this.rec('alert');
    const [title, prompt, buttons] =
      c !== undefined
        ? [String(a), String(b), String(c)]
        : ['', String(a), b === undefined ? 'OK' : String(b)];
    const response = this.answer(buttons);
    this.record.alerts.push({ title, prompt, buttons, response });
    return response;
  }
}
