import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'info', destination }) };
}

/** Shaped like TypeORM's QueryFailedError: it keeps the statement and what was bound to it. */
class QueryFailedError extends Error {
  override readonly name = 'QueryFailedError';
  readonly query = 'INSERT INTO dispatcher.webhook (headers, secret) VALUES ($1, $2)';
  readonly parameters = ['{"X-Token":"header-value-1"}', 'whsec_c2VjcmV0'];
  readonly driverError = { detail: 'Key (secret)=(whsec_c2VjcmV0) already exists.' };
  readonly code = '23505';
}

describe(createLogger.name, () => {
  it('logs an error with its message, stack and code, not the values it was working on', () => {
    const { lines, logger } = capture();
    logger.error({ err: new QueryFailedError('duplicate key value') }, 'request failed');
    const line = JSON.parse(lines.join('')) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value',
      code: '23505',
    });
    expect(line.err.stack).toEqual(expect.stringContaining('QueryFailedError'));
    expect(lines.join('')).not.toMatch(/whsec_|header-value-1|INSERT/);
  });

  it('redacts credentials and secrets wherever they are logged whole', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer lh_key', 'x-api-key': 'lh_other' },
        webhook: { secret: 'whsec_a', secrets: ['whsec_b'] },
        secret: 'whsec_c',
      },
      'something',
    );
    const text = lines.join('');
    expect(text).not.toMatch(/lh_key|lh_other|whsec_/);
    expect(text).toContain('[redacted]');
  });
});
