// What the bench measures: whole user actions. An action is what one click or one trigger does end to
// end, driven the way the sidebar drives it (every google.script.run call it makes, as often as it
// makes them), counted on the in-memory Workspace: service calls by service, executions, and the bytes
// that reach the page. `npm run bench` prints every action; test/integration/budgets.test.ts holds the
// budgets. Both import the same cases (dev/bench/cases/).
import { loadAddOn, type AddOn } from '../gas';
import { NO_FILTERS } from '../../src/shared/partner-filter';

/** Rough costs on Google (issue 11): a service call 0.05–0.3 s, a round trip or trigger run 0.5–1.5 s. */
export const SECONDS_PER_CALL = 0.1;
export const SECONDS_PER_EXECUTION = 1;

export interface Figures {
  /** Service calls by service (SpreadsheetApp, MailApp, …): what Apps Script charges for. */
  readonly byService: Record<string, number>;
  readonly byMethod: Record<string, number>;
  readonly calls: number;
  /** google.script.run calls plus trigger runs. */
  readonly executions: number;
  /** JSON of every result the page got (for openSidebar, the sidebar's HTML), UTF-8 bytes. */
  readonly bytes: number;
  /** calls × SECONDS_PER_CALL + executions × SECONDS_PER_EXECUTION. */
  readonly seconds: number;
  /**
   * The part of the above that is the sidebar reloading its data after the action (Session.reload):
   * counted in the action, budgeted by the sidebar's own cases, so budgets here leave it out.
   */
  readonly reload: { readonly calls: number; readonly executions: number; readonly bytes: number };
  /** calls − reload.calls: what a budget's "calls" holds. */
  readonly own: number;
  /** The most calls of each service that one execution made. */
  readonly perExecution: Record<string, number>;
}

export interface Budget {
  /** The budget in words, as the bench prints it. */
  readonly text: string;
  /** Returns what is over budget, or '' when within. */
  readonly check: (f: Figures) => string;
}

/** One execution at a time, as the page or a trigger makes them. */
export class Session {
  executions = 0;
  bytes = 0;
  readonly reloaded = { calls: 0, executions: 0, bytes: 0 };
  readonly perExecution: Record<string, number> = {};

  constructor(readonly addOn: AddOn) {}

  /** Runs `executions` executions, keeping the most calls of each service one of them made. */
  private counted<T>(work: () => T, executions: (result: T) => number = () => 1): T {
    // Time passes between one click or trigger and the next, as on Google: a stamp written now is not
    // the one written before, so a write of it is counted.
    this.addOn.workspace.clock.advance(1000);
    const before = this.addOn.workspace.calls.byService();
    const result = work();
    const runs = executions(result);
    this.executions += runs;
    for (const [service, n] of Object.entries(this.addOn.workspace.calls.byService())) {
      const each = (n - (before[service] ?? 0)) / Math.max(runs, 1);
      this.perExecution[service] = Math.max(this.perExecution[service] ?? 0, each);
    }
    return result;
  }

  /** One google.script.run call: its result is what the page receives. */
  run<T = unknown>(name: string, ...args: unknown[]): T {
    const outcome = this.counted(() => this.addOn.run(name, ...args));
    if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
    this.bytes += Buffer.byteLength(JSON.stringify(outcome.value ?? null), 'utf8');
    return outcome.value as T;
  }

  /**
   * What the sidebar does after an action to show its result: it fetches its first screen again
   * (partners.ts reloadHome: getHome with the first page of the directory and the counts).
   */
  reload(): void {
    const calls = this.addOn.workspace.calls.total();
    const bytes = this.bytes;
    this.run('getHome', { ...NO_FILTERS, offset: 0, limit: 100 });
    this.reloaded.calls += this.addOn.workspace.calls.total() - calls;
    this.reloaded.executions += 1;
    this.reloaded.bytes += this.bytes - bytes;
  }

  /** Opens the Sheets sidebar from the menu: one execution; the page gets the HTML (with its data). */
  openSidebar(): void {
    const { sidebars } = this.addOn.workspace.ui;
    const before = sidebars.length;
    this.counted(() => this.addOn.call('openSidebar'));
    if (sidebars.length !== before + 1) throw new Error('openSidebar showed no sidebar');
    this.bytes += Buffer.byteLength(sidebars[sidebars.length - 1].html, 'utf8');
  }

  /** Something that runs triggers (a form answer, the clock): each trigger run is one execution. */
  triggers<T>(fire: () => T, runs: (result: T) => number): T {
    return this.counted(fire, runs);
  }
}

export interface Action<State = unknown> {
  readonly name: string;
  /** Issue 11's table row this action answers to, for the README's performance table. */
  readonly row?: string;
  /** Partners in the spreadsheet, when the action is measured at several sizes. */
  readonly partners?: number;
  /** Who owns the budget, when it is someone else's work in progress: then the test does not hold it yet. */
  readonly pending?: string;
  /** Builds the state before the click; not counted. */
  readonly prepare: () => { addOn: AddOn; state: State };
  /** The click (or trigger) itself, end to end. */
  readonly run: (session: Session, state: State) => void;
  /** Issue 11's target for the action. */
  readonly budget?: Budget;
  /**
   * While the target is not met: the figures it has now, which the test holds so that nothing gets
   * worse (calls besides the reload, executions). The bench still prints the target as missed.
   */
  readonly ceiling?: { readonly calls: number; readonly executions?: number };
}

/** Keeps each action's state type while listing actions of different states together. */
export function action<State>(a: Action<State>): Action {
  return a as unknown as Action;
}

export function measure(a: Action): Figures {
  const { addOn, state } = a.prepare();
  const calls = addOn.workspace.calls;
  calls.reset();
  const session = new Session(addOn);
  a.run(session, state);
  const total = calls.total();
  return {
    byService: calls.byService(),
    byMethod: calls.byMethod(),
    calls: total,
    executions: session.executions,
    bytes: session.bytes,
    seconds: total * SECONDS_PER_CALL + session.executions * SECONDS_PER_EXECUTION,
    reload: { ...session.reloaded },
    own: total - session.reloaded.calls,
    perExecution: { ...session.perExecution },
  };
}

/** A budget on totals; each limit given must hold. */
export function within(limits: {
  calls?: number;
  executions?: number;
  bytes?: number;
  service?: Record<string, number>;
  /** Calls of a service in any one execution (a trigger run counts as its share of what fired it). */
  perExecution?: Record<string, number>;
}): Budget {
  const parts: string[] = [];
  if (limits.calls !== undefined) parts.push(`≤ ${limits.calls} calls besides the reload`);
  for (const [s, n] of Object.entries(limits.service ?? {})) parts.push(`≤ ${n} ${s} calls`);
  for (const [s, n] of Object.entries(limits.perExecution ?? {}))
    parts.push(`≤ ${n} ${s} calls an execution`);
  if (limits.executions !== undefined) parts.push(`≤ ${limits.executions} executions`);
  if (limits.bytes !== undefined) parts.push(`≤ ${kb(limits.bytes)} to the page`);
  return {
    text: parts.join(', '),
    check: (f) => {
      const over: string[] = [];
      if (limits.calls !== undefined && f.own > limits.calls) over.push(`${f.own} calls`);
      for (const [s, n] of Object.entries(limits.service ?? {}))
        if ((f.byService[s] ?? 0) > n) over.push(`${f.byService[s]} ${s} calls`);
      for (const [s, n] of Object.entries(limits.perExecution ?? {}))
        if ((f.perExecution[s] ?? 0) > n)
          over.push(`${Number((f.perExecution[s] ?? 0).toFixed(1))} ${s} calls in one execution`);
      if (limits.executions !== undefined && f.executions > limits.executions)
        over.push(`${f.executions} executions`);
      if (limits.bytes !== undefined && f.bytes > limits.bytes) over.push(`${kb(f.bytes)}`);
      return over.join(', ');
    },
  };
}

export function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function mustRun<T = unknown>(addOn: AddOn, name: string, ...args: unknown[]): T {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
  return outcome.value as T;
}

export const TODAY = '2026-11-23';

export function fresh(): AddOn {
  return loadAddOn({ now: () => new Date(`${TODAY}T15:00:00Z`) });
}
