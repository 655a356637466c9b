import { CpuMeter } from './cpu-split';

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe(CpuMeter.name, () => {
  it('charges a spin of this process to the bench, per unit, and sees the machine busy', () => {
    // Readings taken around the meter's own bound what it may report for this process,
    // whatever else the machine (or this process's other threads) is doing meanwhile.
    const outerStart = cpuMs();
    // Both "services" are this process too: their share is counted, never negative.
    const meter = new CpuMeter({ leadsService: process.pid, dispatcher: process.pid });
    const spinStart = cpuMs();
    const until = Date.now() + 200;
    while (Date.now() < until);
    const spinMs = cpuMs() - spinStart;
    const split = meter.split(10);
    const outerMs = cpuMs() - outerStart;

    const tolerance = 0.01; // split rounds each figure to 0.01 ms per unit
    expect(spinMs).toBeGreaterThan(0);
    expect(split.bench).toBeGreaterThanOrEqual(spinMs / 10 - tolerance);
    expect(split.bench).toBeLessThanOrEqual(outerMs / 10 + tolerance);
    expect(split.rest).toBeGreaterThanOrEqual(0);
    expect(split.machineBusyPct).toBeGreaterThan(0);
    expect(split.machineBusyPct).toBeLessThanOrEqual(100);
  });
});
