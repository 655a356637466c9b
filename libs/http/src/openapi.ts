import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiErrorBody } from './api-error';

export interface OpenApiOptions {
  title: string;
  description: string;
  version: string;
  /**
   * Named schemas for `components.schemas`, built from the very zod schemas that validate
   * requests, so the document cannot drift from the code. Request bodies are described as
   * the input they accept, responses as the output they produce.
   */
  requestSchemas?: Record<string, z.ZodType>;
  responseSchemas?: Record<string, z.ZodType>;
}

export const apiKeySecurity = { bearer: 'bearer', header: 'apiKeyHeader' } as const;

/** A `$ref` to a schema registered through OpenApiOptions, for `@ApiBody`/`@ApiResponse`. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

type JsonSchemaObject = Record<string, unknown>;

export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchemaObject {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchemaObject;
  delete json.$schema;
  return json;
}

/**
 * The OpenAPI document of the app's controllers plus the named schemas. Needs no listening
 * server nor any infrastructure: libs/client builds the documents this way.
 */
export function buildOpenApiDocument(
  app: INestApplication,
  options: OpenApiOptions,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'lh_… API key', description: 'API key' },
      apiKeySecurity.bearer,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, apiKeySecurity.header)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas: Record<string, JsonSchemaObject> = {
    Error: toOpenApiSchema(ApiErrorBody, 'output'),
  };
  for (const [name, schema] of Object.entries(options.requestSchemas ?? {}))
    schemas[name] = toOpenApiSchema(schema, 'input');
  for (const [name, schema] of Object.entries(options.responseSchemas ?? {}))
    schemas[name] = toOpenApiSchema(schema, 'output');
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...schemas },
  };
  return document;
}

/** Builds the OpenAPI document from the controllers and serves it at /docs and /docs-json. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
