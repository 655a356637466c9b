import { Topics } from '@leadhooks/contracts';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import type { KafkaLog } from './kafka.logger';
import { decodeRecord, type RawRecord } from './message-codec';
import { processRecord, type RecordContext } from './record-processor';
import { deliveryMessage } from './test/fixtures';

const silentLog: KafkaLog = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
};

function record(value: string | null) {
  return decodeRecord(Topics.deliveries, raw(value));
}

function raw(value: string | null): RawRecord {
  return {
    partition: 0,
    offset: '7',
    timestamp: '1764237600000',
    key: Buffer.from('ep'),
    value: value === null ? null : Buffer.from(value),
  };
}

function fakeContext(overrides: Partial<RecordContext> = {}) {
  const calls: string[] = [];
  const context: RecordContext = {
    commit: () => void calls.push('commit'),
    sleep: async (ms) => {
      // The delay is jittered: assert its bounds here, its exact value in handler-backoff.spec.
      expect(ms).toBeGreaterThanOrEqual(50);
      expect(ms).toBeLessThanOrEqual(100);
      calls.push('sleep');
    },
    isStopping: () => false,
    retryPolicy: { initialMs: 100, maxMs: 100, multiplier: 1 },
    log: silentLog,
    ...overrides,
  };
  return { context, calls };
}

describe(processRecord.name, () => {
  const value = deliveryMessage();

  it('hands a valid record to handle, then commits', async () => {
    const { context, calls } = fakeContext();
    const seen: ConsumedMessage<'webhooks.deliveries'>[] = [];
    const handlers = {
      handle: async (message: ConsumedMessage<'webhooks.deliveries'>) => {
        calls.push('handle');
        seen.push(message);
      },
      onInvalid: async () => void calls.push('onInvalid'),
    };
    await expect(processRecord(record(JSON.stringify(value)), handlers, context)).resolves.toBe(
      'committed',
    );
    expect(calls).toEqual(['handle', 'commit']);
    expect(seen[0]).toMatchObject({ topic: 'webhooks.deliveries', key: 'ep', offset: '7', value });
  });

  it('passes an invalid record to onInvalid, then commits it so the next one can flow', async () => {
    const { context, calls } = fakeContext();
    const invalid: InvalidRecord[] = [];
    const handlers = {
      handle: async () => void calls.push('handle'),
      onInvalid: async (bad: InvalidRecord<'webhooks.deliveries'>) => {
        calls.push('onInvalid');
        invalid.push(bad);
      },
    };
    await processRecord(record('not json'), handlers, context);
    expect(calls).toEqual(['onInvalid', 'commit']);
    expect(invalid[0]).toMatchObject({ reason: 'not-json', offset: '7' });
  });

  it('retries the same record after a backoff until the handler succeeds, and only then commits', async () => {
    const { context, calls } = fakeContext();
    let attempts = 0;
    const handle = async (message: ConsumedMessage<'webhooks.deliveries'>) => {
      attempts += 1;
      calls.push(`handle ${message.offset}`);
      if (attempts < 3) throw new Error('endpoint store down');
    };
    await processRecord(
      record(JSON.stringify(value)),
      { handle, onInvalid: async () => undefined },
      context,
    );
    expect(calls).toEqual(['handle 7', 'sleep', 'handle 7', 'sleep', 'handle 7', 'commit']);
  });

  it('retries a failing onInvalid too: an invalid record is parked, never dropped', async () => {
    const { context, calls } = fakeContext();
    let attempts = 0;
    const onInvalid = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('parking lot full');
    };
    await processRecord(record(null), { handle: async () => undefined, onInvalid }, context);
    expect(attempts).toBe(2);
    expect(calls).toContain('commit');
  });

  it('abandons without committing when the consumer stops during the backoff', async () => {
    let stopping = false;
    const { context, calls } = fakeContext({
      isStopping: () => stopping,
      sleep: async () => {
        stopping = true;
      },
    });
    const handle = async () => {
      throw new Error('still down');
    };
    await expect(
      processRecord(
        record(JSON.stringify(value)),
        { handle, onInvalid: async () => undefined },
        context,
      ),
    ).resolves.toBe('abandoned');
    expect(calls).not.toContain('commit');
  });
});
