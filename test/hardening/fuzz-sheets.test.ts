// Hand-edited sheets, fuzzed: everything people do at once (see fuzz-columns and fuzz-cells for each
// kind alone). Partners is mangled hard, Contacts lightly; then set-up, the directory, an edit of one
// partner and a new partner. The property and its checks are in fuzz-case.ts.
import { fuzzSuite } from './fuzz';

describe('hand-edited partner spreadsheets: everything at once', () => {
  fuzzSuite(
    'columns, rows and cells mangled together survive set-up, an edit and a new partner',
    { columns: true, rows: true, cells: true },
    20261115,
    200,
  );
});
