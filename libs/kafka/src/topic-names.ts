import { isTopicName, Topics, type TopicName } from '@leadhooks/contracts';
import { KafkaConfigError } from './kafka.errors';

// Kafka's own limits on topic names (Topic.java): these characters, at most 249 of them.
const legalName = /^[a-zA-Z0-9._-]+$/;
const maxTopicLength = 249;
const longestLogical = Math.max(...Object.values(Topics).map((topic) => topic.length));

/**
 * The one mapping between the logical names code uses (from contracts) and the physical
 * names on the broker. A namespace lets tests and several environments share a cluster
 * without seeing each other's topics or consumer groups: `<namespace>.<logical>`.
 */
export interface Naming {
  readonly namespace: string | undefined;
  topic(logical: TopicName): string;
  /** The logical name of a physical topic of this namespace; throws for any other topic. */
  logicalTopic(physical: string): TopicName;
  group(groupId: string): string;
}

export function validateNamespace(namespace: string | undefined): string | undefined {
  if (namespace === undefined) return undefined;
  if (!legalName.test(namespace)) {
    throw new KafkaConfigError('namespace', `"${namespace}" may only hold a-z A-Z 0-9 . _ -`);
  }
  if (namespace.length + 1 + longestLogical > maxTopicLength) {
    throw new KafkaConfigError(
      'namespace',
      `too long: topic names must fit in ${maxTopicLength} characters`,
    );
  }
  return namespace;
}

export function createNaming(namespace: string | undefined): Naming {
  const ns = validateNamespace(namespace);
  const prefix = ns === undefined ? '' : `${ns}.`;
  return {
    namespace: ns,
    topic: (logical) => `${prefix}${logical}`,
    logicalTopic(physical) {
      const logical = physical.startsWith(prefix) ? physical.slice(prefix.length) : undefined;
      if (logical === undefined || !isTopicName(logical)) {
        throw new Error(`topic ${physical} is not one of ours in namespace ${ns ?? '(none)'}`);
      }
      return logical;
    },
    group: (groupId) => `${prefix}${groupId}`,
  };
}
