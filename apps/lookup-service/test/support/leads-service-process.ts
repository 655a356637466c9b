import { startAppProcess, type AppProcess } from '@leadhooks/testing';

export type LeadsServiceProcess = AppProcess;

/** The real leads-service as its own process, on the environment given (Postgres, Kafka). */
export function startLeadsServiceProcess(env: Record<string, string>): Promise<AppProcess> {
  return startAppProcess({
    app: 'leads-service',
    portVariable: 'PORT',
    env: { OUTBOX_POLL_INTERVAL_MS: '500', ...env },
    readyPath: '/health/live',
  });
}
