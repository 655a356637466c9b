import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { uniqueName, waitFor } from '@leadhooks/testing';
import { generateSecret, generateSigningKey, publicKeyOf } from '@leadhooks/webhook-signing';
import type { ReceiverConfig } from '../src/receiver.config';
import { type ReceivedWebhook, webhookHandler } from '../src/webhook.handler';
import { lead, post, signed } from './support/post';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(30_000);

describe('example receiver', () => {
  const current = generateSecret();
  const previous = generateSecret();
  const signingKey = generateSigningKey();
  const processed: ReceivedWebhook[] = [];
  const logged: Record<string, unknown>[] = [];
  let server: http.Server;
  let url: string;
  const config: ReceiverConfig = {
    port: 0,
    host: '127.0.0.1',
    secrets: [current, previous],
    publicKeys: [publicKeyOf(signingKey)],
    failFirst: 0,
    toleranceSeconds: 300,
    maxBodyBytes: 64 * 1024,
    rememberIds: 100,
  };

  beforeAll(async () => {
    server = http.createServer(
      webhookHandler({
        config,
        log: (line) => logged.push(line),
        process: (webhook) => void processed.push(webhook),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const body = JSON.stringify(lead);

  it('accepts a valid signature, answers at once and processes after the answer', async () => {
    const id = uniqueName('msg');
    const answer = await post(url, signed({ id, body, secrets: [current] }), body);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'accepted' });
    const webhook = await waitFor('processing', () => processed.find((one) => one.id === id));
    expect(webhook.body).toEqual(lead);
    expect(logged).toContainEqual(
      expect.objectContaining({ webhookId: id, outcome: 'accepted', eventType: 'save_lead' }),
    );
  });

  it('accepts an ed25519 (v1a) signature by the trusted public key alone', async () => {
    const id = uniqueName('msg');
    const answer = await post(
      url,
      signed({ id, body, secrets: [], signingKeys: [signingKey] }),
      body,
    );
    expect(answer.body).toEqual({ status: 'accepted' });
    const forged = await post(
      url,
      signed({ id: uniqueName('msg'), body, secrets: [], signingKeys: [generateSigningKey()] }),
      body,
    );
    expect(forged).toMatchObject({ status: 401, body: { reason: 'bad-signature' } });
  });

  it('accepts a signature by the previous secret during a rotation', async () => {
    const answer = await post(
      url,
      signed({ id: uniqueName('msg'), body, secrets: [previous] }),
      body,
    );
    expect(answer.status).toBe(200);
  });

  it('refuses a bad signature with 401 and processes nothing', async () => {
    const id = uniqueName('msg');
    const answer = await post(url, signed({ id, body, secrets: [generateSecret()] }), body);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ reason: 'bad-signature' });
    const tampered = await post(
      url,
      signed({ id, body, secrets: [current] }),
      body.replace('90', '91'),
    );
    expect(tampered.status).toBe(401);
    expect(processed.some((one) => one.id === id)).toBe(false);
  });

  it('refuses a stale timestamp (over 5 minutes) with 400, even when signed right', async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 301;
    const answer = await post(
      url,
      signed({ id: uniqueName('msg'), body, secrets: [current], timestamp }),
      body,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ reason: 'stale-timestamp' });
  });

  it('refuses a request without the signature headers with 400', async () => {
    const answer = await post(url, { 'content-type': 'application/json' }, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ reason: 'missing-header' });
  });

  it('answers a duplicate webhook-id 200 but processes it once', async () => {
    const id = uniqueName('msg');
    const first = await post(url, signed({ id, body, secrets: [current] }), body);
    const again = await post(url, signed({ id, body, secrets: [current] }), body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual({ status: 'duplicate' });
    await waitFor('processing', () => processed.find((one) => one.id === id));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(processed.filter((one) => one.id === id)).toHaveLength(1);
  });

  it('refuses an invalid save_lead payload with 400, signed or not', async () => {
    const id = uniqueName('msg');
    const invalid = JSON.stringify({ data: { ...lead.data, score: 'high' } });
    const answer = await post(url, signed({ id, body: invalid, secrets: [current] }), invalid);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ reason: 'invalid-save-lead-payload' });
    const extra = JSON.stringify({ ...lead, event: 'save_lead' });
    expect(
      (await post(url, signed({ id: uniqueName('msg'), body: extra, secrets: [current] }), extra))
        .status,
    ).toBe(400);
  });

  it('accepts any JSON body for other events (lookup webhook_url deliveries)', async () => {
    const lookup = JSON.stringify({ email: 'a@b.test', status: 'valid' });
    const answer = await post(
      url,
      signed({
        id: uniqueName('msg'),
        body: lookup,
        secrets: [current],
        eventType: 'email-verifier',
      }),
      lookup,
    );
    expect(answer.status).toBe(200);
  });

  it('with failFirst, answers 500 to the first attempts of each id, then accepts', async () => {
    const failing = http.createServer(
      webhookHandler({
        config: { ...config, failFirst: 2 },
        log: () => undefined,
        process: () => undefined,
      }),
    );
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const target = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;
      const id = uniqueName('msg');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        statuses.push((await post(target, signed({ id, body, secrets: [current] }), body)).status);
      }
      expect(statuses).toEqual([500, 500, 200]);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
