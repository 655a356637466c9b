import type { DomainSearchResult } from '@leadhooks/contracts';
import type { DirectoryStore } from '../directory/directory.store';
import { patternEvidence } from './email-patterns';

export type { DomainSearchResult };

/** The account's known people at a domain, newest first, and the domain's dominant pattern. */
export class DomainSearch {
  constructor(private readonly store: DirectoryStore) {}

  async search(
    accountId: string,
    domain: string,
    page: { limit: number; offset: number },
  ): Promise<DomainSearchResult> {
    const [{ total, leads }, named] = await Promise.all([
      this.store.byDomain(accountId, domain, page),
      this.store.namedAtDomain(accountId, domain),
    ]);
    const evidence = patternEvidence(
      named.map((person) => ({
        local: person.emailLocal,
        first: person.firstName ?? '',
        last: person.lastName ?? '',
      })),
    );
    return {
      domain,
      pattern: evidence[0]?.pattern ?? null,
      total,
      limit: page.limit,
      offset: page.offset,
      emails: leads.map((lead) => ({
        value: lead.email,
        first_name: lead.firstName,
        last_name: lead.lastName,
        position: lead.position,
        company: lead.company,
        phone: lead.phone,
        sources: [
          { type: 'lead', lead_id: lead.leadId, last_seen_at: lead.occurredAt.toISOString() },
        ],
      })),
    };
  }
}
