import type { EmailFinderResult } from '@leadhooks/contracts';
import type { DirectoryStore } from '../directory/directory.store';
import type { EmailVerifier } from '../email/email-verifier';
import { nameParts, patternEvidence, rankCandidates } from './email-patterns';

export interface EmailFinderQuery {
  accountId: string;
  domain: string;
  firstName: string;
  lastName: string;
}

export type { EmailFinderResult };

// How much of a candidate's confidence survives its verification.
const verificationWeight = { valid: 1, risky: 0.6, unknown: 0.7, invalid: 0 } as const;

/**
 * Candidates from common patterns, ranked by the pattern seen in the account's own known
 * addresses at the domain; the best one is verified (one DNS look-up, not eleven). A
 * person the account already has at the domain is answered from the directory.
 */
export class EmailFinder {
  constructor(
    private readonly store: DirectoryStore,
    private readonly verifier: EmailVerifier,
  ) {}

  async find(query: EmailFinderQuery): Promise<EmailFinderResult> {
    const base = { domain: query.domain, first_name: query.firstName, last_name: query.lastName };
    const names = nameParts(query.firstName, query.lastName);
    const people = await this.store.namedAtDomain(query.accountId, query.domain);
    const evidence = patternEvidence(
      people.map((person) => ({
        local: person.emailLocal,
        first: person.firstName ?? '',
        last: person.lastName ?? '',
      })),
    );
    if (names === undefined) {
      return {
        ...base,
        email: null,
        score: 0,
        pattern: null,
        verification: null,
        evidence,
        candidates: [],
      };
    }
    const candidates = rankCandidates(names, query.domain, evidence);
    const known = people.find((person) => {
      const theirs = nameParts(person.firstName ?? '', person.lastName ?? '');
      return theirs?.first === names.first && theirs.last === names.last;
    });
    const best = known
      ? { email: known.email, pattern: 'known' as const, confidence: 100 }
      : candidates[0];
    const verification = await this.verifier.verify(best.email);
    return {
      ...base,
      email: best.email,
      score: Math.round(best.confidence * verificationWeight[verification.status]),
      pattern: best.pattern,
      verification: { status: verification.status, score: verification.score },
      evidence,
      candidates,
    };
  }
}
