// google.script.run as promises, typed by the shared contract.
import type { ServerApi, ServerFunction } from '../../shared/contract';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
  [name: string]: unknown;
}

declare const google: { script: { run: Runner } };

export function call<K extends ServerFunction>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(new Error(messageOf(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') return reject(new Error(`The server has no function ${name}.`));
    fn.apply(runner, args);
  });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** The data the server evaluated into the page (HtmlService template), so the first view needs no round trip. */
export function bootData<T>(): T | undefined {
  return (window as unknown as { __BOOT__?: T }).__BOOT__;
}
