/** The parts of an OpenAPI 3 document the merge touches; the rest is carried as is. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, unknown>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: unknown[];
  [key: string]: unknown;
}

export interface ServiceDocument {
  service: string;
  /** Undefined when the service could not be asked; the merged document says so. */
  document: OpenApiDocument | undefined;
}

/**
 * One document for the whole API: every service's paths, and their components merged by
 * section. The services share components by name (Error, the security schemes), built
 * from the same code, so the first one seen is kept.
 */
export function mergeOpenApi(documents: readonly ServiceDocument[]): OpenApiDocument {
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, unknown>();
  for (const { document } of documents) {
    if (!document) continue;
    Object.assign(paths, document.paths);
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      components[section] = { ...entries, ...components[section] };
    }
    for (const tag of document.tags ?? []) {
      const name =
        typeof tag === 'object' && tag !== null && 'name' in tag
          ? String(tag.name)
          : JSON.stringify(tag);
      if (!tags.has(name)) tags.set(name, tag);
    }
  }
  const missing = documents.filter(({ document }) => !document).map(({ service }) => service);
  const description =
    'The leadhooks API, through one gateway. Authenticate with `Authorization: Bearer <key>` or `X-Api-Key: <key>`.' +
    (missing.length > 0 ? ` Not included (service unavailable): ${missing.join(', ')}.` : '');
  return {
    openapi: '3.0.0',
    info: { title: 'leadhooks', version: '1', description },
    paths: sortKeys(paths),
    components,
    tags: [...tags.values()],
    security: [{ bearer: [] }, { apiKeyHeader: [] }],
  };
}

export function isOpenApiDocument(value: unknown): value is OpenApiDocument {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.openapi === 'string' && typeof record.paths === 'object' && record.paths !== null
  );
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
