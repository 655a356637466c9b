import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeadEntity } from './lead.entity';
import { decodeCursor, encodeCursor } from './list-cursor';
import type { ListLeadsParams } from './lead.schemas';

export interface LeadList {
  leads: LeadEntity[];
  nextCursor: string | null;
}

/** The read side: one account's leads, newest first, by keyset pagination. */
@Injectable()
export class LeadsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(accountId: string, query: ListLeadsParams): Promise<LeadList> {
    const builder = this.dataSource
      .getRepository(LeadEntity)
      .createQueryBuilder('lead')
      .where('lead.account_id = :accountId', { accountId })
      .orderBy('lead.created_at', 'DESC')
      .addOrderBy('lead.id', 'DESC')
      // One extra row tells whether there is a next page without a count query.
      .limit(query.limit + 1);
    if (query.email !== undefined) builder.andWhere('lead.email = :email', { email: query.email });
    if (query.domain !== undefined)
      builder.andWhere('lead.email_domain = :domain', { domain: query.domain });
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      builder.andWhere('(lead.created_at, lead.id) < (:createdAt, :id)', {
        createdAt: after.createdAt,
        id: after.id,
      });
    }
    const rows = await builder.getMany();
    const leads = rows.slice(0, query.limit);
    const last = leads.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor({ createdAt: last.createdAt, id: last.id })
        : null;
    return { leads, nextCursor };
  }
}
