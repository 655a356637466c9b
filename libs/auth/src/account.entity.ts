import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer of the API: owns API keys, leads, webhooks. */
@Entity({ schema: 'auth', name: 'account' })
export class AccountEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
