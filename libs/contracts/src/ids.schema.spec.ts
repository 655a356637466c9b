import { DeliveryId, EventId, ResourceId } from './ids.schema';

describe('id schemas', () => {
  const uuid = '3F2C1A7E-9B0D-4E5F-8A6B-1C2D3E4F5A6B';

  it('lower-cases a resource id', () => {
    expect(ResourceId.parse(uuid)).toBe(uuid.toLowerCase());
  });

  it.each([
    [ResourceId, ['', '123', `${uuid}\u0000`, `${uuid} `, 'x'.repeat(10_000)]],
    [
      DeliveryId,
      [
        '',
        'msg_',
        `msg_${'a'.repeat(25)}`,
        `msg_${'A'.repeat(26)}`,
        `msg_${'1'.repeat(26)}`,
        '\u0000',
      ],
    ],
    [EventId, ['', '\u0000', 'a b', 'a/b', 'x'.repeat(201), '\ud800']],
  ] as const)('%# refuses what can name nothing', (schema, values) => {
    for (const value of values) expect(schema.safeParse(value).success).toBe(false);
  });

  it.each([
    [DeliveryId, `msg_${'a2'.repeat(13)}`],
    [EventId, uuid],
    [EventId, 'req_1:a.b-c'],
  ] as const)('%# accepts an id our services mint', (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });
});
