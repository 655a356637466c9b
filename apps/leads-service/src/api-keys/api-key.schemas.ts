import { ResourceId } from '@leadhooks/contracts';
import { z } from 'zod';

const timestamp = z.string().meta({ description: 'ISO 8601 date-time' });

export const CreateApiKeyBody = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'must be 1 to 200 characters')
      .max(200, 'must be 1 to 200 characters')
      .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character')
      .optional()
      .meta({ description: 'What the key is for, to tell it apart in the list' }),
  })
  .meta({ description: 'A new API key of the calling account' });
export type CreateApiKeyInput = z.output<typeof CreateApiKeyBody>;

export const ApiKeyResource = z
  .object({
    id: ResourceId,
    name: z.string().nullable(),
    prefix: z.string().meta({ description: 'The public part of the key: lh_<prefix>_…' }),
    created_at: timestamp,
    last_used_at: timestamp
      .nullable()
      .meta({ description: 'Within a minute (written at most once a minute); null: never used' }),
    revoked_at: timestamp.nullable(),
  })
  .meta({ description: 'An API key as listed: never the key itself' });

export const CreatedApiKey = ApiKeyResource.extend({
  key: z.string().meta({ description: 'The key: shown in this answer only, never again' }),
}).meta({ description: 'A new API key, with the key itself (shown once)' });

export const ApiKeyList = z
  .object({ data: z.array(ApiKeyResource) })
  .meta({ description: "The account's API keys, revoked ones included, oldest first" });
