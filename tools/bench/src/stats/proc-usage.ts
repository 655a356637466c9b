import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time and peak memory of another process, as Linux's /proc shows them. */
export interface ProcUsage {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  /** Peak resident set size (VmHWM), MiB. */
  peakRssMiB: number;
}

let clockTicks: number | undefined;

/** Clock ticks per second that /proc/<pid>/stat counts in (USER_HZ, 100 on most kernels). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * process.cpuUsage() sees only this process, so a child's CPU comes from its stat line:
 * utime and stime are fields 14 and 15, counted after the command name, which is in
 * parentheses and may itself hold spaces or parentheses.
 */
export function parseStatCpuTicks(stat: string): number {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[14 - 3]);
  const stime = Number(afterName[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`unexpected /proc stat line: ${stat.slice(0, 120)}`);
  }
  return utime + stime;
}

/** VmHWM from /proc/<pid>/status, in kB as the kernel writes it. */
export function parseStatusPeakRssKb(status: string): number {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('no VmHWM line in /proc status');
  return Number(match[1]);
}

export function readProcUsage(pid: number): ProcUsage {
  const ticks = parseStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const peakKb = parseStatusPeakRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return {
    cpuSeconds: ticks / ticksPerSecond(),
    peakRssMiB: Math.round((peakKb / 1024) * 10) / 10,
  };
}

/**
 * Busy CPU seconds of the whole machine (all cores) since boot, from /proc/stat's first
 * line: user, nice, system, irq and softirq (not idle, iowait, or steal, which is time
 * the hypervisor gave to someone else). What Kafka, Postgres and the rest used is this
 * minus the processes the bench reads one by one.
 */
export function parseMachineBusyTicks(procStat: string): number {
  const line = procStat.split('\n', 1)[0];
  const fields = line.startsWith('cpu ') ? line.slice(4).trim().split(/\s+/).map(Number) : [];
  const [user, nice, system, , , irq, softirq] = fields;
  const busy = user + nice + system + irq + softirq;
  if (!Number.isFinite(busy)) throw new Error(`unexpected /proc/stat line: ${line.slice(0, 120)}`);
  return busy;
}

export function readMachineBusySeconds(): number {
  return parseMachineBusyTicks(readFileSync('/proc/stat', 'utf8')) / ticksPerSecond();
}

/** Several processes as one: CPU seconds add up, and so do peaks (a bound on the peak of the sum). */
export function sumUsage(usages: readonly ProcUsage[]): ProcUsage {
  return {
    cpuSeconds: usages.reduce((sum, usage) => sum + usage.cpuSeconds, 0),
    peakRssMiB: Math.round(usages.reduce((sum, usage) => sum + usage.peakRssMiB, 0) * 10) / 10,
  };
}
