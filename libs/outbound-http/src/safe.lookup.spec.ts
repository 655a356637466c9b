import type { LookupAddress } from 'node:dns';
import { AddressResolutionError, RefusedAddressError } from './outbound.errors';
import { resolveOutboundPolicy } from './outbound.policy';
import { createSafeLookup, resolveCheckedAddresses, type Resolver } from './safe.lookup';

// Address lists are data for the check only: nothing here opens a socket.
function answering(...addresses: string[]): Resolver {
  return async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

const strict = resolveOutboundPolicy({});
const dev = resolveOutboundPolicy({ allowPrivateAddresses: true });

describe(resolveCheckedAddresses.name, () => {
  it.each<[string, string[], typeof strict, 'ok' | 'refused']>([
    ['all public', ['8.8.8.8', '2606:4700:4700::1111'], strict, 'ok'],
    ['loopback', ['127.0.0.1'], strict, 'refused'],
    ['one private among public ones', ['8.8.8.8', '10.0.0.1'], strict, 'refused'],
    ['a mapped loopback', ['::ffff:127.0.0.1'], strict, 'refused'],
    ['link-local IPv6', ['fe80::1'], strict, 'refused'],
    ['loopback, allowed for development', ['127.0.0.1', '::1'], dev, 'ok'],
  ])('%s', async (_case, addresses, policy, expected) => {
    const result = resolveCheckedAddresses('hooks.test', 0, policy, answering(...addresses));
    if (expected === 'ok') {
      await expect(result).resolves.toEqual(
        addresses.map((address) => expect.objectContaining({ address })),
      );
    } else {
      await expect(result).rejects.toBeInstanceOf(RefusedAddressError);
    }
  });

  it('names the host and the address it refused', async () => {
    await expect(
      resolveCheckedAddresses('hooks.test', 0, strict, answering('8.8.8.8', '10.0.0.1')),
    ).rejects.toThrow(
      'refused hooks.test: it resolves to 10.0.0.1, not a public address (private)',
    );
  });

  it.each<[string, Resolver]>([
    [
      'a resolver failure',
      async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
    ],
    ['no addresses', async () => []],
  ])('turns %s into an AddressResolutionError', async (_case, resolve) => {
    await expect(
      resolveCheckedAddresses('gone.invalid', 0, strict, resolve),
    ).rejects.toBeInstanceOf(AddressResolutionError);
  });
});

describe(createSafeLookup.name, () => {
  function run(
    lookup: ReturnType<typeof createSafeLookup>,
    all: boolean,
  ): Promise<{ err: Error | null; address: string | LookupAddress[]; family?: number }> {
    return new Promise((resolve) => {
      lookup('hooks.test', { all, family: 0 }, (err, address, family) =>
        resolve({ err, address, family }),
      );
    });
  }

  it('answers every checked address when Node asks for all of them', async () => {
    const lookup = createSafeLookup({}, answering('8.8.8.8', '2606:4700:4700::1111'));
    await expect(run(lookup, true)).resolves.toEqual({
      err: null,
      address: [
        { address: '8.8.8.8', family: 4 },
        { address: '2606:4700:4700::1111', family: 6 },
      ],
      family: undefined,
    });
  });

  it('answers the first checked address when Node asks for one', async () => {
    const lookup = createSafeLookup({}, answering('8.8.8.8'));
    await expect(run(lookup, false)).resolves.toEqual({ err: null, address: '8.8.8.8', family: 4 });
  });

  it('passes the requested family to the resolver', async () => {
    const resolve = jest.fn(answering('2606:4700:4700::1111'));
    await new Promise((done) => createSafeLookup({}, resolve)('hooks.test', { family: 6 }, done));
    expect(resolve).toHaveBeenCalledWith('hooks.test', 6);
  });

  it('fails the lookup with the refusal', async () => {
    const { err } = await run(createSafeLookup({}, answering('127.0.0.1')), true);
    expect(err).toBeInstanceOf(RefusedAddressError);
  });
});
