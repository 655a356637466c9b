import type { LeadData } from '@leadhooks/contracts';

/** A lead with every seed field set; `email` makes it recognisable in a receiver's log. */
export function fullLead(email: string, overrides: Partial<LeadData> = {}): LeadData {
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
    ...overrides,
  };
}
