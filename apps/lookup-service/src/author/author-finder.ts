import type { AuthorFinderResult } from '@leadhooks/contracts';
import { ValidationFailedException } from '@leadhooks/http';
import {
  validateWebhookUrl,
  type OutboundClient,
  type OutboundPolicy,
} from '@leadhooks/outbound-http';
import type { EmailFinder } from '../finder/email-finder';
import { splitFullName } from '../finder/email-patterns';
import { extractAuthor } from './author-extract';

export type { AuthorFinderResult };

/**
 * Fetches the page through the shared outbound client (the dispatcher's safety rules),
 * reads its author, then finds the author's address at the page's domain as
 * email-finder does. A page that cannot be fetched is an answer (`page.status: failed`).
 */
export class AuthorFinder {
  constructor(
    private readonly client: OutboundClient,
    private readonly policy: OutboundPolicy,
    private readonly emailFinder: EmailFinder,
  ) {}

  /** The URL rules of webhooks apply to pages too: a bad or literal private one is a 400 on `url`. */
  checkUrl(input: string): URL {
    const checked = validateWebhookUrl(input, this.policy);
    if (!checked.ok)
      throw new ValidationFailedException(`url is not acceptable: ${checked.message}`, 'url');
    return checked.url;
  }

  async find(accountId: string, url: URL): Promise<AuthorFinderResult> {
    // The author's mailbox is at the site's domain, not at its www. host.
    const domain = url.hostname.toLowerCase().replace(/^www\./, '');
    const result: AuthorFinderResult = {
      url: url.href,
      domain,
      page: { status: 'failed', http_status: null, error: null },
      author: null,
      email: null,
      score: 0,
      pattern: null,
      verification: null,
    };
    const outcome = await this.client.send({
      method: 'GET',
      url: url.href,
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    if (outcome.kind === 'error')
      return { ...result, page: { ...result.page, error: outcome.error } };
    if (outcome.status < 200 || outcome.status > 299) {
      return {
        ...result,
        page: { status: 'failed', http_status: outcome.status, error: 'http-status' },
      };
    }
    result.page = { status: 'fetched', http_status: outcome.status, error: null };
    const found = extractAuthor(outcome.bodySnippet);
    if (found === undefined) return result;
    const names = splitFullName(found.name);
    result.author = {
      name: found.name,
      first_name: names?.first ?? null,
      last_name: names?.last ?? null,
      source: found.source,
    };
    if (names === undefined) return result;
    const email = await this.emailFinder.find({
      accountId,
      domain,
      firstName: names.first,
      lastName: names.last,
    });
    return {
      ...result,
      email: email.email,
      score: email.score,
      pattern: email.pattern,
      verification: email.verification,
    };
  }
}
