import { parseIpAddress } from './ip-address.parse';

function hex(text: string): string | undefined {
  const parsed = parseIpAddress(text);
  return parsed && `${parsed.family}:${Buffer.from(parsed.bytes).toString('hex')}`;
}

describe(parseIpAddress.name, () => {
  it.each([
    ['127.0.0.1', '4:7f000001'],
    ['255.255.255.255', '4:ffffffff'],
    ['::', '6:00000000000000000000000000000000'],
    ['::1', '6:00000000000000000000000000000001'],
    ['[::1]', '6:00000000000000000000000000000001'],
    ['fe80::1%eth0', '6:fe800000000000000000000000000001'],
    ['2001:db8::8a2e:370:7334', '6:20010db80000000000008a2e03707334'],
    ['2001:db8:0:0:1:0:0:1', '6:20010db8000000000001000000000001'],
    ['1:2:3:4:5:6:7:8', '6:00010002000300040005000600070008'],
    ['1::', '6:00010000000000000000000000000000'],
    ['::ffff:10.0.0.1', '6:00000000000000000000ffff0a000001'],
    ['::ffff:a00:1', '6:00000000000000000000ffff0a000001'],
    ['64:ff9b::192.168.1.1', '6:0064ff9b0000000000000000c0a80101'],
  ])('%s', (text, expected) => {
    expect(hex(text)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    '127.1',
    '0x7f.0.0.1',
    '2130706433',
    '010.0.0.1',
    '1.2.3.4.5',
    ':::',
    '[::1',
    'fe80::1%',
  ])('is not an address: %p', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});
