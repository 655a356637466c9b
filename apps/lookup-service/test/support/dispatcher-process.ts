import { startAppProcess, type AppProcess } from '@leadhooks/testing';

/**
 * The real dispatcher as its own process, on the environment given (Postgres, Kafka, and
 * whatever opt-outs the test needs); ready once its Kafka and Postgres are.
 */
export function startDispatcherProcess(env: Record<string, string>): Promise<AppProcess> {
  return startAppProcess({ app: 'dispatcher', portVariable: 'DISPATCHER_PORT', env });
}
