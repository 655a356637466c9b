import { randomUUID } from 'node:crypto';
import { SaveLeadEvent } from '@leadhooks/contracts';
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { LeadEntity } from '../leads/lead.entity';
import { toLeadData } from '../leads/lead.mapper';
import { OutboxEntity } from './outbox.entity';

/**
 * Records a lead's save_lead event in the transaction that saved the lead: both commit or
 * neither does. The caller must hold the lead's row lock (SELECT ... FOR UPDATE), which
 * makes outbox ids of one lead follow its commit order.
 */
export function appendSaveLead(
  manager: EntityManager,
  lead: LeadEntity,
  requestId: string | undefined,
): Promise<unknown> {
  return manager.insert(OutboxEntity, saveLeadRow(lead, requestId));
}

/**
 * Inserts a new lead and its save_lead event in one statement: one round trip instead of
 * BEGIN, two INSERTs and COMMIT, which was most of the API's time under load. A statement
 * is atomic, so both rows commit or neither does. Returns false, writing nothing, when the
 * account already has a lead with this email (two concurrent creates cannot both win).
 */
export async function insertLeadWithSaveLead(
  dataSource: DataSource,
  lead: LeadEntity,
  requestId: string | undefined,
): Promise<boolean> {
  const leadInsert = insertParts(dataSource.getMetadata(LeadEntity), lead, 1);
  const outboxInsert = insertParts(
    dataSource.getMetadata(OutboxEntity),
    saveLeadRow(lead, requestId),
    leadInsert.values.length + 1,
  );
  // The outbox row is selected FROM the inserted lead: no lead row, no event.
  const rows: unknown[] = await dataSource.query(
    `WITH inserted AS (
       INSERT INTO ${leadInsert.table} (${leadInsert.columns}) VALUES (${leadInsert.placeholders})
       ON CONFLICT DO NOTHING RETURNING 1)
     INSERT INTO ${outboxInsert.table} (${outboxInsert.columns})
     SELECT ${outboxInsert.placeholders} FROM inserted RETURNING 1`,
    [...leadInsert.values, ...outboxInsert.values],
  );
  return rows.length > 0;
}

type SaveLeadRow = Omit<OutboxEntity, 'id' | 'payload'> & { payload: SaveLeadEvent };

function saveLeadRow(lead: LeadEntity, requestId: string | undefined): SaveLeadRow {
  // Parsed here, not only at publish time: an event that could never be published would
  // otherwise sit at the head of its lead's queue and hold back every later one.
  const event = SaveLeadEvent.parse({
    eventId: randomUUID(),
    type: 'save_lead',
    accountId: lead.accountId,
    occurredAt: lead.updatedAt.toISOString(),
    aggregateId: lead.id,
    aggregateVersion: lead.version,
    payload: { data: toLeadData(lead) },
  } satisfies SaveLeadEvent);
  return {
    eventId: event.eventId,
    accountId: event.accountId,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    eventType: event.type,
    payload: event,
    requestId: requestId ?? null,
    createdAt: new Date(),
    sentAt: null,
  };
}

/**
 * An entity's columns, `$n::type` placeholders from `firstParameter` and its values, from
 * the TypeORM metadata so the statement cannot drift from the entity. Generated columns
 * are left to the database. The casts type the parameters where no column does (the
 * SELECT list of INSERT ... SELECT).
 */
function insertParts(
  metadata: EntityMetadata,
  entity: object,
  firstParameter: number,
): { table: string; columns: string; placeholders: string; values: unknown[] } {
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  return {
    table: `"${metadata.schema}"."${metadata.tableName}"`,
    columns: columns.map((column) => `"${column.databaseName}"`).join(', '),
    placeholders: columns
      .map((column, index) => `$${firstParameter + index}::${String(column.type)}`)
      .join(', '),
    values: columns.map((column) => {
      const value: unknown = column.getEntityValue(entity);
      // pg would send an object as JSON anyway, but says nothing of arrays: be explicit.
      return column.type === 'json' ? JSON.stringify(value) : (value ?? null);
    }),
  };
}
