// Preloaded (NODE_OPTIONS=--require) into every Node process of the fuzzed stack: the
// fuzzer generates `webhook_url`s and webhook URLs at will, and the services would
// otherwise resolve and call them. Two locks, both outside the code under test:
// - DNS: every name but `localhost` answers ENOTFOUND without a query leaving the machine;
// - the loopback guard of libs/testing refuses any TCP/TLS connection outside 127.0.0.0/8
//   and ::1, so an IP-literal URL cannot get out either.
// A refused send is, to the services, an unreachable receiver: what they must survive.
'use strict';
require('@swc-node/register');
const dns = require('node:dns');
const { isIP } = require('node:net');
const { installLoopbackGuard } = require('../../libs/testing/src/loopback-guard.ts');

const local = (name) => name === 'localhost' || String(name).endsWith('.localhost');
const notFound = (name) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${name} (fuzz stack: loopback only)`), {
    code: 'ENOTFOUND',
    hostname: name,
  });

const lookup = dns.lookup;
dns.lookup = function hermeticLookup(name, ...rest) {
  if (local(name) || isIP(String(name)) !== 0) return Reflect.apply(lookup, this, [name, ...rest]);
  const done = rest.find((argument) => typeof argument === 'function');
  process.nextTick(() => done(notFound(name)));
  return {};
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function hermeticPromisesLookup(name, ...rest) {
  if (local(name) || isIP(String(name)) !== 0)
    return Reflect.apply(promisesLookup, this, [name, ...rest]);
  return Promise.reject(notFound(name));
};

installLoopbackGuard();
