// Hand-edited sheets, fuzzed: columns reordered, headers renamed in other case and spacing, a column
// of ours deleted, extra columns with data and formulas, a person's copy of one of our columns. Then
// set-up, the directory, an edit and a new partner: nothing lost, only clear failures.
import { fuzzSuite } from './fuzz';

describe('hand-edited partner spreadsheets: columns', () => {
  fuzzSuite(
    'columns moved, renamed, deleted and added survive set-up, an edit and a new partner',
    { columns: true, rows: false, cells: false },
    20260915,
    200,
  );
});
