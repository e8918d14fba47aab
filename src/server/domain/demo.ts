// The demo school as rows for the add-on's "Try with demo data": every id (and every reference to one)
// marked as demo, and each partner's notes saying it is made up. Pure: no Apps Script here.
import { DEMO_NOTE, demoId } from '../../shared/demo';
import { TABLES, type TableKey } from '../../shared/schema';
import { demoData } from './demo-school';
import type { Rec } from './table';

/** The tables the demo fills, in the order they are written (referenced rows first). */
export const DEMO_TABLES = ['schools', 'partners', 'contacts', 'agreements', 'checkIns', 'needs'] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

export function demoRows(today: string, now: string): Record<DemoTable, Rec[]> {
  const data = demoData(today);
  const mark = (key: TableKey, row: object): Rec => {
    const out: Rec = {};
    for (const [field, value] of Object.entries(row) as [string, Rec[string]][]) {
      const column = TABLES[key].columns.find((c) => c.key === field);
      out[field] =
        (column?.type === 'id' || column?.type === 'ref') && typeof value === 'string' && value
          ? demoId(value)
          : value;
    }
    return { ...out, created: now, updated: now };
  };
  return {
    schools: data.schools.map((r) => mark('schools', r)),
    partners: data.partners.map((r) => mark('partners', { ...r, notes: DEMO_NOTE })),
    contacts: data.contacts.map((r) => mark('contacts', r)),
    agreements: data.agreements.map((r) => mark('agreements', r)),
    checkIns: data.checkIns.map((r) => mark('checkIns', r)),
    needs: data.needs.map((r) => mark('needs', r)),
  };
}
