import { HopTap } from './hop-tap';

describe(HopTap.name, () => {
  const arrival = (webhookId: string, arrivedAt: number) => ({
    webhookId,
    endpoint: 'hook',
    sentAt: 0,
    arrivedAt,
  });

  it('splits each first arrival into API, outbox, fan-out and delivery', () => {
    const tap = new HopTap();
    tap.answer('a@bench.test', 1_000, 1_004);
    tap.saw('a@bench.test', 'event-a', 1_010);
    tap.routedAt('msg_a', 'event-a', 1_030);
    const stages = tap.stages([arrival('msg_a', 1_070)]);
    expect(stages.api.p50).toBe(4);
    expect(stages.outbox.p50).toBe(6);
    expect(stages.fanout.p50).toBe(20);
    expect(stages.delivery.p50).toBe(40);
  });

  it('leaves out an arrival whose records the tap has not read', () => {
    const tap = new HopTap();
    tap.answer('a@bench.test', 1_000, 1_004);
    tap.saw('a@bench.test', 'event-a', 1_010);
    const stages = tap.stages([arrival('msg_a', 1_070), arrival('msg_unknown', 1_080)]);
    expect(stages.delivery.count).toBe(0);
    expect(stages.api.count).toBe(0);
  });

  it('covers the arrivals only once both of their records were read', () => {
    const tap = new HopTap();
    tap.routedAt('msg_a', 'event-a', 1_030);
    expect(tap.covers([arrival('msg_a', 1_070)])).toBe(false);
    tap.saw('a@bench.test', 'event-a', 1_010);
    expect(tap.covers([arrival('msg_a', 1_070)])).toBe(true);
    expect(tap.covers([arrival('msg_a', 1_070), arrival('msg_b', 1_080)])).toBe(false);
  });
});
