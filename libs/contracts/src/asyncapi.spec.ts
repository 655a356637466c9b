import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { asyncApiDocument } from './asyncapi';
import { topicCatalogue } from './topic-catalogue';
import { retryTiers, retryTopics, Topics, topicSchemas } from './topics';
import { DeliveryMessage } from './delivery.schema';

describe(asyncApiDocument.name, () => {
  // Parsed from its JSON text, as another team would read what the gateway serves.
  let parsed: Awaited<ReturnType<Parser['parse']>>;
  beforeAll(async () => {
    parsed = await new Parser().parse(JSON.stringify(asyncApiDocument()));
  });

  it('parses with the AsyncAPI project’s own parser, with no error or warning', () => {
    const { document, diagnostics } = parsed;
    const problems = diagnostics.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    );
    expect(problems.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
  });

  it('lists every topic of libs/contracts, the retry tiers and the old ladder included', () => {
    const { document } = parsed;
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect([...addresses].sort()).toEqual(Object.values(Topics).sort());
    for (const topic of [...retryTiers.map((tier) => tier.topic), ...retryTopics])
      expect(addresses).toContain(topic);
  });

  it('names a producer of every topic and the consumers the catalogue gives', () => {
    const { document } = parsed;
    for (const topic of Object.values(Topics)) {
      const channel = document!
        .channels()
        .all()
        .find((c) => c.address() === topic)!;
      const byAction = (action: string) =>
        channel
          .operations()
          .all()
          .filter((operation) => operation.action() === action)
          .flatMap((operation) =>
            operation
              .tags()
              .all()
              .map((tag) => tag.name()),
          )
          .sort();
      expect({ topic, send: byAction('send') }).toEqual({
        topic,
        send: [...topicCatalogue[topic].producers].sort(),
      });
      expect({ topic, receive: byAction('receive') }).toEqual({
        topic,
        receive: [...topicCatalogue[topic].consumers].sort(),
      });
      expect(topicCatalogue[topic].producers.length).toBeGreaterThan(0);
    }
  });

  it('gives each message its key, headers and the payload schema of its zod schema', () => {
    const { document } = parsed;
    const deliveries = document!
      .channels()
      .all()
      .find((c) => c.address() === Topics.deliveries)!;
    const message = deliveries.messages().all()[0];
    const payload = message.payload()!.json() as { required: string[] };
    expect(topicSchemas[Topics.deliveries]).toBe(DeliveryMessage);
    expect([...payload.required].sort()).toEqual(
      Object.entries(DeliveryMessage.shape)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([name]) => name)
        .sort(),
    );
    expect(Object.keys(message.headers()!.properties() ?? {})).toEqual(
      expect.arrayContaining(['event-type', 'event-id', 'account-id']),
    );
    const kafka = message.bindings().get('kafka')!.value() as { key: { type: string } };
    expect(kafka.key.type).toBe('string');
  });

  it('resolves the recursive JSON of a lookup body from the document root', () => {
    const { document, diagnostics } = parsed;
    expect(diagnostics.filter((d) => d.code === 'invalid-ref')).toEqual([]);
    const lookup = document!
      .channels()
      .all()
      .find((c) => c.address() === Topics.lookupsCompleted)!;
    const body = lookup.messages().all()[0].payload()!.properties()!.body;
    expect(body.type()).toBe('object');
  });
});
