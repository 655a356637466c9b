import { InvalidServerNameError, tlsServerName } from './tls-server-name';

describe(tlsServerName.name, () => {
  it.each([
    ['127.0.0.1', ''],
    ['203.0.113.7', ''],
    ['::1', ''],
    ['[2001:db8::1]', ''],
    ['hooks.test', 'hooks.test'],
    ['hooks.test.', 'hooks.test'],
    [`${'a'.repeat(63)}.test`, `${'a'.repeat(63)}.test`],
  ])('names %s as %j (no SNI for an IP literal, RFC 6066)', (host, expected) => {
    expect(tlsServerName(host)).toBe(expected);
  });

  it('refuses a name longer than OpenSSL takes, rather than let OpenSSL refuse it', () => {
    const error = tlsServerName(`${'a.'.repeat(130)}test`);
    expect(error).toBeInstanceOf(InvalidServerNameError);
    expect(error).toMatchObject({ code: 'ERR_TLS_INVALID_SERVER_NAME' });
  });
});
