// Issue 11's budgets at hundreds of rows (400 answers, 500 gatherings or partners): the same cases and
// rules as test/integration/budgets.test.ts, seconds a case; 5,000 partners too when BUDGETS_ALL is set.
import { heldCases, holdBudget } from '../integration/budget-cases';

describe('budgets at scale (issue 11)', () => {
  it.each(heldCases('scale').map((c) => [c.name, c] as const))('%s', (_name, c) => holdBudget(c));
});
