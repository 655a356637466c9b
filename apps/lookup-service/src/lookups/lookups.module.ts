import { AuthModule } from '@leadhooks/auth';
import {
  createOutboundClient,
  resolveOutboundPolicy,
  type OutboundClient,
  type Resolver,
} from '@leadhooks/outbound-http';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuthorFinder } from '../author/author-finder';
import type { LookupConfig } from '../config/lookup.config';
import { DirectoryController } from '../directory/directory.controller';
import { DirectoryStore } from '../directory/directory.store';
import { EmailDomainLists } from '../email/email-domains';
import { EmailVerifier } from '../email/email-verifier';
import { MxResolver } from '../email/mx-resolver';
import { DomainSearch } from '../finder/domain-search';
import { EmailFinder } from '../finder/email-finder';
import { PhoneFinder } from '../finder/phone-finder';
import { KafkaConnection } from '../kafka/kafka.providers';
import { LookupMetrics } from '../metrics/lookup.metrics';
import { LookupCompletedPublisher } from './lookup-completed.publisher';
import { LookupRunner } from './lookup-runner';
import { LookupsController } from './lookups.controller';

/** What tests may replace: how author-finder resolves page hostnames (every answer is still checked). */
export interface LookupOverrides {
  pageResolver?: Resolver;
}

/** Closes what the module opened that Nest does not know how to close. */
class Closer implements OnApplicationShutdown {
  constructor(private readonly close: () => void) {}
  onApplicationShutdown(): void {
    this.close();
  }
}

@Module({})
export class LookupsModule {
  static register(config: LookupConfig, overrides: LookupOverrides = {}): DynamicModule {
    const fetchPolicy = resolveOutboundPolicy({
      allowHttp: config.LOOKUP_FETCH_ALLOW_HTTP,
      allowPrivateAddresses: config.LOOKUP_FETCH_ALLOW_PRIVATE_ADDRESSES,
    });
    const mx = new MxResolver({
      servers: config.LOOKUP_DNS_SERVERS,
      timeoutMs: config.LOOKUP_DNS_TIMEOUT_MS,
      tries: config.LOOKUP_DNS_TRIES,
    });
    const pages: OutboundClient = createOutboundClient({
      policy: fetchPolicy,
      // Pages are far larger than webhook answers; the cap still bounds what one lookup costs.
      maxResponseBytes: config.LOOKUP_FETCH_MAX_BYTES,
      totalTimeoutMs: config.LOOKUP_FETCH_TIMEOUT_MS,
      userAgent: 'leadhooks-author-finder/1.0',
      ca:
        config.LOOKUP_FETCH_CA_FILE === undefined
          ? undefined
          : readFileSync(config.LOOKUP_FETCH_CA_FILE, 'utf8'),
      resolve: overrides.pageResolver,
    });
    // The directory's leads.save_lead handler, served by the Kafka transport that
    // create-app.ts connects when DIRECTORY_CONSUMER_ENABLED.
    const directory = config.DIRECTORY_CONSUMER_ENABLED ? [DirectoryController] : [];
    return {
      module: LookupsModule,
      imports: [AuthModule],
      controllers: [LookupsController, ...directory],
      providers: [
        { provide: Closer, useValue: new Closer(() => (mx.close(), pages.close())) },
        {
          provide: DirectoryStore,
          useFactory: (dataSource: DataSource) => new DirectoryStore(dataSource),
          inject: [DataSource],
        },
        { provide: EmailVerifier, useValue: new EmailVerifier(new EmailDomainLists(), mx) },
        {
          provide: EmailFinder,
          useFactory: (store: DirectoryStore, verifier: EmailVerifier) =>
            new EmailFinder(store, verifier),
          inject: [DirectoryStore, EmailVerifier],
        },
        {
          provide: DomainSearch,
          useFactory: (store: DirectoryStore) => new DomainSearch(store),
          inject: [DirectoryStore],
        },
        {
          provide: PhoneFinder,
          useFactory: (store: DirectoryStore) => new PhoneFinder(store),
          inject: [DirectoryStore],
        },
        {
          provide: AuthorFinder,
          useFactory: (finder: EmailFinder) => new AuthorFinder(pages, fetchPolicy, finder),
          inject: [EmailFinder],
        },
        {
          provide: LookupCompletedPublisher,
          useFactory: (kafka: KafkaConnection, metrics: LookupMetrics) =>
            new LookupCompletedPublisher(kafka, config.LOOKUP_PUBLISH_TIMEOUT_MS, (endpoint) =>
              metrics.webhookPublished(endpoint),
            ),
          inject: [KafkaConnection, LookupMetrics],
        },
        {
          provide: LookupRunner,
          useFactory: (publisher: LookupCompletedPublisher) =>
            new LookupRunner(publisher, {
              allowHttp: config.LOOKUP_WEBHOOK_ALLOW_HTTP,
              allowPrivateAddresses: config.LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
            }),
          inject: [LookupCompletedPublisher],
        },
      ],
    };
  }
}
