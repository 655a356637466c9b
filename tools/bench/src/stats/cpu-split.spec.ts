import { CpuMeter } from './cpu-split';

describe(CpuMeter.name, () => {
  it('charges a spin of this process to the bench, per unit, and sees the machine busy', () => {
    // Both "services" are this process too: their share is counted, never negative.
    const meter = new CpuMeter({ leadsService: process.pid, dispatcher: process.pid });
    const until = Date.now() + 200;
    while (Date.now() < until);
    const split = meter.split(10);
    expect(split.bench).toBeGreaterThan(5);
    expect(split.bench).toBeLessThan(30);
    expect(split.rest).toBeGreaterThanOrEqual(0);
    expect(split.machineBusyPct).toBeGreaterThan(0);
    expect(split.machineBusyPct).toBeLessThanOrEqual(100);
  });
});
