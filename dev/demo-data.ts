// The demo school (src/server/domain/demo-school.ts, shared with the add-on's "Try with demo data"), and a
// larger network made from it for the benchmark.
import { demoData, type DemoData } from '../src/server/domain/demo-school';

export { demoData, type DemoData };

/** A larger network's data for the benchmark: `n` partners with about 2.5 contacts each. */
export function scaledData(n: number, today: string): DemoData {
  const one = demoData(today);
  const out: DemoData = {
    schools: one.schools,
    partners: [],
    contacts: [],
    agreements: [],
    checkIns: [],
    needs: one.needs,
  };
  const copies = Math.ceil(n / one.partners.length);
  for (let c = 0; c < copies; c++) {
    const suffix = c === 0 ? '' : ` ${c + 1}`;
    const tag = (id: string) =>
      c === 0 ? id : `${id.slice(0, 2)}${(c + 1).toString(16).padStart(3, '0')}${id.slice(5)}`;
    for (const p of one.partners)
      if (out.partners.length < n) out.partners.push({ ...p, id: tag(p.id), name: p.name + suffix });
    const kept = new Set(out.partners.map((p) => p.id));
    for (const k of one.contacts) {
      const copy = { ...k, id: tag(k.id), partnerId: tag(k.partnerId) };
      if (kept.has(copy.partnerId))
        out.contacts.push(copy, { ...copy, id: `${copy.id.slice(0, -1)}z`, primary: false });
    }
    for (const a of one.agreements)
      if (kept.has(tag(a.partnerId)))
        out.agreements.push({ ...a, id: tag(a.id), partnerId: tag(a.partnerId) });
    for (const k of one.checkIns)
      if (kept.has(tag(k.partnerId))) out.checkIns.push({ ...k, id: tag(k.id), partnerId: tag(k.partnerId) });
  }
  return out;
}
