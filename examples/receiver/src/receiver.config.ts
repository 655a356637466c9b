import { parseArgs } from 'node:util';
import { isValidPublicKey, isValidSecret } from '@leadhooks/webhook-signing';

export interface ReceiverConfig {
  port: number;
  host: string;
  /** Every accepted secret (v1): the current one and, during a rotation, the previous one. */
  secrets: string[];
  /** Every accepted ed25519 public key (v1a, `whpk_`), likewise. */
  publicKeys: string[];
  /** HTTPS when both are given (PEM file paths). */
  tls?: { certFile: string; keyFile: string };
  /** Answer 500 to the first N attempts of each webhook-id (to watch retries). */
  failFirst: number;
  toleranceSeconds: number;
  maxBodyBytes: number;
  /** How many webhook-ids are remembered to drop duplicates. */
  rememberIds: number;
}

export const usage = `usage: receiver [--port 4000] [--host 127.0.0.1] [--tls-cert cert.pem --tls-key key.pem] [--fail-first N]
env: WEBHOOK_SECRET and/or WEBHOOK_PUBLIC_KEY (one is required; comma-separated for rotation), RECEIVER_PORT, RECEIVER_HOST,
     RECEIVER_TLS_CERT, RECEIVER_TLS_KEY, RECEIVER_FAIL_FIRST`;

/** Flags win over the environment; a bad value throws with its name. */
export function receiverConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ReceiverConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'fail-first': { type: 'string' },
    },
    strict: true,
  });
  const secrets = list(env.WEBHOOK_SECRET);
  const publicKeys = list(env.WEBHOOK_PUBLIC_KEY);
  if (secrets.length === 0 && publicKeys.length === 0)
    throw new Error(
      'WEBHOOK_SECRET (whsec_...) or WEBHOOK_PUBLIC_KEY (whpk_...) is required; comma-separated during a rotation',
    );
  if (!secrets.every(isValidSecret)) throw new Error('WEBHOOK_SECRET must be whsec_ secrets');
  if (!publicKeys.every(isValidPublicKey)) throw new Error('WEBHOOK_PUBLIC_KEY must be whpk_ keys');
  const certFile = values['tls-cert'] ?? env.RECEIVER_TLS_CERT;
  const keyFile = values['tls-key'] ?? env.RECEIVER_TLS_KEY;
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new Error('--tls-cert and --tls-key go together');
  return {
    port: integer('port', values.port ?? env.RECEIVER_PORT ?? '4000', 0, 65535),
    host: values.host ?? env.RECEIVER_HOST ?? '127.0.0.1',
    secrets,
    publicKeys,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    failFirst: integer(
      'fail-first',
      values['fail-first'] ?? env.RECEIVER_FAIL_FIRST ?? '0',
      0,
      1000,
    ),
    toleranceSeconds: 300,
    maxBodyBytes: 1024 * 1024,
    rememberIds: 10_000,
  };
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return value;
}
