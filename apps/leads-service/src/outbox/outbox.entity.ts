import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One event waiting to be (or already) published; written in the transaction of its change. */
@Entity({ schema: 'leads', name: 'outbox' })
export class OutboxEntity {
  /** bigint: pg returns it as a string, which is what we keep (ids may pass 2^53). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'aggregate_id' })
  aggregateId!: string;

  @Column('integer', { name: 'aggregate_version' })
  aggregateVersion!: number;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  /** The whole SaveLeadEvent envelope, as it goes on the topic. */
  @Column('json')
  payload!: unknown;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
