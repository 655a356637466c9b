import { EventTypeList } from '@leadhooks/contracts';
import { buildOpenApiDocument } from '@leadhooks/http';
import type { INestApplication } from '@nestjs/common';
import type { OpenApiDocument } from '../openapi/merge-openapi';

/** The gateway's own operations (the event catalogue), merged with the services' documents. */
export function gatewayOpenApiDocument(app: INestApplication): OpenApiDocument {
  const document = buildOpenApiDocument(app, {
    title: 'gateway',
    description: 'The gateway’s own operations.',
    version: '1',
    responseSchemas: { EventTypeList },
  }) as unknown as OpenApiDocument;
  // Public operations say so: an empty requirement overrides the document's API key schemes.
  for (const methods of Object.values(document.paths))
    for (const operation of Object.values(methods as Record<string, Record<string, unknown>>))
      operation.security = [];
  return document;
}
