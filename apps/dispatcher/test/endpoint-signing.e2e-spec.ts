import { Writable } from 'node:stream';
import { AccountsService } from '@leadhooks/auth';
import { Topics } from '@leadhooks/contracts';
import { createLogger } from '@leadhooks/http';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { generateSecret, verify } from '@leadhooks/webhook-signing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createDispatcherApp } from '../src/app/create-app';
import { dispatcherConfig } from '../src/config/dispatcher.config';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { naclVerifies, signatureVersions, someOf } from './support/signature-checks';
import { createWebhook, expectStatus, webhookSecret } from './support/webhooks-api';

interface PublicKeyView {
  public_key: string;
  previous_public_key: string | null;
  previous_public_key_expires_at: string | null;
}

/**
 * Issue 23 items 5 and 6 end to end: ed25519 (v1a) signatures checked with the public
 * key the API gives (and by tweetnacl, an implementation nobody here wrote), and a
 * customer's own secret; the new fields (filters too) refused when malformed. Also that
 * no secret or private key reaches a response, a log line or a Kafka record. Filters at
 * work: endpoint-filters.e2e-spec.ts.
 */
describe('per-webhook signing, own secrets, and the new fields at registration', () => {
  const tls = createTestCertificates();
  const logLines: string[] = [];
  let database: TestDatabase;
  let upstream: UpstreamEvents;
  let app: NestExpressApplication;
  let receiver: Receiver;
  let api: ApiClient;
  let accountId: string;
  let baseUrl: string;
  const responses: string[] = [];

  /** Every API answer is kept, so the last spec can grep them all for secrets. */
  const call = async (method: 'get' | 'post' | 'patch', path: string, body?: unknown) => {
    const result = await (method === 'get' ? api.get(path) : api[method](path, body));
    responses.push(JSON.stringify(result.body));
    return result;
  };
  const publicKey = async (id: string) =>
    expectStatus(await call('get', `/v1/webhooks/${id}/public-key`), 200).body as PublicKeyView;
  const arrivals = (path: string) => receiver.requests.filter((request) => request.url === path);

  beforeAll(async () => {
    const namespace = uniqueName('endpoint-signing');
    database = await createTestDatabase('endpoint_signing');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (_request, response) => response.writeHead(204).end());
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = dispatcherConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    ({ app } = await createDispatcherApp(config, {
      logger: createLogger({ name: 'dispatcher', level: 'trace', destination }),
      outbound: { ca: tls.ca },
    }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const issued = await new AccountsService(app.get(DataSource)).createAccountWithKey('signing');
    accountId = issued.apiKey.accountId;
    api = apiClient(baseUrl, issued.apiKey.key);
  });

  afterAll(async () => {
    await upstream?.close();
    await app?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('signs with ed25519 only, verifiable with the public key, through a key rotation', async () => {
    const webhook = await createWebhook(api, {
      name: 'ed25519',
      url: receiver.url('/ed25519'),
      signature_schemes: ['v1a'],
    });
    const key = await publicKey(webhook.id);
    expect(key).toEqual({
      public_key: expect.stringMatching(/^whpk_[A-Za-z0-9+/]{43}=$/),
      previous_public_key: null,
      previous_public_key_expires_at: null,
    });
    await upstream.saveLead(saveLeadEvent(accountId, 'ed@example.test'));
    const [first] = await waitFor('the v1a delivery', () => someOf(arrivals('/ed25519'), 1));
    expect(signatureVersions(first)).toEqual(['v1a']);
    expect(verify({ headers: first.headers, body: first.body, publicKey: key.public_key })).toEqual(
      expect.objectContaining({ ok: true }),
    );
    expect(naclVerifies(first, key.public_key)).toBe(true);
    // Only the private key's owner can sign: a secret-holder's view cannot verify it.
    const secret = await webhookSecret(api, webhook.id);
    expect(verify({ headers: first.headers, body: first.body, secret }).ok).toBe(false);

    const rotated = expectStatus(
      await call('post', `/v1/webhooks/${webhook.id}/public-key/rotate`, {}),
      200,
    ).body as PublicKeyView;
    expect(rotated.public_key).not.toBe(key.public_key);
    expect(rotated.previous_public_key).toBe(key.public_key);
    const overlapHours =
      (Date.parse(rotated.previous_public_key_expires_at ?? '') - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    await upstream.saveLead(saveLeadEvent(accountId, 'ed2@example.test'));
    const [, second] = await waitFor('the delivery after rotation', () =>
      someOf(arrivals('/ed25519'), 2),
    );
    expect(signatureVersions(second)).toEqual(['v1a', 'v1a']);
    for (const trusted of [rotated.public_key, key.public_key]) {
      expect(naclVerifies(second, trusted)).toBe(true);
    }
  });

  it('takes a customer secret on create and on rotate, and signs v1 beside v1a with it', async () => {
    const mine = generateSecret(48);
    const webhook = await createWebhook(api, {
      name: 'own-secret',
      url: receiver.url('/own-secret'),
      secret: mine,
      signature_schemes: ['v1a', 'v1', 'v1'],
    });
    expect(webhook).toMatchObject({ signature_schemes: ['v1', 'v1a'] });
    expect(await webhookSecret(api, webhook.id)).toBe(mine);
    const next = generateSecret(24);
    const rotated = expectStatus(
      await call('post', `/v1/webhooks/${webhook.id}/secret/rotate`, { secret: next }),
      200,
    ).body as { secret: string };
    expect(rotated.secret).toBe(next);
    await upstream.saveLead(saveLeadEvent(accountId, 'own@example.test'));
    const [request] = await waitFor('the delivery', () => someOf(arrivals('/own-secret'), 1));
    expect(signatureVersions(request)).toEqual(['v1', 'v1', 'v1a']);
    for (const secret of [next, mine])
      expect(verify({ headers: request.headers, body: request.body, secret }).ok).toBe(true);
    const { public_key } = await publicKey(webhook.id);
    expect(verify({ headers: request.headers, body: request.body, publicKey: public_key }).ok).toBe(
      true,
    );
  });

  it('gives a webhook made before ed25519 existed a key when it turns v1a on', async () => {
    const webhook = await createWebhook(api, { name: 'legacy', url: receiver.url('/legacy') });
    // As the migration leaves the webhooks it finds: HMAC only, no key.
    await app
      .get(DataSource)
      .query(`UPDATE dispatcher.webhook SET signing_key = NULL WHERE id = $1`, [webhook.id]);
    expectStatus(
      await call('patch', `/v1/webhooks/${webhook.id}`, { signature_schemes: ['v1', 'v1a'] }),
      200,
    );
    const key = await publicKey(webhook.id);
    expect((await publicKey(webhook.id)).public_key).toBe(key.public_key);
    await upstream.saveLead(saveLeadEvent(accountId, 'legacy@example.test'));
    const [request] = await waitFor('the delivery', () => someOf(arrivals('/legacy'), 1));
    expect(signatureVersions(request)).toEqual(['v1', 'v1a']);
    expect(naclVerifies(request, key.public_key)).toBe(true);
  });

  it.each([
    [
      'a secret without the prefix',
      { secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      'secret',
      /whsec_/,
    ],
    [
      'a short secret',
      { secret: `whsec_${Buffer.alloc(16, 7).toString('base64')}` },
      'secret',
      /24 to 64/,
    ],
    ['an unknown scheme', { signature_schemes: ['v2'] }, 'signature_schemes.0', /"v1"/],
    ['no scheme', { signature_schemes: [] }, 'signature_schemes', /at least one/],
    ['a filter as text', { filter: 'data.score >= 50' }, 'filter', /must be an object/],
    [
      'a bad operand',
      { filter: { all: [{ path: 'data.score', gte: '50' }] } },
      'filter.all.0.gte',
      /number/,
    ],
    [
      'an unknown operator',
      { filter: { path: 'data.x', matches: '.*' } },
      'filter.matches',
      /not a known field/,
    ],
  ])(
    'refuses %s at registration with a 400 naming the field',
    async (_case, fields, field, words) => {
      const result = expectStatus(
        await call('post', '/v1/webhooks', {
          name: uniqueName('bad'),
          url: receiver.url('/bad'),
          ...fields,
        }),
        400,
      );
      const body = result.body as { field?: string; message: string };
      expect(body.field).toBe(field);
      expect(body.message).toMatch(words);
      if ('secret' in fields) expect(body.message).not.toContain(fields.secret.slice(6, 20));
    },
  );

  it('refuses a malformed secret on rotate and keeps the old one; no body makes a new one', async () => {
    const webhook = await createWebhook(api, { name: 'rotate-bad', url: receiver.url('/rb') });
    const before = await webhookSecret(api, webhook.id);
    const refused = expectStatus(
      await call('post', `/v1/webhooks/${webhook.id}/secret/rotate`, { secret: 'whsec_x' }),
      400,
    );
    expect(refused.body).toMatchObject({ field: 'secret' });
    expect(await webhookSecret(api, webhook.id)).toBe(before);
    // No body at all still makes a fresh secret, as before this field existed.
    const fresh = expectStatus(
      await call('post', `/v1/webhooks/${webhook.id}/secret/rotate`, undefined),
      200,
    ).body as { secret: string };
    expect(fresh.secret).not.toBe(before);
  });

  it('documents the new fields and operations in the OpenAPI document', async () => {
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
      paths: Record<string, object>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const { schemas } = document.components;
    expect(Object.keys(schemas.CreateWebhook.properties ?? {})).toEqual(
      expect.arrayContaining(['secret', 'signature_schemes', 'filter']),
    );
    expect(Object.keys(schemas.Webhook.properties ?? {})).toEqual(
      expect.arrayContaining(['signature_schemes', 'filter']),
    );
    expect(Object.keys(schemas.RotateSecret.properties ?? {})).toEqual(['secret']);
    expect(Object.keys(schemas.WebhookPublicKey.properties ?? {})).toContain('public_key');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/webhooks/{id}/public-key',
        '/v1/webhooks/{id}/public-key/rotate',
      ]),
    );
  });

  it('never shows a secret or private key in a response, a log line or a Kafka record', async () => {
    const rows: { signing_key: string | null; previous_signing_key: string | null }[] = await app
      .get(DataSource)
      .query(`SELECT signing_key, previous_signing_key FROM dispatcher.webhook`);
    const privateKeys = rows
      .flatMap((row) => [row.signing_key, row.previous_signing_key])
      .filter((key): key is string => key !== null);
    expect(privateKeys.length).toBeGreaterThan(3);
    const deliveries = await upstream.collect(Topics.deliveries);
    await waitFor('the delivery records', () => someOf(deliveries.messages, 6));
    await deliveries.consumer.stop();
    const kafkaText = JSON.stringify(deliveries.messages);
    const logText = logLines.join('');
    const responseText = responses.join('\n');
    for (const key of privateKeys) {
      const raw = key.slice('whsk_'.length);
      for (const text of [kafkaText, logText, responseText]) expect(text).not.toContain(raw);
    }
    for (const text of [kafkaText, logText, responseText]) expect(text).not.toContain('whsk_');
    for (const text of [kafkaText, logText]) expect(text).not.toContain('whsec_');
  });
});
