// Text a coordinator types stays the text they typed: Sheets' typed-input parsing (which the in-memory
// Workspace follows) would turn each of these into a number or a date if it were written as is.
import { TABLES } from '../../src/shared/schema';
import { addPartner, directory, setUpAddOn } from './helpers';

describe('text fields', () => {
  it('keep "1e5", "12/31", "3-8", "Jan 5" and "(123)" as typed, in the sheet and in the sidebar', () => {
    const addOn = setUpAddOn();
    const typed = { name: '1e5', grades: '3-8', services: 'Jan 5', notes: '12/31', funding: '(123)' };
    const saved = addPartner(addOn, typed);
    expect(saved.record).toMatchObject(typed);
    expect(directory(addOn).partners[0].record).toMatchObject(typed);
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Partners')!;
    const header = tab.values[0].map(String);
    const row = tab.values[1];
    for (const [key, text] of Object.entries(typed)) {
      const wanted = TABLES.partners.columns.find((c) => c.key === key)?.header;
      const column = header.indexOf(wanted ?? key);
      expect([key, row[column]]).toEqual([key, text]);
    }
  });
});
