import { forwardHeaders } from './forward-headers';

describe('forwardHeaders', () => {
  it('keeps credentials and end-to-end headers, drops hop-by-hop ones', () => {
    const out = forwardHeaders({
      headersDistinct: {
        authorization: ['Bearer k'],
        'x-api-key': ['k2'],
        'content-type': ['application/json'],
        connection: ['keep-alive, x-secret-hop', 'x-other-hop'],
        'x-secret-hop': ['1'],
        'x-other-hop': ['2'],
        'transfer-encoding': ['chunked'],
        host: ['example.test'],
      },
    });
    expect(out).toEqual({
      authorization: 'Bearer k',
      'x-api-key': 'k2',
      'content-type': 'application/json',
    });
  });

  it('passes a header sent twice on twice (two Authorization headers stay two)', () => {
    const out = forwardHeaders({
      headersDistinct: { authorization: ['Bearer a', 'Bearer b'], 'x-api-key': ['a', 'a'] },
    });
    expect(out).toEqual({ authorization: ['Bearer a', 'Bearer b'], 'x-api-key': ['a', 'a'] });
  });
});
