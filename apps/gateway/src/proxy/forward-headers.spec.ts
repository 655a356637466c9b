import { forwardHeaders } from './forward-headers';

describe('forwardHeaders', () => {
  it('keeps credentials and end-to-end headers, drops hop-by-hop ones', () => {
    const out = forwardHeaders({
      authorization: 'Bearer k',
      'x-api-key': 'k2',
      'content-type': 'application/json',
      connection: 'keep-alive, x-secret-hop',
      'x-secret-hop': '1',
      'transfer-encoding': 'chunked',
      host: 'example.test',
    });
    expect(out).toEqual({
      authorization: 'Bearer k',
      'x-api-key': 'k2',
      'content-type': 'application/json',
    });
  });
});
