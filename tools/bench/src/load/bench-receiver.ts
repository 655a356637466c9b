import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookHeaders } from '@leadhooks/contracts';
import type { TestCertificates } from '@leadhooks/testing';
import { ReceiverRun, type Behaviour } from './receiver-run';

/** What a `later` answer asks for: 5 minutes, longer than any scenario runs. */
const laterSeconds = '300';

/** Wall-clock milliseconds with sub-millisecond resolution, one clock for sender and receiver. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * The HTTPS receiver of every scenario, on 127.0.0.1. Requests go to `/<run>/<endpoint>`;
 * each run records what reached it (see ReceiverRun) and answers by its behaviour. Unlike
 * libs/testing's receiver it keeps no request bodies: tens of thousands of them would
 * cost the machine memory and time the bench is measuring.
 */
export class BenchReceiver {
  private readonly runs = new Map<string, ReceiverRun>();

  private constructor(
    private readonly server: https.Server,
    readonly port: number,
  ) {}

  static async start(tls: TestCertificates): Promise<BenchReceiver> {
    const server = https.createServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 30_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const receiver = new BenchReceiver(server, (server.address() as AddressInfo).port);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => receiver.accept(req, res));
    return receiver;
  }

  /** A new run; its URLs are `url(endpoint)`. */
  open(name: string, behaviour: Behaviour = () => 'ok'): ReceiverRun {
    const id = `${name}-${this.runs.size + 1}`;
    const run = new ReceiverRun(id, `https://127.0.0.1:${this.port}/${id}`, behaviour);
    this.runs.set(id, run);
    return run;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private accept(req: IncomingMessage, res: ServerResponse): void {
    // The first byte of the request: what the latency figures end at.
    const arrivedAt = nowMs();
    const [, runId, endpoint = ''] = (req.url ?? '').split('/');
    const run = this.runs.get(runId);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!run) return void res.writeHead(404).end();
      const id = String(req.headers[WebhookHeaders.id] ?? '');
      const answer = run.record(id, endpoint, arrivedAt, Buffer.concat(chunks));
      if (answer === 'ok') res.writeHead(204).end();
      else if (answer === 'fail') res.writeHead(500).end();
      else if (answer === 'later') res.writeHead(503, { 'retry-after': laterSeconds }).end();
      // 'hang': no answer; the sender's timeout ends the exchange.
    });
  }
}
