// What every view of the Sheets sidebar shares: the page's regions, the loaded directory, and the
// status line that says what is happening or what went wrong.
import type { Directory } from '../../shared/contract';
import { call } from '../common/run';

export const view = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

export const state: { directory?: Directory } = {};

export function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = kind === 'error' ? 'status error' : 'status';
  status.hidden = !message;
}

export async function busy<T>(message: string, work: () => Promise<T>): Promise<T | undefined> {
  say(message);
  view.setAttribute('aria-busy', 'true');
  try {
    const result = await work();
    say('');
    return result;
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
    return undefined;
  } finally {
    view.removeAttribute('aria-busy');
  }
}

export async function reload(): Promise<void> {
  const fresh = await busy('Loading…', () => call('getDirectory'));
  if (fresh) state.directory = fresh;
}

/** Moves keyboard focus to a view's heading, so screen readers announce the new view. */
export function focusHeading(id: string): void {
  (document.getElementById(id) as HTMLElement | null)?.focus();
}

export function partnerName(id: string): string {
  return state.directory?.partners.find((p) => p.record.id === id)?.record.name ?? id;
}
