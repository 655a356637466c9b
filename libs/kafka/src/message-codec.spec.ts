import { Topics } from '@leadhooks/contracts';
import { InvalidOutgoingMessageError } from './kafka.errors';
import { decodeHeaders, decodeRecord, encodeMessages, type RawRecord } from './message-codec';
import { deliveryMessage, saveLeadEvent } from './test/fixtures';

function raw(value: Buffer | null, overrides: Partial<RawRecord> = {}): RawRecord {
  return {
    partition: 2,
    offset: '41',
    timestamp: '1764237600000',
    key: Buffer.from('k1'),
    value,
    ...overrides,
  };
}

describe(encodeMessages.name, () => {
  it('serializes valid values as JSON and keeps key and headers', () => {
    const value = deliveryMessage();
    const [encoded] = encodeMessages(Topics.deliveries, [
      { key: 'ep', value, headers: { 'event-id': 'e1' } },
    ]);
    expect(encoded).toEqual({
      key: 'ep',
      value: JSON.stringify(value),
      headers: { 'event-id': 'e1' },
    });
  });

  it('refuses the whole batch when one value breaks the schema, naming the message and field', () => {
    const bad = { ...deliveryMessage(), attemptsMade: -1 };
    const send = () =>
      encodeMessages(Topics.deliveries, [
        { key: 'a', value: deliveryMessage() },
        { key: 'b', value: bad },
      ]);
    expect(send).toThrow(InvalidOutgoingMessageError);
    expect(send).toThrow(/message 1 for topic webhooks\.deliveries .*attemptsMade/);
  });
});

describe(decodeRecord.name, () => {
  it('decodes a valid record with its metadata', () => {
    const value = saveLeadEvent(3);
    const decoded = decodeRecord(
      Topics.saveLead,
      raw(Buffer.from(JSON.stringify(value)), { headers: { a: 'x' } }),
    );
    expect(decoded).toEqual({
      ok: true,
      message: {
        topic: 'leads.save_lead',
        partition: 2,
        offset: '41',
        timestamp: 1764237600000,
        key: 'k1',
        headers: { a: 'x' },
        value,
      },
    });
  });

  it.each([
    ['a null value (tombstone)', null, 'empty'],
    ['an empty value', Buffer.alloc(0), 'empty'],
    ['text that is not JSON', Buffer.from('{"oops'), 'not-json'],
    [
      'JSON that breaks the schema',
      Buffer.from(JSON.stringify({ ...saveLeadEvent(), aggregateVersion: 0 })),
      'schema',
    ],
  ])('routes %s to onInvalid as %s, keeping the raw bytes', (_case, value, reason) => {
    const decoded = decodeRecord(Topics.saveLead, raw(value, { key: null }));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.invalid).toMatchObject({
      topic: 'leads.save_lead',
      offset: '41',
      key: null,
      reason,
    });
    expect(decoded.invalid.rawValue).toBe(value);
    if (reason === 'schema') expect(decoded.invalid.detail).toContain('aggregateVersion');
  });
});

describe(decodeHeaders.name, () => {
  it('decodes buffers as UTF-8, keeps the last of repeated values, drops undefined', () => {
    expect(
      decodeHeaders({
        plain: 'text',
        bytes: Buffer.from('café'),
        repeated: [Buffer.from('first'), 'last'],
        missing: undefined,
      }),
    ).toEqual({ plain: 'text', bytes: 'café', repeated: 'last' });
  });
});
