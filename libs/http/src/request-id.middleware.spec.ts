import { acceptRequestId } from './request-id.middleware';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(acceptRequestId.name, () => {
  it.each(['abc-123', 'trace.id:7_x', 'a'.repeat(128)])('keeps the sane id %s', (given) => {
    expect(acceptRequestId(given)).toBe(given);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['with a space', 'two words'],
    ['with a newline (log injection)', 'id\nforged: line'],
    ['repeated header', ['a', 'b']],
  ])('replaces an id that is %s with a fresh UUID', (_name, given) => {
    const id = acceptRequestId(given);
    expect(id).toMatch(uuid);
    expect(acceptRequestId(given)).not.toBe(id);
  });
});
