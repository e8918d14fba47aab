import { TABLES } from '../../../src/shared/schema';
import { mapHeaders, planWrites, readRows } from '../../../src/server/domain/table';
import { asText, dateInZone, fingerprint, fromCell, toCell } from '../../../src/server/domain/cells';

const partners = TABLES.partners;
const toDate = dateInZone('America/Chicago');
const column = (key: string) => partners.columns.find((c) => c.key === key)!;

describe('mapHeaders', () => {
  it('finds columns by header in any order, case and spacing, and lists the missing ones', () => {
    const map = mapHeaders(partners, ['notes', 'Our own column', ' ORGANIZATION ', 'partner-id', 'Status']);
    expect(map.index).toMatchObject({ notes: 0, name: 2, id: 3, status: 4 });
    expect(map.index.website).toBeUndefined();
    expect(map.missing.map((c) => c.key)).toContain('website');
    expect(map.missing.map((c) => c.key)).not.toContain('name');
  });

  it('keeps the first of two columns with the same header and leaves the second alone', () => {
    const map = mapHeaders(partners, ['Organization', 'Organization']);
    expect(map.index.name).toBe(0);
  });
});

describe('readRows', () => {
  const header = [
    'Extra',
    'Partner ID',
    'Organization',
    'Status',
    'Focus areas',
    'Last check-in',
    'Black-led or Black-serving',
  ];
  const map = mapHeaders(partners, header);

  it('reads typed values, skips blank rows and reports bad cells on their row', () => {
    const values = [
      header,
      [
        'x',
        'P-aaaaaaaaaa',
        'Reading Buddies',
        'Active',
        'tutoring, Mentoring',
        new Date('2026-09-15T05:00:00Z'),
        true,
      ],
      ['keep', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      ['', 'P-bbbbbbbbbb', 'Food Bank', 'sleeping', 'basic needs; space travel', 'last tuesday', 'maybe'],
    ];
    const { rows, needsId } = readRows(partners, values, map, toDate);
    expect(rows).toHaveLength(2);
    expect(needsId).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 2, warnings: [] });
    expect(rows[0].record).toMatchObject({
      name: 'Reading Buddies',
      status: 'active',
      focusAreas: ['tutoring', 'mentoring'],
      lastCheckIn: '2026-09-15',
      blackLed: true,
      website: '',
    });
    expect(rows[1].row).toBe(5);
    expect(rows[1].record).toMatchObject({
      status: 'sleeping',
      focusAreas: ['basic needs', 'space travel'],
      lastCheckIn: 'last tuesday',
    });
    expect(rows[1].warnings.map((w) => w.field).sort()).toEqual([
      'blackLed',
      'focusAreas',
      'lastCheckIn',
      'status',
    ]);
  });

  it('gives rows without an id, or with a repeated id, a row reference and asks for an id', () => {
    const values = [
      header,
      ['', 'P-aaaaaaaaaa', 'A', 'active', '', '', ''],
      ['', '', 'B', 'active', '', '', ''],
      ['', 'P-aaaaaaaaaa', 'C', 'active', '', '', ''],
    ];
    const { rows, needsId } = readRows(partners, values, map, toDate);
    expect(rows.map((r) => r.record.id)).toEqual(['P-aaaaaaaaaa', 'row:3', 'row:4']);
    expect(needsId).toEqual([3, 4]);
    expect(rows[2].warnings[0].message).toMatch(/already has the id/);
  });

  it('changes the version when any of our cells changes, and not for another column', () => {
    const a = readRows(partners, [header, ['x', 'P-aaaaaaaaaa', 'A', 'active', '', '', '']], map, toDate)
      .rows[0];
    const b = readRows(partners, [header, ['y', 'P-aaaaaaaaaa', 'A', 'active', '', '', '']], map, toDate)
      .rows[0];
    const c = readRows(partners, [header, ['x', 'P-aaaaaaaaaa', 'A', 'paused', '', '', '']], map, toDate)
      .rows[0];
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
  });
});

describe('planWrites', () => {
  const header = ['Partner ID', 'Mine', 'Organization', 'Status', 'Notes'];
  const map = mapHeaders(partners, header);
  const current = [header, ['P-1', 'keep', 'A', 'active', '=A1'], ['P-2', 'keep', 'B', 'active', '']];

  it('writes only the cells that differ, never another column or a formula cell left as is', () => {
    const blocks = planWrites(
      partners,
      map,
      current,
      [{ row: 2, values: { id: 'P-1', name: 'A2', status: 'active' } }],
      toDate,
    );
    expect(blocks).toEqual([{ row: 2, column: 3, values: [['A2']] }]);
  });

  it('stacks the same columns of adjacent rows into one block and splits around other columns', () => {
    const blocks = planWrites(
      partners,
      map,
      current,
      [
        { row: 3, values: { id: 'P-3', name: 'C', status: 'paused' } },
        { row: 4, values: { id: 'P-4', name: 'D', status: 'ended' } },
      ],
      toDate,
    );
    // Row 3 exists (only changed cells); row 4 is new (written whole, empty notes too).
    expect(blocks).toEqual([
      { row: 3, column: 1, values: [['P-3'], ['P-4']] },
      { row: 3, column: 3, values: [['C', 'paused']] },
      { row: 4, column: 3, values: [['D', 'ended', '']] },
    ]);
  });
});

describe("planWrites with bridge (Database.update, for the add-on's logs)", () => {
  const responses = TABLES.surveyResponses;
  const header = [
    'Recipient ID',
    'Survey ID',
    'Status',
    'Sent at',
    'Problem',
    'Responded at',
    'Mine',
    'Updated',
  ];
  const map = mapHeaders(responses, header);
  const sent = new Date('2026-11-20T15:00:00Z');
  const current = [header, ['R-1', 'S-1', 'sent', sent, '0123', '', 'x', sent]];
  const answered = {
    status: 'responded',
    respondedAt: '2026-11-23T15:00:00.000Z',
    updated: '2026-11-23T15:00:01.000Z',
  };

  it('rewrites its own unchanged cells between two changes with what was read, so a row is one block', () => {
    const blocks = planWrites(responses, map, current, [{ row: 2, values: answered }], toDate, true);
    // Status … Responded at is one rectangle: Sent at as the same date, the Problem text kept text.
    expect(blocks[0]).toEqual({
      row: 2,
      column: 3,
      values: [['responded', sent, asText('0123'), new Date(answered.respondedAt)]],
    });
    // A column of the person's own ('Mine') is never bridged: Updated is a block of its own.
    expect(blocks.slice(1)).toEqual([{ row: 2, column: 8, values: [[new Date(answered.updated)]] }]);
  });

  it('without bridge writes only the changed cells', () => {
    const blocks = planWrites(responses, map, current, [{ row: 2, values: answered }], toDate);
    expect(blocks.map((b) => b.column)).toEqual([3, 6, 8]);
  });
});

describe('cells', () => {
  it('stores text that Sheets would evaluate or convert as text', () => {
    for (const t of [
      '=IMPORTXML("http://x","//a")',
      '+1 555 0100',
      '-5',
      '@here',
      '0123',
      '2026-09-15',
      'TRUE',
      '50%',
      "'quoted",
      '12:30',
      // Sheets converts all of these too: an exponent, month/day, a grade range, accounting negatives,
      // a bare decimal, a currency with thousands, a month name, an hour.
      '1e5',
      '12/31',
      '3-8',
      '(123)',
      '.5',
      '$1,000',
      'Jan 5',
      'March 3, 2027',
      '3pm',
      '555-123-4567',
    ]) {
      expect(asText(t)).toBe(`'${t}`);
    }
    for (const t of ['Reading Buddies', 'grades 3-5', 'K-8', 'January', 'Room 12']) expect(asText(t)).toBe(t);
  });

  it('writes dates as typed text and booleans as checkboxes', () => {
    expect(toCell(column('lastCheckIn'), '2026-09-15')).toBe('2026-09-15');
    expect(toCell(column('blackLed'), true)).toBe(true);
    expect(toCell(column('focusAreas'), ['tutoring', 'mentoring'])).toBe('tutoring, mentoring');
  });

  it('reads a Date as its calendar day in the spreadsheet zone, also across a DST change', () => {
    expect(fromCell(column('lastCheckIn'), new Date('2026-03-08T06:00:00Z'), toDate).value).toBe(
      '2026-03-08',
    );
    expect(fromCell(column('lastCheckIn'), new Date('2026-03-09T04:59:00Z'), toDate).value).toBe(
      '2026-03-08',
    );
    expect(fromCell(column('lastCheckIn'), '9/5/2026', toDate).value).toBe('2026-09-05');
  });

  it('fingerprints by value and type', () => {
    expect(fingerprint(['1', 1])).not.toBe(fingerprint([1, '1']));
    expect(fingerprint([new Date(5)])).toBe(fingerprint([new Date(5)]));
  });
});
