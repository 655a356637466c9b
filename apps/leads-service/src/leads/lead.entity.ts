import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'leads', name: 'lead' })
export class LeadEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** Lower-cased on the way in. */
  @Column('text')
  email!: string;

  /** The part of `email` after the @: what `?domain=` filters on. */
  @Column('text', { name: 'email_domain' })
  emailDomain!: string;

  @Column('text')
  website!: string;

  @Column('text', { nullable: true })
  company!: string | null;

  @Column('text', { name: 'first_name', nullable: true })
  firstName!: string | null;

  @Column('text', { name: 'last_name', nullable: true })
  lastName!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  position!: string | null;

  @Column('text', { nullable: true })
  twitter!: string | null;

  @Column('text', { nullable: true })
  linkedin!: string | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('integer')
  score!: number;

  /** 1 at creation, +1 with each saved change; the event's aggregateVersion. */
  @Column('integer')
  version!: number;

  /** Set by the service (ms precision), so a list cursor round-trips it exactly. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
