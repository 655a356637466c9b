import type { Logger } from 'pino';
import { fetchJson } from '../proxy/fetch-json';
import type { Upstream } from '../proxy/routes';
import {
  isOpenApiDocument,
  mergeOpenApi,
  type OpenApiDocument,
  type ServiceDocument,
} from './merge-openapi';

const fetchTimeoutMs = 3_000;

/**
 * Asks every service for its `/docs-json` on each call and merges them. Not cached: the
 * documents are small, asked for rarely, and a service deployed anew shows at once.
 */
export class OpenApiAggregator {
  private own: OpenApiDocument | undefined;

  constructor(
    private readonly upstreams: readonly Upstream[],
    private readonly logger: Logger,
  ) {}

  /** The gateway's own operations, known once its app is built. */
  includeOwn(document: OpenApiDocument): void {
    this.own = document;
  }

  async document(): Promise<OpenApiDocument> {
    const documents = await Promise.all(this.upstreams.map((upstream) => this.fetchOne(upstream)));
    return mergeOpenApi([{ service: 'gateway', document: this.own }, ...documents]);
  }

  private async fetchOne(upstream: Upstream): Promise<ServiceDocument> {
    try {
      const document = await fetchJson(new URL('/docs-json', upstream.url), fetchTimeoutMs);
      if (!isOpenApiDocument(document)) throw new Error('not an OpenAPI document');
      return { service: upstream.name, document };
    } catch (error) {
      this.logger.warn(
        { upstream: upstream.name, error: error instanceof Error ? error.message : String(error) },
        'docs-json unavailable',
      );
      return { service: upstream.name, document: undefined };
    }
  }
}
