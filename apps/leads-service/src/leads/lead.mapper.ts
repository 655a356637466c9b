import type { LeadData } from '@leadhooks/contracts';
import type { LeadEntity } from './lead.entity';
import type { LeadView } from './lead.schemas';

/** The seed's eleven fields of a lead, in the seed's order: the webhook's `data`. */
export function toLeadData(lead: LeadEntity): LeadData {
  return {
    email: lead.email,
    website: lead.website,
    company: lead.company,
    first_name: lead.firstName,
    last_name: lead.lastName,
    phone: lead.phone,
    position: lead.position,
    twitter: lead.twitter,
    linkedin: lead.linkedin,
    notes: lead.notes,
    score: lead.score,
  };
}

export function toLeadResource(lead: LeadEntity): LeadView {
  return {
    id: lead.id,
    ...toLeadData(lead),
    version: lead.version,
    created_at: lead.createdAt.toISOString(),
    updated_at: lead.updatedAt.toISOString(),
  };
}

/** Copies API field values (snake_case) onto an entity (camelCase). */
export function assignLeadData(lead: LeadEntity, data: LeadData): void {
  lead.email = data.email;
  lead.emailDomain = emailDomain(data.email);
  lead.website = data.website;
  lead.company = data.company;
  lead.firstName = data.first_name;
  lead.lastName = data.last_name;
  lead.phone = data.phone;
  lead.position = data.position;
  lead.twitter = data.twitter;
  lead.linkedin = data.linkedin;
  lead.notes = data.notes;
  lead.score = data.score;
}

/** The domain part of an address (after the last @; the local part may quote an @). */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
