import type { PhoneFinderResult } from '@leadhooks/contracts';
import type { DirectoryLead, DirectoryStore } from '../directory/directory.store';
import { validatePhone } from '../phone/phone-validation';

export type { PhoneFinderResult };

/** Phone numbers the account's leads carry, for one person (by email) or one domain. */
export class PhoneFinder {
  constructor(private readonly store: DirectoryStore) {}

  async byEmail(accountId: string, email: string): Promise<PhoneFinderResult> {
    const leads = await this.store.byEmail(accountId, email);
    return { email, domain: null, phones: phonesOf(leads) };
  }

  async byDomain(accountId: string, domain: string): Promise<PhoneFinderResult> {
    const leads = await this.store.withPhoneAtDomain(accountId, domain);
    return { email: null, domain, phones: phonesOf(leads) };
  }
}

function phonesOf(leads: readonly DirectoryLead[]): PhoneFinderResult['phones'] {
  return leads.flatMap((lead) => {
    if (lead.phone === null) return [];
    // No default country: a number stored without +prefix cannot be placed, so it is reported as not valid.
    const checked = validatePhone(lead.phone);
    return [
      {
        number: lead.phone,
        e164: checked.e164,
        country: checked.country,
        valid: checked.valid,
        type: checked.type,
        email: lead.email,
        first_name: lead.firstName,
        last_name: lead.lastName,
        lead_id: lead.leadId,
      },
    ];
  });
}
