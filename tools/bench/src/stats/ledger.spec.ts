import { closeLedger } from './ledger';

describe(closeLedger.name, () => {
  it('balances when every published delivery was delivered or dead-lettered', () => {
    expect(
      closeLedger({
        published: 4,
        delivered: new Set(['a', 'b', 'c']),
        deadLettered: new Set(['d']),
        duplicates: 2,
      }),
    ).toEqual({
      published: 4,
      delivered: 3,
      deadLettered: 1,
      missing: 0,
      duplicates: 2,
      void: false,
    });
  });

  it('is void when one is missing', () => {
    const ledger = closeLedger({
      published: 3,
      delivered: new Set(['a']),
      deadLettered: new Set(['b']),
      duplicates: 0,
    });
    expect(ledger).toMatchObject({ missing: 1, void: true });
  });

  it('counts a delivery that was dead-lettered and later delivered (a replay) once', () => {
    const ledger = closeLedger({
      published: 2,
      delivered: new Set(['a', 'b']),
      deadLettered: new Set(['b']),
      duplicates: 0,
    });
    expect(ledger).toMatchObject({ delivered: 2, deadLettered: 0, missing: 0 });
  });
});
