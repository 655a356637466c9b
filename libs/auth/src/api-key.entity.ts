import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One API key of one account; the key itself is not stored, only its SHA-256. */
@Entity({ schema: 'auth', name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** Not secret: it finds the row, and lets an operator tell keys apart in the database. */
  @Column('text')
  prefix!: string;

  @Column('bytea', { name: 'key_hash' })
  keyHash!: Buffer;

  @Column('text', { nullable: true })
  label!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /** Written at most once a minute per key and process (decision 071): a bound, not exact. */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
