import { WebhookCache } from './webhook-cache';
import type { WebhookRecord } from './webhook.record';

function webhook(url: string, enabled = true): WebhookRecord {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'wh_1',
    accountId: 'acc_1',
    name: 'crm',
    url,
    method: 'POST',
    headers: {},
    enabled,
    events: ['lead.created'],
    secret: 'whsec_x',
    previousSecret: null,
    previousSecretExpiresAt: null,
    signatureSchemes: ['v1'],
    signingKey: null,
    previousSigningKey: null,
    previousSigningKeyExpiresAt: null,
    filter: null,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    consecutiveDeadLetters: 0,
    retryScheduleMs: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** A row source that counts reads, and a clock the spec moves by hand. */
function setup(ttlMs = 1_000) {
  let row: WebhookRecord | undefined = webhook('https://a.example');
  let reads = 0;
  let now = 0;
  const cache = new WebhookCache(ttlMs, () => now);
  const load = async () => {
    reads += 1;
    return row;
  };
  return {
    cache,
    get: () => cache.get('acc_1', 'wh_1', load),
    setRow: (next: WebhookRecord | undefined) => (row = next),
    advance: (ms: number) => (now += ms),
    reads: () => reads,
  };
}

describe(WebhookCache.name, () => {
  it('reads a webhook once while it is fresh, however many attempts ask', async () => {
    const t = setup();
    const results = await Promise.all([t.get(), t.get(), t.get()]);
    t.advance(999);
    await t.get();
    expect(t.reads()).toBe(1);
    expect(results.map((r) => r?.url)).toEqual(Array(3).fill('https://a.example'));
  });

  it('reads again once the TTL has passed: a change elsewhere shows within it', async () => {
    const t = setup();
    await t.get();
    t.setRow(webhook('https://a.example', false));
    t.advance(1_000);
    expect((await t.get())?.enabled).toBe(false);
    expect(t.reads()).toBe(2);
  });

  it('keeps a deleted webhook as missing for the TTL only', async () => {
    const t = setup();
    t.setRow(undefined);
    expect(await t.get()).toBeUndefined();
    t.setRow(webhook('https://back.example'));
    expect(await t.get()).toBeUndefined();
    t.advance(1_000);
    expect((await t.get())?.url).toBe('https://back.example');
  });

  it("reads again at once after this process's own write", async () => {
    const t = setup();
    await t.get();
    t.setRow(undefined);
    t.cache.invalidate('acc_1', 'wh_1');
    expect(await t.get()).toBeUndefined();
    expect(t.reads()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = new WebhookCache(1_000, () => 0);
    const load = async () => {
      if (fail) throw new Error('connection reset');
      return webhook('https://a.example');
    };
    await expect(cache.get('acc_1', 'wh_1', load)).rejects.toThrow('connection reset');
    fail = false;
    expect((await cache.get('acc_1', 'wh_1', load))?.url).toBe('https://a.example');
  });

  it('keeps nothing with a TTL of 0', async () => {
    const t = setup(0);
    await t.get();
    await t.get();
    expect(t.reads()).toBe(2);
    expect(t.cache.size).toBe(0);
  });

  it('scopes entries by account', async () => {
    const t = setup();
    await t.get();
    const other = await t.cache.get('acc_2', 'wh_1', async () => undefined);
    expect(other).toBeUndefined();
  });
});
