import { QueryFailedError } from 'typeorm';
import { postgresOutage } from './postgres-outage';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe(postgresOutage.name, () => {
  it.each<[string, unknown]>([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unresolvable host', withCode('ENOTFOUND')],
    ['a server shutting down (57P01)', queryFailed(withCode('57P01'))],
    ['a server starting up (57P03)', withCode('57P03')],
    ['a connection exception (08006)', queryFailed(withCode('08006'))],
    ['too many connections (53300)', withCode('53300')],
    ['a connection lost mid-query', queryFailed(new Error('Connection terminated unexpectedly'))],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    [
      'a refusal on each address tried',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {
        code: undefined,
      }),
    ],
    ['a refusal as the cause', new Error('wrapped', { cause: withCode('ECONNREFUSED') })],
  ])('recognises %s', (_case, error) => {
    expect(postgresOutage(error)).toBe('database');
  });

  it.each<[string, unknown]>([
    ['a unique violation', queryFailed(withCode('23505'))],
    ['a syntax error', queryFailed(withCode('42601'))],
    ['a statement timeout (the query, not the server)', queryFailed(withCode('57014'))],
    ['a bug', new TypeError('x is undefined')],
    // The text alone is not enough when a code says otherwise.
    ['a coded error with a matching text', withCode('23505', 'Connection terminated')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_case, error) => {
    expect(postgresOutage(error)).toBeUndefined();
  });
});
