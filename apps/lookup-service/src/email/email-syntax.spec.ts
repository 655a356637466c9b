import { isRoleAddress, parseEmail } from './email-syntax';

describe(parseEmail.name, () => {
  it.each([
    [
      'Ada.Lovelace@Example.COM',
      { email: 'ada.lovelace@example.com', local: 'ada.lovelace', domain: 'example.com' },
    ],
    ["o'brien+tag@mail.example.co.uk", { domain: 'mail.example.co.uk', local: "o'brien+tag" }],
    ['user@xn--bcher-kva.example', { domain: 'xn--bcher-kva.example' }],
  ])('accepts %s', (input, expected) => {
    expect(parseEmail(input)).toMatchObject(expected);
  });

  it.each([
    'plainaddress',
    '@example.com',
    'ada@',
    'ada@localhost',
    'ada@example.c',
    'ada@-example.com',
    'ada@exa_mple.com',
    'ada..lovelace@example.com',
    '.ada@example.com',
    'ada lovelace@example.com',
    '"ada"@example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
    'ada@example.com.',
    'ada@123.123.123.123',
  ])('refuses %s', (input) => {
    expect(parseEmail(input)).toBeUndefined();
  });
});

describe(isRoleAddress.name, () => {
  it.each([
    ['info', true],
    ['sales+eu', true],
    ['ada', false],
  ])('%s -> %s', (local, role) => expect(isRoleAddress(local)).toBe(role));
});
