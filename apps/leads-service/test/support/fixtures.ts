import { LeadResource, type LeadView } from '../../src/leads/lead.schemas';
import type { HttpResult } from '@leadhooks/testing';

/** A lead body with every seed field set. */
export function fullLead(email: string) {
  return {
    email,
    website: 'https://example.test',
    company: 'Analytical Engines',
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+44 20 7946 0000',
    position: 'CTO',
    twitter: '@ada',
    linkedin: 'https://linkedin.test/in/ada',
    notes: 'met at the fair',
    score: 87,
  };
}

/** Asserts the status and returns the body as a lead (parsed, so its shape is checked too). */
export function expectLead(result: HttpResult, status: number): LeadView {
  if (result.status !== status) {
    throw new Error(
      `expected HTTP ${status}, got ${result.status}: ${JSON.stringify(result.body)}`,
    );
  }
  return LeadResource.parse(result.body);
}
