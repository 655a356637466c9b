import type { ProcessSpec } from '../stack/app-process';

/** What the limit loop process is told, as JSON in BENCH_LIMIT_CONFIG. */
export interface LimitLoopConfig {
  brokers: string[];
  /** The physical topic (namespace included). */
  topic: string;
  groupId: string;
  url: string;
  secret: string;
  caFile: string;
  /** The dispatcher's defaults, so both work with the same parallelism. */
  partitions: number;
  inFlightPerPartition: number;
  maxSockets: number;
}

export function limitLoopSpec(config: LimitLoopConfig): ProcessSpec {
  return {
    name: 'limit-loop',
    entry: 'tools/bench/src/load/limit-loop.main.ts',
    tsconfig: 'tools/bench/tsconfig.app.json',
    env: { BENCH_LIMIT_CONFIG: JSON.stringify(config) },
  };
}
