import { LeadResource, type LeadView } from '../../src/leads/lead.schemas';
import { expectStatus, fullLead, type HttpResult } from '@leadhooks/testing';

export { fullLead };

/** Asserts the status and returns the body as a lead (parsed, so its shape is checked too). */
export function expectLead(result: HttpResult, status: number): LeadView {
  return LeadResource.parse(expectStatus(result, status).body);
}
