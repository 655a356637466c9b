import { parseStatCpuTicks, parseStatusPeakRssKb, readProcUsage } from './proc-usage';

describe(parseStatCpuTicks.name, () => {
  it('adds utime and stime, counting fields after a command name with spaces and parentheses', () => {
    const stat = '4242 (node (a) b) S 1 4242 4242 0 -1 4194304 100 0 0 0 731 269 0 0 20 0 11 0';
    expect(parseStatCpuTicks(stat)).toBe(1000);
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseStatCpuTicks('garbage')).toThrow(/unexpected/);
  });
});

describe(parseStatusPeakRssKb.name, () => {
  it('reads VmHWM', () => {
    expect(parseStatusPeakRssKb('Name:\tnode\nVmPeak:\t  900000 kB\nVmHWM:\t  123456 kB\n')).toBe(
      123456,
    );
  });
});

describe(readProcUsage.name, () => {
  it('reads this very process: some CPU used, a peak of at least a few MiB', () => {
    const usage = readProcUsage(process.pid);
    expect(usage.cpuSeconds).toBeGreaterThan(0);
    expect(usage.peakRssMiB).toBeGreaterThan(5);
  });
});
