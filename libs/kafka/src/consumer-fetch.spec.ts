import type { EachBatchPayload } from 'kafkajs';
import { fetchStep } from './consumer-fetch';
import { Partitions } from './consumer-partitions';
import type { RawRecord } from './message-codec';
import { PartitionWork } from './partition-work';

/** The parts of kafkajs's eachBatch payload the fetch step reads. */
function batch(offsets: string[], calls: string[], running = () => true) {
  const messages = offsets.map((offset) => ({
    offset,
    timestamp: '0',
    key: Buffer.from('k'),
    value: null,
    headers: {},
  }));
  return {
    batch: { topic: 't', partition: 0, messages },
    resolveOffset: (offset: string) => void calls.push(`resolve ${offset}`),
    pause: () => {
      calls.push('pause');
      return () => void calls.push('resume');
    },
    isRunning: running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

function setUp(maxWindow: number) {
  const calls: string[] = [];
  const partitions = new Partitions(
    () =>
      new PartitionWork(
        4,
        async () => undefined,
        () => undefined,
      ),
  );
  const stopping = new AbortController();
  const finishers: (() => void)[] = [];
  const step = fetchStep(
    partitions,
    maxWindow,
    stopping.signal,
    (topic, record: RawRecord, work) => {
      calls.push(`admit ${topic}:${record.partition}@${record.offset}`);
      work.admission.admit('k', 0, () => new Promise<void>((resolve) => finishers.push(resolve)));
    },
  );
  return { calls, step, stopping, finishers, partitions };
}

describe(fetchStep.name, () => {
  it('takes records in offset order, admitting and resolving each', async () => {
    const { calls, step } = setUp(8);
    await step(batch(['3', '4'], calls));
    expect(calls).toEqual(['admit t:0@3', 'resolve 3', 'admit t:0@4', 'resolve 4']);
  });

  it('pauses a partition whose window is full and returns; resumes it once a record finished', async () => {
    const { calls, step, finishers } = setUp(1);
    await step(batch(['0', '1'], calls));
    expect(calls).toEqual(['admit t:0@0', 'resolve 0', 'pause']);
    // Offset 1 was not resolved: kafkajs fetches it again after the resume.
    await step(batch(['1'], calls));
    expect(calls).toEqual(['admit t:0@0', 'resolve 0', 'pause']);
    finishers[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['admit t:0@0', 'resolve 0', 'pause', 'resume']);
    await step(batch(['1'], calls));
    expect(calls.slice(-2)).toEqual(['admit t:0@1', 'resolve 1']);
  });

  it('takes nothing once stopping, and nothing more of a batch kafkajs stopped', async () => {
    const stopped = setUp(8);
    stopped.stopping.abort();
    await stopped.step(batch(['0'], stopped.calls));
    expect(stopped.calls).toEqual([]);

    const halted = setUp(8);
    let left = 1;
    await halted.step(batch(['0', '1'], halted.calls, () => left-- > 0));
    expect(halted.calls).toEqual(['admit t:0@0', 'resolve 0']);
  });

  it('resumes a partition paused for a full window when it is revoked', async () => {
    const { calls, step, partitions } = setUp(1);
    await step(batch(['0', '1'], calls));
    partitions.revokeAll();
    expect(calls).toEqual(['admit t:0@0', 'resolve 0', 'pause', 'resume']);
  });
});
