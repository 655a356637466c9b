import type { OpenApiOptions } from '@leadhooks/http';
import { lookupResponseSchemas } from '../lookups/lookup-results';

/** What the service's document says besides its controllers: the six 200 bodies by name. */
export const lookupOpenApiOptions: OpenApiOptions = {
  title: 'lookup-service',
  description:
    'The six lookups, scoped to the calling account. Any of them accepts webhook_url: the answer comes at once, ' +
    'and the same body is POSTed to that URL asynchronously (HTTPS, signed, retried).',
  version: '1',
  responseSchemas: lookupResponseSchemas,
};
