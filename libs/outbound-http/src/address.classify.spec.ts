import {
  classifyAddress,
  describeAddressClass,
  isPublicAddress,
  type AddressRange,
} from './address.classify';

// Public examples are well-known anycast resolvers and documentation-free global unicast;
// they are only classified here, never contacted.
const cases: ReadonlyArray<[ip: string, range: AddressRange]> = [
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:82b::200e', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['0.1.2.3', 'reserved'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['100.64.0.1', 'carrier-grade-nat'],
  ['100.127.255.255', 'carrier-grade-nat'],
  ['100.128.0.0', 'public'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.10', 'documentation'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.20.0.0', 'public'],
  ['2001:2::1', 'benchmarking'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.88.99.1', 'reserved'],
  ['fec0::1', 'reserved'],
  ['100::1', 'reserved'],
  ['64:ff9b:1::a00:1', 'reserved'],
  ['2001:10::1', 'reserved'],
  ['4000::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  // IPv6 forms that carry an IPv4 address are judged by that address.
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['::10.0.0.1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:a00:1::1', 'private'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:808:808::1', 'public'],
  ['localhost', 'invalid'],
  ['127.1', 'invalid'],
  ['', 'invalid'],
];

describe(classifyAddress.name, () => {
  it.each(cases)('%s is %s', (ip, range) => {
    expect(classifyAddress(ip).range).toBe(range);
    expect(isPublicAddress(ip)).toBe(range === 'public');
  });

  it('names the embedded IPv4 address it judged', () => {
    const verdict = classifyAddress('::ffff:10.0.0.1');
    expect(verdict).toEqual({
      range: 'private',
      embedded: { via: 'ipv4-mapped', ipv4: '10.0.0.1' },
    });
    expect(describeAddressClass(verdict)).toBe('private, ipv4-mapped 10.0.0.1');
    expect(describeAddressClass(classifyAddress('10.0.0.1'))).toBe('private');
  });
});
