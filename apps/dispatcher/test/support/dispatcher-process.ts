import { startAppProcess, type AppProcess } from '@leadhooks/testing';

/** The dispatcher as a real process (main.ts), so a test can kill -9 it. */
export type DispatcherProcess = AppProcess;

export const DispatcherProcess = {
  /** On a fixed `port`, so a restarted dispatcher is found where the test's clients expect it. */
  start: (env: Record<string, string>, port: number): Promise<DispatcherProcess> =>
    startAppProcess({ app: 'dispatcher', portVariable: 'DISPATCHER_PORT', port, env }),
};
