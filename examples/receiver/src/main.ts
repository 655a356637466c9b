import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ReceiverConfig, receiverConfig, usage } from './receiver.config';
import { type ReceivedWebhook, webhookHandler } from './webhook.handler';

/**
 * The example receiver: `WEBHOOK_SECRET=whsec_... npm run receiver` (see README). The
 * "processing" here is a log line; a real receiver would queue the work.
 */
function main(): void {
  let config: ReceiverConfig;
  try {
    config = receiverConfig(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
  const log = (line: Record<string, unknown>): void => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  const processWebhook = (webhook: ReceivedWebhook): void => {
    log({
      time: new Date().toISOString(),
      webhookId: webhook.id,
      eventType: webhook.eventType,
      outcome: 'processed',
      body: webhook.body,
    });
  };
  const handler = webhookHandler({ config, log, process: processWebhook });
  const server = config.tls
    ? https.createServer(
        { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        handler,
      )
    : http.createServer(handler);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    log({
      message: 'receiver listening',
      url: `${config.tls ? 'https' : 'http'}://${config.host}:${port}/`,
      pid: process.pid,
      // How many secrets it accepts (never the secrets themselves).
      secrets: config.secrets.length,
      publicKeys: config.publicKeys.length,
      failFirst: config.failFirst,
    });
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
