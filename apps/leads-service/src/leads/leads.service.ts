import { randomUUID } from 'node:crypto';
import { ConflictException, NotFoundException } from '@leadhooks/http';
import { isUniqueViolation } from '@leadhooks/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendSaveLead, insertLeadWithSaveLead } from '../outbox/outbox.writer';
import { LeadEntity } from './lead.entity';
import { assignLeadData, toLeadData } from './lead.mapper';
import { applyLeadPatch } from './lead-patch';
import type { CreateLeadInput, UpdateLeadInput } from './lead.schemas';

const uniqueEmail = 'lead_account_email_unique';

/** Who asks, and the request id that follows the change into its event's headers. */
export interface Caller {
  accountId: string;
  requestId: string | undefined;
}

/**
 * The write side of leads. Every saved change (a create, an update that changes
 * something) writes its save_lead event to the outbox in the same transaction.
 * Every query is scoped to the caller's account: another account's lead is not found.
 */
@Injectable()
export class LeadsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(caller: Caller, body: CreateLeadInput): Promise<LeadEntity> {
    const now = new Date();
    const lead = Object.assign(new LeadEntity(), {
      id: randomUUID(),
      accountId: caller.accountId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    assignLeadData(lead, body);
    const inserted = await insertLeadWithSaveLead(this.dataSource, lead, caller.requestId);
    if (!inserted) throw await this.emailTaken(caller.accountId, lead.email);
    return lead;
  }

  async update(caller: Caller, id: string, patch: UpdateLeadInput): Promise<LeadEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const lead = await this.lockForUpdate(manager, caller.accountId, id);
        const { next, changed } = applyLeadPatch(toLeadData(lead), patch);
        if (changed.length === 0) return lead;
        assignLeadData(lead, next);
        lead.version += 1;
        lead.updatedAt = new Date();
        const { id: leadId, ...columns } = lead;
        await manager.update(LeadEntity, { id: leadId }, columns);
        await appendSaveLead(manager, lead, caller.requestId);
        return lead;
      });
    } catch (error) {
      if (isUniqueViolation(error, uniqueEmail) && patch.email !== undefined) {
        throw await this.emailTaken(caller.accountId, patch.email);
      }
      throw error;
    }
  }

  async get(accountId: string, id: string): Promise<LeadEntity> {
    const lead = await this.dataSource.getRepository(LeadEntity).findOneBy({ id, accountId });
    if (lead === null) throw leadNotFound();
    return lead;
  }

  /** Deletes without an event: the seed defines none for deletion (docs/decisions/036). */
  async remove(accountId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(LeadEntity).delete({ id, accountId });
    if (!result.affected) throw leadNotFound();
  }

  private async lockForUpdate(
    manager: EntityManager,
    accountId: string,
    id: string,
  ): Promise<LeadEntity> {
    const lead = await manager.findOne(LeadEntity, {
      where: { id, accountId },
      lock: { mode: 'pessimistic_write' },
    });
    if (lead === null) throw leadNotFound();
    return lead;
  }

  private async emailTaken(accountId: string, email: string): Promise<ConflictException> {
    const existing = await this.dataSource.getRepository(LeadEntity).findOne({
      where: { accountId, email },
      select: { id: true },
    });
    return new ConflictException('A lead with this email already exists', 'email', existing?.id);
  }
}

function leadNotFound(): NotFoundException {
  return new NotFoundException('Lead not found');
}
