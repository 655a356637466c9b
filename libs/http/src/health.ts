import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

/** One dependency the service needs to do its work (Postgres, Kafka, ...). */
export interface HealthIndicator {
  readonly name: string;
  /**
   * Whether the service is useless without it. A non-critical dependency that is down
   * makes the report `degraded` but keeps readiness at 200: e.g. leads-service still takes
   * writes while Kafka is down (the outbox holds the events), so pulling it out of the
   * load balancer would turn a Kafka outage into an API outage.
   */
  readonly critical: boolean;
  /**
   * Resolves when the dependency is usable; rejects (or times out) otherwise. Resolving
   * with `degraded` means usable with less to spare (a Kafka broker of three away): the
   * report says `degraded`, readiness stays 200 even for a critical dependency.
   */
  check(): Promise<void | { degraded: string }>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

export type ReadinessReport = {
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, { status: 'up' | 'degraded' | 'down'; error?: string }>;
};

// Longer than a healthy check ever takes, shorter than a probe's own timeout (1 s in
// Kubernetes by default is too tight for a Kafka metadata round trip; 3 s is common).
const checkTimeoutMs = 2_500;

/** Runs every indicator at once, each bounded by a timeout. */
export async function checkReadiness(
  indicators: readonly HealthIndicator[],
): Promise<ReadinessReport> {
  const results = await Promise.all(
    indicators.map(async (indicator) => {
      try {
        const outcome = await withTimeout(
          indicator.check(),
          checkTimeoutMs,
          `${indicator.name} check timed out`,
        );
        if (outcome) {
          return { indicator, result: { status: 'degraded' as const, error: outcome.degraded } };
        }
        return { indicator, result: { status: 'up' as const } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { indicator, result: { status: 'down' as const, error: message } };
      }
    }),
  );
  const checks = Object.fromEntries(
    results.map(({ indicator, result }) => [indicator.name, result]),
  );
  const down = results.filter(({ result }) => result.status === 'down');
  if (down.length === 0) {
    const degraded = results.some(({ result }) => result.status === 'degraded');
    return { status: degraded ? 'degraded' : 'ok', checks };
  }
  return {
    status: down.some(({ indicator }) => indicator.critical) ? 'unavailable' : 'degraded',
    checks,
  };
}

/**
 * `/health/live`: the process answers (restart it if not). `/health/ready`: its
 * critical dependencies answer too (send it traffic only then). Liveness never checks
 * dependencies, or a Kafka outage would get every instance restarted for nothing.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await checkReadiness(this.indicators);
    response.status(report.status === 'unavailable' ? 503 : 200);
    return report;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
