// Every bench case: the bench prints them all, test/integration/budgets.test.ts holds every budget that
// is not `pending`. Add a file here per area and list its array below.
import type { Action } from '../action';
import { CORE } from './core';
import { CALENDAR } from './calendar';
import { SIDEBAR } from './sidebar';
import { MAIL } from './mail';
import { INTAKE } from './intake';

export const CASES: readonly Action[] = [...CORE, ...SIDEBAR, ...CALENDAR, ...MAIL, ...INTAKE];
