import type { Admin } from 'kafkajs';
import { measureConsumerLag, type LaggingGroup } from './consumer-lag';
import { createNaming } from './topic-names';

/** The two admin calls lag needs, answering from tables, as the broker would. */
function adminWith(
  watermarks: Record<string, { partition: number; high: string; low: string }[]>,
  committed: Record<string, Record<string, string[]>>,
): Admin {
  const admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'> = {
    fetchTopicOffsets: async (topic) =>
      watermarks[topic].map((entry) => ({ ...entry, offset: entry.high })),
    fetchOffsets: async ({ groupId, topics }) =>
      (topics ?? []).map((topic) => ({
        topic,
        partitions: committed[groupId][topic].map((offset, partition) => ({
          partition,
          offset,
          metadata: null,
        })),
      })),
  };
  return admin as Admin;
}

describe(measureConsumerLag.name, () => {
  const naming = createNaming('ns');
  const group = (startFrom: LaggingGroup['startFrom']): LaggingGroup => ({
    groupId: 'g',
    topics: ['webhooks.deliveries'],
    startFrom,
  });
  const watermarks = {
    'ns.webhooks.deliveries': [
      { partition: 0, high: '10', low: '0' },
      { partition: 1, high: '50', low: '40' },
      { partition: 2, high: '7', low: '0' },
    ],
  };

  it.each([
    // committed offsets of partitions 0, 1, 2 -> their lag
    ['earliest', ['4', '30', '-1'], [6, 10, 7]], // 30 < low 40: retention deleted those
    ['latest', ['10', '45', '-1'], [0, 5, 0]], // -1 with latest: starts at the end
  ] as const)(
    'with startFrom %s and commits %j the lag is %j',
    async (startFrom, offsets, lags) => {
      const admin = adminWith(watermarks, {
        'ns.g': { 'ns.webhooks.deliveries': [...offsets] },
      });
      const measured = await measureConsumerLag(admin, naming, [group(startFrom)]);
      expect(measured).toEqual(
        lags.map((lag, partition) => ({
          group: 'g',
          topic: 'webhooks.deliveries',
          partition,
          lag,
        })),
      );
    },
  );
});
