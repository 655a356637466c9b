import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The parts of docker-compose.yml the workspace checks rely on, in the forms the file
 * uses (environment as a map, `depends_on` with conditions). Anything else compose
 * accepts passes through unchecked; a shape these checks cannot read fails loudly here
 * instead of making a later assertion vacuous.
 */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const ComposeService = z.object({
  image: z.string().optional(),
  build: z
    .object({
      context: z.string(),
      dockerfile: z.string().default('Dockerfile'),
      args: z.record(z.string(), scalar).default({}),
    })
    .optional(),
  environment: z.record(z.string(), scalar).default({}),
  depends_on: z
    .record(
      z.string(),
      z.object({
        condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
      }),
    )
    .default({}),
  ports: z.array(scalar).optional(),
  healthcheck: z.object({ test: z.array(z.string()).min(2) }).optional(),
  entrypoint: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
});
export type ComposeService = z.output<typeof ComposeService>;

const ComposeFile = z.object({
  name: z.string(),
  services: z.record(z.string(), ComposeService),
});
export type ComposeFile = z.output<typeof ComposeFile>;

/** Reads and checks the file; throws on a YAML error or a shape the checks do not know. */
export function loadComposeFile(path: string): ComposeFile {
  // uniqueKeys (the default) makes a repeated key an error, as it is for compose.
  return ComposeFile.parse(parse(readFileSync(path, 'utf8')));
}

/** The service, or an error naming it (so a renamed service fails with its name). */
export function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/**
 * The URL a `node -e "fetch('…')"` health check asks. One pattern for every app, so a
 * check written another way fails here rather than being skipped.
 */
export function healthcheckUrl(svc: ComposeService): URL {
  const command = svc.healthcheck?.test.join(' ') ?? '';
  const match = /fetch\('([^']+)'\)/.exec(command);
  if (!match) throw new Error(`health check without fetch('<url>'): ${command || '(none)'}`);
  return new URL(match[1]);
}

export interface CreatedTopic {
  topic: string;
  partitions: number;
  retentionMs: number;
}

/** The `create <topic> <partitions> <retention.ms>` lines of the topic init service's script. */
export function createdTopics(svc: ComposeService): CreatedTopic[] {
  const script = (svc.command ?? []).join('\n');
  return [...script.matchAll(/^\s*create (\S+) (\d+) (\d+)\s*$/gm)].map(
    ([, topic, partitions, retentionMs]) => ({
      topic,
      partitions: Number(partitions),
      retentionMs: Number(retentionMs),
    }),
  );
}
