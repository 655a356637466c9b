import { openLoop, type Arrival } from './open-loop';

describe(openLoop.name, () => {
  it('fires rate x duration arrivals on schedule without waiting for answers', async () => {
    const fired: Arrival[] = [];
    let answered = 0;
    const result = await openLoop({
      ratePerSec: 200,
      durationSec: 0.5,
      // Every answer takes 300 ms: a closed loop would manage a handful, not 100.
      fire: async (batch) => {
        fired.push(...batch);
        await new Promise((resolve) => setTimeout(resolve, 300));
        answered += batch.length;
      },
    });
    expect(result.scheduled).toBe(100);
    expect(fired.map((arrival) => arrival.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(answered).toBe(100);
    expect(result.failed).toBe(0);
    // Due times are 5 ms apart by construction, whatever the timers did.
    expect(fired[99].dueAt - fired[0].dueAt).toBeCloseTo(495, 6);
  });

  it('counts the arrivals of a failed batch', async () => {
    const result = await openLoop({
      ratePerSec: 100,
      durationSec: 0.1,
      fire: (batch) => (batch[0].seq === 0 ? Promise.reject(new Error('down')) : Promise.resolve()),
    });
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(result.scheduled).toBe(10);
  });
});
