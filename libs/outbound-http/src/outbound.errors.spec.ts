import { AxiosError } from 'axios';
import { classifyAddress } from './address.classify';
import {
  AddressResolutionError,
  classifyTransportError,
  ConnectTimeoutError,
  RefusedAddressError,
  type OutboundErrorKind,
} from './outbound.errors';

function coded(code: string): Error {
  return Object.assign(new Error(`an error whose text does not matter`), { code });
}

function wrapped(error: Error): AxiosError {
  return AxiosError.from(error);
}

const refused = new RefusedAddressError('hooks.test', '10.0.0.1', classifyAddress('10.0.0.1'));

describe(classifyTransportError.name, () => {
  it.each<[string, unknown, OutboundErrorKind]>([
    ['a refused address', refused, 'refused-address'],
    ['a refused address inside axios', wrapped(refused), 'refused-address'],
    ['a resolution failure', new AddressResolutionError('x.invalid', coded('ENOTFOUND')), 'dns'],
    ['a connect timeout inside axios', wrapped(new ConnectTimeoutError(200)), 'connect-timeout'],
    ['an untrusted certificate', wrapped(coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE')), 'tls'],
    ['a self-signed certificate', coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    ['a wrong host name', coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    ['an OpenSSL failure', coded('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    ['a refused connection', wrapped(coded('ECONNREFUSED')), 'connection'],
    ['a reset', coded('ECONNRESET'), 'connection'],
    [
      'happy-eyeballs giving up on every address',
      new AggregateError([coded('ECONNREFUSED'), coded('EHOSTUNREACH')]),
      'connection',
    ],
    ['a refusal inside an AggregateError', new AggregateError([refused]), 'refused-address'],
    ['something unknown', 'a string', 'connection'],
  ])('%s is %s', (_case, error, expected) => {
    expect(classifyTransportError(error)).toBe(expected);
  });
});
