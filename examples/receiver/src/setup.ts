import { LeadhooksClient } from '@leadhooks/client';
import { setUpWebhook, setupOptions, setupUsage, type SetupOptions } from './webhook-setup';

/** `npm run receiver:setup -- --url http://127.0.0.1:4000/leads`: prints the WEBHOOK_SECRET to start the receiver with. */
async function main(): Promise<void> {
  let options: SetupOptions;
  try {
    options = setupOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${setupUsage}\n`,
    );
    process.exit(2);
  }
  const client = new LeadhooksClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
  const { webhookId, secret, created } = await setUpWebhook(client, options);
  process.stderr.write(`${created ? 'created' : 'found'} webhook ${webhookId} for save_lead\n`);
  process.stdout.write(`WEBHOOK_SECRET=${secret}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
