import { ledgerOf } from './ledger';

const ok = (email: string, atMs: number) => ({ email, status: 201, atMs });
const got = (email: string, atMs: number, webhookId = `id-${email}`) => ({
  email,
  atMs,
  webhookId,
});

describe(ledgerOf.name, () => {
  it('counts a run where everything arrived once', () => {
    const ledger = ledgerOf([ok('a', 0), ok('b', 10)], [got('a', 5), got('b', 15)]);
    expect(ledger).toMatchObject({
      sent: 2,
      accepted: 2,
      refused: {},
      deliveredLeads: 2,
      missing: [],
      duplicateRequests: 0,
      leadsWithSeveralIds: [],
      unknown: 0,
    });
  });

  it('names the missing, the duplicates and a lead delivered under two ids', () => {
    const ledger = ledgerOf(
      [ok('a', 0), ok('b', 1), ok('c', 2), { email: 'd', status: 503, atMs: 3 }],
      [got('a', 5), got('a', 6), got('b', 7), got('b', 8, 'other'), got('x', 9)],
    );
    expect(ledger.missing).toEqual(['c']);
    expect(ledger.duplicateRequests).toBe(2);
    expect(ledger.leadsWithSeveralIds).toEqual(['b']);
    expect(ledger.unknown).toBe(1);
    expect(ledger.refused).toEqual({ 503: 1 });
  });

  it('counts a POST left without an answer apart, delivered or not', () => {
    const ledger = ledgerOf(
      [ok('a', 0), { email: 'b', status: 0, atMs: 10 }, { email: 'c', status: 0, atMs: 20 }],
      [got('a', 5), got('b', 30)],
    );
    expect(ledger.unanswered).toEqual({ count: 2, delivered: 1, firstAtMs: 10, lastAtMs: 20 });
    expect(ledger.unknown).toBe(0);
    expect(ledger.missing).toEqual([]);
    expect(ledger.duplicateRequests).toBe(0);
  });

  it('measures the longest gap while a lead waited, not the quiet after the last one', () => {
    const ledger = ledgerOf(
      [ok('a', 0), ok('b', 100), ok('c', 200)],
      [got('a', 50), got('b', 5_050), got('c', 5_100)],
    );
    expect(ledger.longestStall).toEqual({ ms: 5_000, fromMs: 50 });
  });
});
