import { cpus } from 'node:os';
import { readMachineBusySeconds, readProcUsage } from './proc-usage';

/** CPU milliseconds per unit of work (a lead, say), by who spent them. */
export interface CpuSplit {
  leadsService: number;
  dispatcher: number;
  /** The bench process itself: load generator, HTTPS receiver, Kafka taps. */
  bench: number;
  /** Everything else on the machine: Kafka, Postgres, the kernel's share of the rest. */
  rest: number;
  /** The whole machine's busy share over the interval, % of all cores. */
  machineBusyPct: number;
}

interface Reading {
  at: number;
  machine: number;
  leadsService: number;
  dispatcher: number;
  bench: number;
}

/**
 * Where the CPU of a stretch of work went: read at the start, `split(units)` at the end.
 * The machine counts every core, so a saturated machine shows as ~100 % busy and the
 * split says which process to make cheaper.
 */
export class CpuMeter {
  private readonly start: Reading;

  constructor(private readonly pids: { leadsService: number; dispatcher: number }) {
    this.start = this.read();
  }

  split(units: number): CpuSplit {
    const end = this.read();
    const perUnit = (key: keyof Omit<Reading, 'at'>) =>
      round(((end[key] - this.start[key]) * 1000) / Math.max(1, units));
    const processes = perUnit('leadsService') + perUnit('dispatcher') + perUnit('bench');
    const wallSec = (end.at - this.start.at) / 1000;
    return {
      leadsService: perUnit('leadsService'),
      dispatcher: perUnit('dispatcher'),
      bench: perUnit('bench'),
      rest: round(Math.max(0, perUnit('machine') - processes)),
      // /proc/stat counts in clock ticks (10 ms): over a short stretch of a saturated
      // machine the count can pass the wall time by a tick, never the real share.
      machineBusyPct: Math.min(
        100,
        Math.round(
          (100 * (end.machine - this.start.machine)) / Math.max(1e-3, wallSec * cpus().length),
        ),
      ),
    };
  }

  private read(): Reading {
    const own = process.cpuUsage();
    return {
      at: Date.now(),
      machine: readMachineBusySeconds(),
      leadsService: readProcUsage(this.pids.leadsService).cpuSeconds,
      dispatcher: readProcUsage(this.pids.dispatcher).cpuSeconds,
      bench: (own.user + own.system) / 1e6,
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
