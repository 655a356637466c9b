import { promises as dns } from 'node:dns';

export interface MxRecord {
  exchange: string;
  priority: number;
}

/**
 * What DNS says about a domain's mail: `found` (MX records, lowest priority first),
 * `none` (the domain does not exist or publishes no MX, or only the RFC 7505 null MX),
 * `unknown` (DNS could not be asked: timeout, refused, server failure).
 */
export type MxLookup =
  | { mx: 'found'; records: MxRecord[] }
  | { mx: 'none' }
  | { mx: 'unknown'; reason: string };

export interface MxResolverOptions {
  /** `ip` or `ip:port`; empty or undefined means the system's resolvers. */
  servers?: readonly string[];
  timeoutMs: number;
  tries: number;
}

// Answers that mean "there is no mail here", as opposed to "could not find out".
const noMail: ReadonlySet<string> = new Set([dns.NOTFOUND, dns.NODATA]);

export class MxResolver {
  private readonly resolver: dns.Resolver;

  constructor(options: MxResolverOptions) {
    this.resolver = new dns.Resolver({ timeout: options.timeoutMs, tries: options.tries });
    if (options.servers && options.servers.length > 0)
      this.resolver.setServers([...options.servers]);
  }

  async lookup(domain: string): Promise<MxLookup> {
    try {
      const records = (await this.resolver.resolveMx(domain))
        .filter((record) => record.exchange !== '' && record.exchange !== '.')
        .sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
      return records.length > 0 ? { mx: 'found', records } : { mx: 'none' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
      return noMail.has(code) ? { mx: 'none' } : { mx: 'unknown', reason: code };
    }
  }

  /** Stops queries in flight (they end with ECANCELLED, which reads as `unknown`). */
  close(): void {
    this.resolver.cancel();
  }
}
