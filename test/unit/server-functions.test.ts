// The server's table (SERVER_FUNCTIONS in src/server/api.ts) against the stubs of src/server/index.ts, which
// the build makes the script's top-level functions: the ones google.script.run can call.
import * as entry from '../../src/server/index';
import { SERVER_FUNCTION_NAMES } from '../../src/server/api';
import type { ServerFunction } from '../../src/shared/contract';

// Compile-time: index.ts exports a function for every name of the contract (tsc refuses this line otherwise).
const stubs: Readonly<Record<ServerFunction, (...args: unknown[]) => unknown>> = entry;

/**
 * The top-level functions that are not server functions: menu items, triggers, the add-on's lifecycle.
 * google.script.run can call these too, with no argument check, so each is listed here on purpose.
 */
const NOT_SERVED = [
  'onOpen',
  'onInstall',
  'openSidebar',
  'openDocsSidebar',
  'setUpFromMenu',
  'openHelp',
  'resumeJobs',
  'onSurveySubmit',
  'sendIntakeDigest',
];

const exported = Object.keys(entry).filter(
  (name) => typeof (entry as Readonly<Record<string, unknown>>)[name] === 'function',
);

describe('the top-level functions of index.ts', () => {
  it('are a stub for each server function of the table, and the menu items and triggers: no other', () => {
    expect(exported.filter((name) => !NOT_SERVED.includes(name)).sort()).toEqual(
      [...SERVER_FUNCTION_NAMES].sort(),
    );
    expect(NOT_SERVED.filter((name) => !exported.includes(name))).toEqual([]);
  });

  // A call with too many arguments is refused by the argument check of the function served, before
  // anything runs: the message names the function, so a stub serving another name is caught.
  it.each(SERVER_FUNCTION_NAMES.map((name) => [name]))(
    '%s serves its own entry of the table, arguments checked',
    (name) => {
      const tooMany = Array.from({ length: 99 }, () => '');
      expect(() => stubs[name](...tooMany)).toThrow(new RegExp(`^${name} takes \\d+ arguments?, not 99\\.$`));
    },
  );
});
