import { Topics } from '@leadhooks/contracts';
import { KafkaConfigError } from './kafka.errors';
import { createNaming } from './topic-names';

describe(createNaming.name, () => {
  it.each([
    [undefined, Topics.saveLead, 'leads.save_lead'],
    ['test_abc', Topics.saveLead, 'test_abc.leads.save_lead'],
    ['staging', Topics.deliveriesRetry2, 'staging.webhooks.deliveries.retry.2'],
  ])('namespace %s maps %s to %s and back', (namespace, logical, physical) => {
    const naming = createNaming(namespace);
    expect(naming.topic(logical)).toBe(physical);
    expect(naming.logicalTopic(physical)).toBe(logical);
  });

  it('prefixes consumer groups like topics', () => {
    expect(createNaming('ns').group('dispatcher')).toBe('ns.dispatcher');
    expect(createNaming(undefined).group('dispatcher')).toBe('dispatcher');
  });

  it.each([
    ['another namespace', 'other.leads.save_lead'],
    ['no namespace', 'leads.save_lead'],
    ['an unknown topic', 'ns.leads.delete_lead'],
    ['a prototype key', 'ns.toString'],
  ])('refuses %s when mapping back', (_case, physical) => {
    expect(() => createNaming('ns').logicalTopic(physical)).toThrow(physical);
  });

  it.each([
    ['a space', 'my ns'],
    ['a slash', 'a/b'],
    ['an empty string', ''],
    ['a name too long for Kafka', 'x'.repeat(230)],
  ])('refuses a namespace with %s', (_case, namespace) => {
    expect(() => createNaming(namespace)).toThrow(KafkaConfigError);
  });
});
