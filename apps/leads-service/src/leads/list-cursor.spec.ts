import { randomUUID } from 'node:crypto';
import { ValidationFailedException } from '@leadhooks/http';
import { decodeCursor, encodeCursor } from './list-cursor';

describe(encodeCursor.name, () => {
  it('round-trips through decodeCursor', () => {
    const cursor = { createdAt: new Date('2026-11-27T10:00:00.123Z'), id: randomUUID() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
    [
      'a bad id',
      Buffer.from(JSON.stringify([new Date().toISOString(), "1' OR 1=1"])).toString('base64url'),
    ],
  ])('refuses %s with a 400 naming cursor', (_case, text) => {
    expect(() => decodeCursor(text)).toThrow(ValidationFailedException);
    try {
      decodeCursor(text);
    } catch (error) {
      expect((error as ValidationFailedException).field).toBe('cursor');
    }
  });
});
