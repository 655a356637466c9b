import {
  parseMachineBusyTicks,
  parseStatCpuTicks,
  parseStatusPeakRssKb,
  readMachineBusySeconds,
  readProcUsage,
  sumUsage,
} from './proc-usage';

describe(sumUsage.name, () => {
  it('adds CPU seconds and peaks of several processes', () => {
    expect(
      sumUsage([
        { cpuSeconds: 1.5, peakRssMiB: 300.2 },
        { cpuSeconds: 0.25, peakRssMiB: 200.1 },
      ]),
    ).toEqual({ cpuSeconds: 1.75, peakRssMiB: 500.3 });
  });
});

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

describe(parseMachineBusyTicks.name, () => {
  it('adds user, nice, system, irq and softirq; leaves out idle, iowait and steal', () => {
    const stat = 'cpu  100 2 30 5000 40 5 6 700 0 0\ncpu0 50 1 15 2500 20 2 3 350 0 0\n';
    expect(parseMachineBusyTicks(stat)).toBe(100 + 2 + 30 + 5 + 6);
  });

  it('refuses a file it cannot read', () => {
    expect(() => parseMachineBusyTicks('intr 1 2 3\n')).toThrow(/unexpected/);
  });
});

describe(readMachineBusySeconds.name, () => {
  it('grows while this process spins', () => {
    const before = readMachineBusySeconds();
    const until = Date.now() + 50;
    while (Date.now() < until);
    expect(readMachineBusySeconds()).toBeGreaterThan(before);
  });
});
