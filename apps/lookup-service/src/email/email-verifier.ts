import type { EmailVerifierResult } from '@leadhooks/contracts';
import { EmailDomainLists } from './email-domains';
import { isRoleAddress, parseEmail } from './email-syntax';
import { emailVerdict, type EmailChecks } from './email-verdict';
import type { MxResolver } from './mx-resolver';

export type EmailVerification = EmailVerifierResult;

/** Syntax, domain lists, then MX through DNS; DNS trouble yields `unknown`, never an error. */
export class EmailVerifier {
  constructor(
    private readonly lists: EmailDomainLists,
    private readonly mx: MxResolver,
  ) {}

  async verify(input: string): Promise<EmailVerification> {
    const parsed = parseEmail(input);
    if (parsed === undefined) {
      const checks: EmailChecks = {
        syntax: false,
        disposable: false,
        webmail: false,
        role: false,
        mx: 'skipped',
      };
      return { email: input, domain: null, ...emailVerdict(checks), checks, mx_records: [] };
    }
    const lookup = await this.mx.lookup(parsed.domain);
    const checks: EmailChecks = {
      syntax: true,
      disposable: this.lists.isDisposable(parsed.domain),
      webmail: this.lists.isWebmail(parsed.domain),
      role: isRoleAddress(parsed.local),
      mx: lookup.mx,
    };
    return {
      email: parsed.email,
      domain: parsed.domain,
      ...emailVerdict(checks),
      checks,
      mx_records: lookup.mx === 'found' ? lookup.records : [],
    };
  }
}
