import { decodePageCursor, encodePageCursor } from './page-cursor';

describe('page cursor', () => {
  const key = { at: '2026-01-01T00:00:03.123456+00:00', id: 'msg_abcdefghijklmnopqrstuvwxyz' };

  it('round-trips the sort key, microseconds included', () => {
    expect(decodePageCursor(encodePageCursor(key))).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'not-a-cursor'],
    ['a JSON object', Buffer.from('{"at":1}').toString('base64url')],
    ['three items', Buffer.from(JSON.stringify([key.at, key.id, 1])).toString('base64url')],
    ['a bad timestamp', Buffer.from(JSON.stringify(['yesterday', key.id])).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify([key.at, "msg_'; drop"])).toString('base64url')],
    ['a number as id', Buffer.from(JSON.stringify([key.at, 7])).toString('base64url')],
    [
      'an overlong timestamp',
      Buffer.from(JSON.stringify([key.at + ' '.repeat(50), key.id])).toString('base64url'),
    ],
  ])('refuses %s with a 400 naming cursor', (_name, text) => {
    expect(() => decodePageCursor(text)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        field: 'cursor',
        message: 'cursor is not a cursor this API returned',
      }),
    );
  });
});
