import * as http from 'node:http';
import * as https from 'node:https';
import { signatureHeaders } from '@leadhooks/webhook-signing';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  elapsedMs: number;
}

/** POSTs `body` to `url` (trusting `ca` for HTTPS) and reads the JSON answer. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  ca?: string,
): Promise<Answer> {
  const started = Date.now();
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method: 'POST', headers, ca, timeout: 5_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            elapsedMs: Date.now() - started,
          }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
    request.on('error', reject);
    request.end(body);
  });
}

/** Headers of a delivery as leadhooks signs it. */
export function signed(options: {
  id: string;
  body: string;
  secrets: string[];
  signingKeys?: string[];
  eventType?: string;
  timestamp?: number;
}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-event-type': options.eventType ?? 'save_lead',
    ...signatureHeaders({
      id: options.id,
      timestamp,
      body: options.body,
      secrets: options.secrets,
      signingKeys: options.signingKeys,
    }),
  };
}

export const lead = {
  data: {
    email: 'ada@example.com',
    website: 'example.com',
    company: 'Example',
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: null,
    position: null,
    twitter: null,
    linkedin: null,
    notes: null,
    score: 90,
  },
};
