// Hand-edited sheets, fuzzed: blank, half-filled and header-looking rows, cleared and duplicate ids,
// wrong types (text in dates, numbers and booleans in text, formulas), very long, emoji and
// right-to-left text. Then set-up, the directory, an edit and a new partner: nothing lost, every bad
// cell flagged on its own row.
import { fuzzSuite } from './fuzz';

describe('hand-edited partner spreadsheets: rows and cells', () => {
  fuzzSuite(
    'rows and cells typed by hand survive set-up, an edit and a new partner, flagged where bad',
    { columns: false, rows: true, cells: true },
    20261015,
    200,
  );
});
