// Two sidebars editing the same partner, every interleaving with a person sorting, inserting, editing
// or deleting rows by hand, set-up, or a third sidebar adding a partner: no lost update (the later save
// is refused with "changed by someone else" and both versions, then saves after reloading), no
// duplicated row, nothing written on another partner's row. Also: a lock held elsewhere. The machinery
// and the model are in concurrency-model.ts.
import type { SaveResult } from '../../src/shared/contract';
import type { Partner } from '../../src/shared/records';
import { cpuMs } from './arbitraries';
import {
  directory,
  editableValues,
  entryOf,
  interleavings,
  newBase,
  newWorld,
  ok,
  OTHERS,
  runAll,
  SCENARIOS,
  summary,
} from './concurrency-model';
import { tally } from '../report';

let cpu = 0;
afterAll(() => tally(summary(cpu)));

describe('two sidebars on one partner and the people around them, every interleaving', () => {
  for (const scenario of SCENARIOS.slice(0, 2)) {
    it(`${scenario.name}: with a sort, an insert, a hand edit, a delete, set-up or another save`, () => {
      const t = cpuMs();
      runAll(scenario, [[], ...OTHERS]);
      cpu += cpuMs() - t;
    }, 120_000);
  }
});

describe('a lock held by another execution', () => {
  it('makes a save, a new partner, a contact, a check-in and set-up fail with a clear message and write nothing', () => {
    const world = newWorld(newBase(true));
    const entry = entryOf(directory(world), 'Xavier Tutors')!;
    const before = world.addOn.workspace.inspect();
    const release = world.addOn.workspace.locks.holdDocumentLock();
    const edit = {
      id: entry.record.id,
      version: entry.version,
      values: { ...editableValues(entry.record), notes: 'mine' },
    };
    const attempts: [string, unknown[]][] = [
      ['savePartner', [edit]],
      ['savePartner', [{ values: { name: 'New While Locked', status: 'active' } }]],
      ['saveContact', [{ values: { partnerId: entry.record.id, name: 'Ana' } }]],
      ['logCheckIn', [{ values: { partnerId: entry.record.id, date: '2026-10-01' } }]],
      ['setUpDatabase', []],
    ];
    for (const [name, args] of attempts) {
      expect([name, world.addOn.run(name, ...args)]).toEqual([
        name,
        {
          ok: false,
          message: 'Someone else is saving to this spreadsheet right now. Try again in a moment.',
        },
      ]);
    }
    // Reading needs no lock.
    expect(directory(world).partners).toHaveLength(4);
    expect(world.addOn.workspace.inspect()).toEqual(before);
    release();
    expect(ok<SaveResult<Partner>>(world.addOn, 'savePartner', edit).status).toBe('saved');
    // The hand-typed row got its id when the directory first loaded, so set-up finds none to give.
    expect(ok<{ idsAssigned: number }>(world.addOn, 'setUpDatabase').idsAssigned).toBe(0);
  });
});

describe('the interleaving generator', () => {
  it('gives every order-keeping merge once', () => {
    const all = interleavings([['a1', 'a2'], ['b1', 'b2'], ['c1']]);
    expect(all).toHaveLength(30); // 5! / (2! 2! 1!)
    expect(new Set(all.map((s) => s.join())).size).toBe(30);
    for (const s of all) {
      expect(s.indexOf('a1')).toBeLessThan(s.indexOf('a2'));
      expect(s.indexOf('b1')).toBeLessThan(s.indexOf('b2'));
    }
    expect(
      interleavings([
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ]),
    ).toHaveLength(90);
    expect(interleavings([['a', 'b'], ['c', 'd'], ['e'], ['f']])).toHaveLength(180);
  });
});
