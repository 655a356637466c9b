import { readFileSync } from 'node:fs';
import { blacklist } from 'mailchecker';

/**
 * Domain lists from maintained data packages, never typed by hand (docs/decisions/020):
 * disposable domains from `mailchecker`, free webmail providers from `email-providers`
 * (whose list also holds disposable ones, so a disposable domain is never also webmail).
 */
export class EmailDomainLists {
  private readonly disposable: ReadonlySet<string>;
  private readonly webmail: ReadonlySet<string>;

  constructor() {
    this.disposable = blacklist();
    // The package's entry point is ESM-only; its data file is plain JSON.
    const providers = JSON.parse(
      readFileSync(require.resolve('email-providers/all.json'), 'utf8'),
    ) as string[];
    this.webmail = new Set(providers.map((domain) => domain.toLowerCase()));
  }

  /** Also true for a subdomain of a listed domain (throwaway services hand out subdomains). */
  isDisposable(domain: string): boolean {
    return suffixes(domain).some((candidate) => this.disposable.has(candidate));
  }

  isWebmail(domain: string): boolean {
    return !this.isDisposable(domain) && this.webmail.has(domain);
  }
}

function suffixes(domain: string): string[] {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_label, index) => labels.slice(index).join('.'));
}
