import { checkArgs, dict, fieldValue, numberIn, optional, shape, text } from '../../src/server/args';

const request = shape<{ id?: string; values: Record<string, unknown> }>({
  id: optional(text(10)),
  values: dict(fieldValue, 3),
});

describe('argument checks', () => {
  it('accepts a well-formed call', () => {
    expect(checkArgs('save', [{ id: 'P-1', values: { a: 'x', b: true, c: ['y'] } }], [request])).toEqual([
      { id: 'P-1', values: { a: 'x', b: true, c: ['y'] } },
    ]);
  });

  it.each([
    [[], /argument 1 must be an object/],
    [[{ values: {} }, 'extra'], /takes 1 argument, not 2/],
    [[{ values: {}, admin: true }], /unexpected field "admin"/],
    [[{ id: 5, values: {} }], /argument 1\.id must be text/],
    [[{ id: 'x'.repeat(11), values: {} }], /too long/],
    [[{ values: { a: 1 } }], /values\.a must be text, yes\/no or a list/],
    [[{ values: { a: '1', b: '2', c: '3', d: '4' } }], /too many entries/],
    [[{ values: [] }], /must be an object/],
  ])('refuses %j with a clear message', (args, message) => {
    expect(() => checkArgs('save', args, [request])).toThrow(message);
  });
});

describe('a number from a list', () => {
  const week = numberIn([1, 2, 3, 4] as const);
  const month = numberIn([9, 10, 11, 12, 1, 2] as const);

  it('accepts each number of the list, and nothing else', () => {
    expect([1, 2, 3, 4].map((n) => week(n, 'week'))).toEqual([1, 2, 3, 4]);
    for (const bad of [0, 5, 2.5, '2', null, NaN]) expect(() => week(bad, 'week')).toThrow(/^week must be/);
  });

  it('names a range when the list is one, else the list', () => {
    expect(() => week(5, 'week')).toThrow(/^week must be a whole number from 1 to 4\.$/);
    expect(() => month(7, 'months[0]')).toThrow(/^months\[0\] must be one of 9, 10, 11, 12, 1, 2\.$/);
  });
});
