import { generateSecret, generateSigningKey } from '@leadhooks/webhook-signing';
import { fromWebhookRow, signingMaterial, toWebhookView, type WebhookRow } from './webhook.record';

const now = new Date('2026-12-01T12:00:00Z');
const later = new Date(now.getTime() + 3_600_000);
const earlier = new Date(now.getTime() - 1);
const [secret, oldSecret] = [generateSecret(), generateSecret()];
const [key, oldKey] = [generateSigningKey(), generateSigningKey()];

function row(overrides: Partial<WebhookRow>): WebhookRow {
  return {
    id: '6f1c3a52-8a51-4c47-9c1f-2b0a4d1f7e10',
    account_id: 'acc-1',
    name: 'crm',
    url: 'https://crm.example.test/hook',
    method: 'POST',
    headers: { Authorization: 'Bearer token' },
    enabled: true,
    events: ['save_lead'],
    retry_schedule_ms: null,
    secret,
    previous_secret: oldSecret,
    previous_secret_expires_at: later,
    signature_schemes: ['v1'],
    signing_key: key,
    previous_signing_key: oldKey,
    previous_signing_key_expires_at: later,
    filter: null,
    disabled_reason: null,
    disabled_at: null,
    failing_since: null,
    consecutive_dead_letters: 0,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

describe(signingMaterial.name, () => {
  it.each<[string, Partial<WebhookRow>, string[], string[]]>([
    ['v1: the secrets only (today)', {}, [secret, oldSecret], []],
    ['v1a: the keys only', { signature_schemes: ['v1a'] }, [], [key, oldKey]],
    ['both', { signature_schemes: ['v1', 'v1a'] }, [secret, oldSecret], [key, oldKey]],
    [
      'after the overlap: the current ones',
      {
        signature_schemes: ['v1', 'v1a'],
        previous_secret_expires_at: earlier,
        previous_signing_key_expires_at: earlier,
      },
      [secret],
      [key],
    ],
    [
      'v1a without a key: HMAC, never unsigned',
      { signature_schemes: ['v1a'], signing_key: null },
      [secret, oldSecret],
      [],
    ],
  ])('%s', (_case, overrides, secrets, signingKeys) => {
    expect(signingMaterial(fromWebhookRow(row(overrides)), now)).toEqual({ secrets, signingKeys });
  });
});

describe(toWebhookView.name, () => {
  it('shows the schemes and the filter, never a secret, a key or a header value', () => {
    const filter = { path: 'data.score', gte: 50 };
    const view = toWebhookView(fromWebhookRow(row({ signature_schemes: ['v1', 'v1a'], filter })));
    expect(view).toMatchObject({ signature_schemes: ['v1', 'v1a'], filter });
    const text = JSON.stringify(view);
    for (const hidden of [secret, oldSecret, key, oldKey, 'Bearer token', 'whsk_', 'whsec_'])
      expect(text).not.toContain(hidden);
  });
});
