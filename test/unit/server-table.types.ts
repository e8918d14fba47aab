// Compile-time checks of the server's table against the contract, for tsc (`npm run typecheck`), not jest:
// each line marked @ts-expect-error must fail to compile, or tsc reports the marker unused and fails.
import { SERVER_FUNCTIONS, type ServerTable } from '../../src/server/api';
import { text } from '../../src/server/args';

const { planYear: _planYear, ...withoutPlanYear } = SERVER_FUNCTIONS;

// @ts-expect-error a function of the contract with no entry
export const missing: ServerTable = withoutPlanYear;

export const extra: ServerTable = {
  ...SERVER_FUNCTIONS,
  // @ts-expect-error an entry the contract does not declare
  notInTheContract: { args: [], run: () => null },
};

export const wrongCheck: ServerTable = {
  ...SERVER_FUNCTIONS,
  // @ts-expect-error an argument checked as another type (the year plan request checked as text)
  planYear: { ...SERVER_FUNCTIONS.planYear, args: [text(10)] },
};

export const missingCheck: ServerTable = {
  ...SERVER_FUNCTIONS,
  // @ts-expect-error a function of two arguments with a check for one
  makeAgenda: { ...SERVER_FUNCTIONS.makeAgenda, args: [text(10)] },
};

export const wrongResult: ServerTable = {
  ...SERVER_FUNCTIONS,
  // @ts-expect-error a result the contract does not declare
  writeDashboard: { args: [], run: () => ({ tab: 42 }) },
};

// The table itself compiles: the lines above fail for what they change, not for what they keep.
export const same: ServerTable = { ...SERVER_FUNCTIONS };
