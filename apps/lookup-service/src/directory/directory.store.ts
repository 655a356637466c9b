import type { SaveLeadEvent } from '@leadhooks/contracts';
import type { DataSource } from 'typeorm';
import { parseEmail } from '../email/email-syntax';

/** A lead as the directory knows it: the fields lookups use, with where it came from. */
export interface DirectoryLead {
  leadId: string;
  email: string;
  emailLocal: string;
  emailDomain: string;
  firstName: string | null;
  lastName: string | null;
  position: string | null;
  company: string | null;
  phone: string | null;
  occurredAt: Date;
}

interface DirectoryRow {
  lead_id: string;
  email: string;
  email_local: string;
  email_domain: string;
  first_name: string | null;
  last_name: string | null;
  position: string | null;
  company: string | null;
  phone: string | null;
  occurred_at: Date;
}

export type ApplyOutcome = 'applied' | 'stale' | 'unusable';

const columns = `lead_id, email, email_local, email_domain, first_name, last_name, position, company, phone, occurred_at`;

/**
 * lookups.directory_lead, written only from save_lead events and read per account.
 * Every query takes the account id: there is no way to read across accounts.
 */
export class DirectoryStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Idempotent: a row is replaced only by a strictly higher aggregate version, so a
   * redelivered event (same event id, same version) and an old one arriving late both
   * change nothing. An email the directory cannot use (no valid domain) is skipped.
   */
  async apply(event: SaveLeadEvent): Promise<ApplyOutcome> {
    const lead = event.payload.data;
    const parsed = parseEmail(lead.email);
    if (parsed === undefined) return 'unusable';
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO lookups.directory_lead AS d
         (account_id, lead_id, version, event_id, email, email_local, email_domain, first_name, last_name,
          position, company, phone, website, linkedin, twitter, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (account_id, lead_id) DO UPDATE SET
         version = EXCLUDED.version, event_id = EXCLUDED.event_id, email = EXCLUDED.email,
         email_local = EXCLUDED.email_local, email_domain = EXCLUDED.email_domain,
         first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, position = EXCLUDED.position,
         company = EXCLUDED.company, phone = EXCLUDED.phone, website = EXCLUDED.website,
         linkedin = EXCLUDED.linkedin, twitter = EXCLUDED.twitter, occurred_at = EXCLUDED.occurred_at
       WHERE d.version < EXCLUDED.version
       RETURNING 1`,
      [
        event.accountId,
        event.aggregateId,
        event.aggregateVersion,
        event.eventId,
        parsed.email,
        parsed.local,
        parsed.domain,
        blankToNull(lead.first_name),
        blankToNull(lead.last_name),
        blankToNull(lead.position),
        blankToNull(lead.company),
        blankToNull(lead.phone),
        lead.website,
        blankToNull(lead.linkedin),
        blankToNull(lead.twitter),
        event.occurredAt,
      ],
    );
    return rows.length > 0 ? 'applied' : 'stale';
  }

  /** The account's leads at a domain, newest first, and how many there are in all. */
  async byDomain(
    accountId: string,
    domain: string,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; leads: DirectoryLead[] }> {
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM lookups.directory_lead WHERE account_id = $1 AND email_domain = $2`,
      [accountId, domain],
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM lookups.directory_lead WHERE account_id = $1 AND email_domain = $2
       ORDER BY occurred_at DESC, lead_id LIMIT $3 OFFSET $4`,
      [accountId, domain, page.limit, page.offset],
    )) as DirectoryRow[];
    return { total, leads: rows.map(toLead) };
  }

  /** Every lead of the account at a domain with a name: the evidence for its email pattern. Bounded. */
  async namedAtDomain(accountId: string, domain: string, max = 500): Promise<DirectoryLead[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM lookups.directory_lead
       WHERE account_id = $1 AND email_domain = $2 AND first_name IS NOT NULL AND last_name IS NOT NULL
       ORDER BY occurred_at DESC, lead_id LIMIT $3`,
      [accountId, domain, max],
    )) as DirectoryRow[];
    return rows.map(toLead);
  }

  async byEmail(accountId: string, email: string): Promise<DirectoryLead[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM lookups.directory_lead WHERE account_id = $1 AND email = $2 ORDER BY occurred_at DESC, lead_id`,
      [accountId, email],
    )) as DirectoryRow[];
    return rows.map(toLead);
  }

  async withPhoneAtDomain(accountId: string, domain: string, max = 100): Promise<DirectoryLead[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${columns} FROM lookups.directory_lead WHERE account_id = $1 AND email_domain = $2 AND phone IS NOT NULL
       ORDER BY occurred_at DESC, lead_id LIMIT $3`,
      [accountId, domain, max],
    )) as DirectoryRow[];
    return rows.map(toLead);
  }
}

function blankToNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toLead(row: DirectoryRow): DirectoryLead {
  return {
    leadId: row.lead_id,
    email: row.email,
    emailLocal: row.email_local,
    emailDomain: row.email_domain,
    firstName: row.first_name,
    lastName: row.last_name,
    position: row.position,
    company: row.company,
    phone: row.phone,
    occurredAt: row.occurred_at,
  };
}
