import { LeadhooksApiError, type LeadhooksClient } from '@leadhooks/client';

export interface SetupOptions {
  /** The gateway, e.g. http://127.0.0.1:8080 (what `npm start` prints). */
  apiUrl: string;
  apiKey: string;
  /** Where leadhooks should POST: this receiver's URL and path. */
  receiverUrl: string;
  name: string;
}

export const setupUsage =
  'usage: LEADHOOKS_API_KEY=lh_... npm run receiver:setup -- --url <receiver url> [--api-url http://127.0.0.1:8080] [--name receiver]';

/** Reads the flags and variables of `npm run receiver:setup`; throws a message naming the bad one. */
export function setupOptions(argv: readonly string[], env: NodeJS.ProcessEnv): SetupOptions {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at === -1 ? undefined : argv[at + 1];
  };
  const apiKey = env.LEADHOOKS_API_KEY;
  if (!apiKey)
    throw new Error('LEADHOOKS_API_KEY is required (npm start prints a development key)');
  const receiverUrl = flag('url') ?? env.RECEIVER_URL;
  if (receiverUrl === undefined) throw new Error('--url is required');
  const apiUrl = flag('api-url') ?? env.LEADHOOKS_API_URL ?? 'http://127.0.0.1:8080';
  for (const [name, value] of [
    ['--url', receiverUrl],
    ['--api-url', apiUrl],
  ] as const) {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
      throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  const name = flag('name') ?? 'receiver';
  if (name.length === 0 || name.length > 200) throw new Error('--name must be 1 to 200 characters');
  return { apiUrl, apiKey, receiverUrl, name };
}

/**
 * Creates (or, when one of that name exists, finds) the `save_lead` webhook that points at
 * the receiver, and answers its signing secret: the receiver's WEBHOOK_SECRET. Typed by
 * the generated client, so a change of the API breaks this at compile time.
 */
export async function setUpWebhook(
  client: LeadhooksClient,
  options: Pick<SetupOptions, 'receiverUrl' | 'name'>,
): Promise<{ webhookId: string; secret: string; created: boolean }> {
  let webhookId: string;
  let created = true;
  try {
    const webhook = await client.post('/v1/webhooks', {
      body: { name: options.name, url: options.receiverUrl, events: ['save_lead'] },
    });
    webhookId = webhook.id;
  } catch (error) {
    if (!(error instanceof LeadhooksApiError && error.status === 409)) throw error;
    created = false;
    webhookId = await existingWebhook(client, options.name);
  }
  const { secret } = await client.get('/v1/webhooks/{id}/secret', { path: { id: webhookId } });
  return { webhookId, secret, created };
}

async function existingWebhook(client: LeadhooksClient, name: string): Promise<string> {
  let cursor: string | undefined;
  do {
    const page = await client.get('/v1/webhooks', { query: { limit: 100, cursor } });
    const found = page.data.find((webhook) => webhook.name === name);
    if (found) return found.id;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  throw new Error(`a webhook named ${name} exists but could not be found`);
}
