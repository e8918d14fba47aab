// A failure at each service call of one makeAgenda, then a retry: exactly one agenda Doc, linked.
// (Slow: one fresh add-on per call. The Drive behaviour itself is in test/integration/drive-file.test.ts.)
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type { AgendaResult } from '../../src/shared/contract';
import { directory, docIdOf, liveDocs, madeAgenda, ok, plannedYear } from '../integration/helpers';

const NOW = new Date('2026-08-20T15:00:00Z');

describe('a failure between making a Doc and linking it', () => {
  it('then a retry leaves exactly one agenda Doc, whichever call failed', () => {
    const base = loadAddOn({ now: () => NOW });
    seedDemoSchool(base, '2026-08-20');
    const [g] = plannedYear(base);
    const state = base.workspace.toJSON();
    const title = `${g.record.title} – ${g.record.date}`;

    const clean = loadAddOn({ now: () => NOW, state });
    clean.workspace.calls.reset();
    madeAgenda(clean, g.record.id);
    const calls = clean.workspace.calls.total();
    expect(calls).toBeGreaterThan(10);

    let between = 0;
    let unrecorded = 0;
    // Every call up to 40 (the Doc is made and recorded among them), every 4th after (FAULT_POINTS=999: all).
    const dense = Math.max(40, Number(process.env.FAULT_POINTS ?? 0));
    for (let at = 1; at <= calls; at += at < dense ? 1 : 4) {
      const addOn = loadAddOn({ now: () => NOW, state });
      const w = addOn.workspace;
      w.calls.failAt(at, 'We are sorry, a server error occurred. Please wait a bit and try again.');
      const first = addOn.run('makeAgenda', g.record.id, false);
      w.calls.clearFault();
      const left = liveDocs(addOn).filter((d) => d.name === title).length;
      const record = w.services.PropertiesService.getDocumentProperties().getProperty(
        `partnerHub.pendingDoc.agenda:${g.record.id}`,
      );
      const retry = ok<AgendaResult>(addOn, 'makeAgenda', g.record.id, false);
      if (!first.ok && left === 1 && retry.status === 'made') between += 1;
      // Stopped after the Doc was made and before its id was recorded: the record still says "making".
      if (!first.ok && left === 1 && record?.startsWith('{')) unrecorded += 1;
      const docs = liveDocs(addOn).filter((d) => d.name === title);
      const url = directory(addOn).gatherings.find((x) => x.record.id === g.record.id)?.record.agendaUrl;
      const where = `fault at call ${at} of ${calls}`;
      expect([where, docs.length]).toEqual([where, 1]);
      expect([where, docIdOf(url ?? '')]).toEqual([where, docs[0].id]);
      expect([where, retry.url]).toEqual([where, url]);
    }
    expect(unrecorded).toBeGreaterThan(0);
    // The Doc existed and was not linked yet at many of those points: the retry finished that Doc.
    expect(between).toBeGreaterThan(5);
  });
});
