import { emailVerdict, type EmailChecks } from './email-verdict';

const good: EmailChecks = {
  syntax: true,
  disposable: false,
  webmail: false,
  role: false,
  mx: 'found',
};

describe(emailVerdict.name, () => {
  it.each<[string, Partial<EmailChecks>, string, number]>([
    ['a company address with MX', {}, 'valid', 90],
    ['a webmail address', { webmail: true }, 'valid', 80],
    ['a role address', { role: true }, 'risky', 60],
    ['a disposable domain', { disposable: true }, 'risky', 10],
    ['a domain without MX', { mx: 'none' }, 'invalid', 0],
    ['bad syntax', { syntax: false, mx: 'skipped' }, 'invalid', 0],
    ['DNS unreachable', { mx: 'unknown' }, 'unknown', 50],
    ['DNS unreachable at a disposable domain', { mx: 'unknown', disposable: true }, 'risky', 10],
  ])('%s', (_name, checks, status, score) => {
    expect(emailVerdict({ ...good, ...checks })).toEqual({ status, score });
  });
});
