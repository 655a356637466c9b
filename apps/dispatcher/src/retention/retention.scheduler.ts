import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DeliveryLogPurge } from './delivery-log.purge';
import { formatRetention } from './retention.duration';

/**
 * Runs the purge every DELIVERY_PURGE_INTERVAL_MS in every dispatcher process; the advisory
 * lock lets one of them work at a time, the others skip that round. A failed run (Postgres
 * away) is logged and tried again next round: nothing depends on it being on time.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly purge: DeliveryLogPurge,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const { DELIVERY_RETENTION, DELIVERY_BODY_RETENTION, DELIVERY_PURGE_INTERVAL_MS } = this.config;
    this.logger.info(
      {
        retention: formatRetention(DELIVERY_RETENTION),
        bodyRetention: formatRetention(DELIVERY_BODY_RETENTION),
        intervalMs: DELIVERY_PURGE_INTERVAL_MS,
      },
      DELIVERY_PURGE_INTERVAL_MS === 0
        ? 'delivery log purge off in this process'
        : 'delivery log purge scheduled',
    );
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    const intervalMs = this.config.DELIVERY_PURGE_INTERVAL_MS;
    if (intervalMs === 0 || this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => this.schedule());
    }, intervalMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      await this.purge.run(new Date(), { stopping: () => this.stopped });
    } catch (error) {
      this.logger.warn({ err: error }, 'delivery log purge failed; next round will try again');
    }
  }
}
