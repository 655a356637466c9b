import { Client } from 'pg';

export interface PgListenerOptions {
  url: string;
  /** A Postgres identifier: lower case letters, digits and underscores. */
  channel: string;
  /** Called on every notification, and after each (re)connect: while disconnected, notifications are lost. */
  onNotify(): void;
  onError(error: Error): void;
  /** First and longest wait between reconnect attempts, ms. */
  reconnectMs?: { initial: number; max: number };
}

const channelName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would be handed to
 * other work and stop listening), reconnecting with backoff when it drops. Notifications
 * are only a hint to look now: whoever uses this must also poll, as a dropped
 * connection loses the ones sent meanwhile.
 */
export class PgListener {
  private client: Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(private readonly options: PgListenerOptions) {
    if (!channelName.test(options.channel))
      throw new Error(`invalid channel name ${options.channel}`);
  }

  /** Resolves after the first attempt to connect, whether or not it succeeded. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.options.url,
      application_name: `listen:${this.options.channel}`,
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotify();
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('listener connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      this.dropped(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.options.onNotify();
  }

  private dropped(client: Client, error: Error): void {
    if (this.client !== undefined && this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners();
    // `error` may be emitted again by a half-dead socket; keep one no-op handler so it is not unhandled.
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer !== undefined) return;
    this.options.onError(error);
    const { initial, max } = this.options.reconnectMs ?? { initial: 100, max: 5_000 };
    const delay = Math.min(max, initial * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
