import { z } from 'zod';
import { DeadLetterMessage, DeliveryMessage } from './delivery.schema';
import { SaveLeadEvent } from './events.schema';
import { KafkaHeaders } from './headers';
import { LookupCompleted } from './lookup.schema';
import { topicCatalogue, type TopicEntry } from './topic-catalogue';
import { Topics, topicSchemas, type TopicName } from './topics';

type Json = Record<string, unknown>;

/** The payload schemas by the name the document gives them; every value of topicSchemas is here. */
const payloadNames = new Map<z.ZodType, string>([
  [SaveLeadEvent, 'SaveLeadEvent'],
  [LookupCompleted, 'LookupCompleted'],
  [DeliveryMessage, 'DeliveryMessage'],
  [DeadLetterMessage, 'DeadLetterMessage'],
]);

const headerDescriptions: Record<string, string> = {
  [KafkaHeaders.eventType]: 'The event type (`save_lead`, `lookup.completed`, …)',
  [KafkaHeaders.eventId]: 'The event id; the same on every copy of one event',
  [KafkaHeaders.accountId]: 'The account the event belongs to',
  [KafkaHeaders.requestId]: 'The X-Request-Id of the API call that caused it',
};

/**
 * A zod schema as an AsyncAPI (JSON Schema draft-07) schema under `components.schemas.<name>`.
 * zod puts recursive parts (the JSON values of a lookup body) in the schema's own
 * `definitions`, referenced from its root; they are lifted beside it so the refs resolve
 * from the document's root.
 */
function componentSchemas(name: string, schema: z.ZodType): Record<string, Json> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  }) as Json;
  delete json.$schema;
  const definitions = (json.definitions ?? {}) as Record<string, Json>;
  delete json.definitions;
  const lifted = (key: string) => `${name}_${key.replace(/^_+/, '')}`;
  const relink = (value: Json): Json =>
    JSON.parse(
      JSON.stringify(value).replace(
        /"#\/definitions\/([^"]+)"/g,
        (_, key: string) => `"#/components/schemas/${lifted(key)}"`,
      ),
    ) as Json;
  return {
    [name]: relink(json),
    ...Object.fromEntries(Object.entries(definitions).map(([k, v]) => [lifted(k), relink(v)])),
  };
}

function headersSchema(entry: TopicEntry): Json {
  const names = [...entry.headers, ...(entry.optionalHeaders ?? [])];
  return {
    type: 'object',
    properties: Object.fromEntries(
      names.map((header) => [header, { type: 'string', description: headerDescriptions[header] }]),
    ),
    required: [...entry.headers],
  };
}

function channelId(topic: TopicName): string {
  return (Object.keys(Topics) as (keyof typeof Topics)[]).find((key) => Topics[key] === topic)!;
}

function message(topic: TopicName, payloadName: string): Json {
  const entry = topicCatalogue[topic];
  return {
    name: payloadName,
    contentType: 'application/json',
    headers: headersSchema(entry),
    payload: { $ref: `#/components/schemas/${payloadName}` },
    bindings: {
      kafka: { key: { type: 'string', description: entry.key }, bindingVersion: '0.5.0' },
    },
  };
}

function operations(topic: TopicName, payloadName: string): Record<string, Json> {
  const id = channelId(topic);
  const entry = topicCatalogue[topic];
  const operation = (app: string, action: 'send' | 'receive') => [
    `${app}.${action}.${id}`,
    {
      action,
      title: `${app} ${action === 'send' ? 'produces' : 'consumes'} ${topic}`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${payloadName}` }],
      tags: [{ name: app }],
    },
  ];
  return Object.fromEntries([
    ...entry.producers.map((app) => operation(app, 'send')),
    ...entry.consumers.map((app) => operation(app, 'receive')),
  ]);
}

/**
 * The AsyncAPI 3.0 document of every Kafka topic, generated from the topic schemas, keys and
 * headers of libs/contracts. Addresses are logical names: a deployment with KAFKA_NAMESPACE
 * prefixes each with `<namespace>.`.
 */
export function asyncApiDocument(): Json {
  const channels: Json = {};
  let operationsById: Json = {};
  let schemas: Json = {};
  for (const topic of Object.values(Topics)) {
    const payloadName = payloadNames.get(topicSchemas[topic])!;
    schemas = { ...schemas, ...componentSchemas(payloadName, topicSchemas[topic]) };
    channels[channelId(topic)] = {
      address: topic,
      description: topicCatalogue[topic].description,
      messages: { [payloadName]: message(topic, payloadName) },
    };
    operationsById = { ...operationsById, ...operations(topic, payloadName) };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'leadhooks events',
      version: '1',
      description:
        'The Kafka topics of leadhooks: payloads are JSON, validated by the consumer with the same zod ' +
        'schemas this document is generated from. Topic names get a `<KAFKA_NAMESPACE>.` prefix where one is set.',
    },
    defaultContentType: 'application/json',
    channels,
    operations: operationsById,
    components: { schemas },
  };
}
