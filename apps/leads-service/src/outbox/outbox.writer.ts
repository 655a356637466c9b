import { randomUUID } from 'node:crypto';
import { SaveLeadEvent } from '@leadhooks/contracts';
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
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
  const statement = createStatementOf(dataSource);
  const rows: unknown[] = await dataSource.query(statement.sql, [
    ...valuesOf(statement.leadColumns, lead),
    ...valuesOf(statement.outboxColumns, saveLeadRow(lead, requestId)),
  ]);
  return rows.length > 0;
}

interface CreateStatement {
  sql: string;
  leadColumns: ColumnMetadata[];
  outboxColumns: ColumnMetadata[];
}

// The statement text depends only on the entities: built once per DataSource, not per request.
const createStatements = new WeakMap<DataSource, CreateStatement>();

function createStatementOf(dataSource: DataSource): CreateStatement {
  let statement = createStatements.get(dataSource);
  if (statement === undefined) {
    const lead = insertParts(dataSource.getMetadata(LeadEntity), 1);
    const outbox = insertParts(dataSource.getMetadata(OutboxEntity), lead.columns.length + 1);
    statement = {
      // The outbox row is selected FROM the inserted lead: no lead row, no event.
      sql: `WITH inserted AS (
         INSERT INTO ${lead.table} (${lead.names}) VALUES (${lead.placeholders})
         ON CONFLICT DO NOTHING RETURNING 1)
       INSERT INTO ${outbox.table} (${outbox.names})
       SELECT ${outbox.placeholders} FROM inserted RETURNING 1`,
      leadColumns: lead.columns,
      outboxColumns: outbox.columns,
    };
    createStatements.set(dataSource, statement);
  }
  return statement;
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
 * An entity's table, columns and `$n::type` placeholders from `firstParameter`, from the
 * TypeORM metadata so the statement cannot drift from the entity. Generated columns are
 * left to the database. The casts type the parameters where no column does (the SELECT
 * list of INSERT ... SELECT).
 */
function insertParts(
  metadata: EntityMetadata,
  firstParameter: number,
): { table: string; columns: ColumnMetadata[]; names: string; placeholders: string } {
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  return {
    table: `"${metadata.schema}"."${metadata.tableName}"`,
    columns,
    names: columns.map((column) => `"${column.databaseName}"`).join(', '),
    placeholders: columns
      .map((column, index) => `$${firstParameter + index}::${String(column.type)}`)
      .join(', '),
  };
}

function valuesOf(columns: readonly ColumnMetadata[], entity: object): unknown[] {
  return columns.map((column) => {
    const value: unknown = column.getEntityValue(entity);
    // pg would send an object as JSON anyway, but says nothing of arrays: be explicit.
    return column.type === 'json' ? JSON.stringify(value) : (value ?? null);
  });
}
