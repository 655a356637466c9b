import type { Consumer } from 'kafkajs';
import { describeError } from './kafka.errors';
import type { KafkaLog } from './kafka.logger';
import type { PartitionWork } from './partition-work';

/** The partitions of one consumer: the current assignment, and revoked ones still finishing. */
export class Partitions {
  private readonly current = new Map<string, PartitionWork>();
  private readonly retired = new Set<PartitionWork>();

  constructor(private readonly create: (topic: string, partition: number) => PartitionWork) {}

  of(topic: string, partition: number): PartitionWork {
    const key = `${topic}:${partition}`;
    let work = this.current.get(key);
    if (work === undefined) {
      work = this.create(topic, partition);
      this.current.set(key, work);
    }
    return work;
  }

  /**
   * The group is about to rejoin: the coordinator still takes this generation's commits,
   * so one refused earlier gets its last try now.
   */
  drainCommits(): void {
    for (const work of this.current.values()) void work.committer.drain();
  }

  /**
   * A new assignment: forget every partition (kafkajs fetches each from its committed
   * position again, so a fresh window matches it). Records waiting are dropped, not run
   * twice beside the new owner's copy; those running finish without committing.
   */
  revokeAll(): void {
    for (const work of this.current.values()) {
      work.cancelWork(true);
      this.retired.add(work);
      void work.admission.roomFor(1).then(() => this.retired.delete(work));
    }
    this.current.clear();
  }

  /** Stop: drops what waits, lets what runs finish, and commits what finished. */
  async stopAll(): Promise<void> {
    const all = [...this.current.values(), ...this.retired];
    for (const work of all) work.cancelWork(false);
    await Promise.all(all.map((work) => work.settle()));
  }
}

/** Rebalance and crash events of the group; `error` is set when the client gave up for good. */
export function watchGroup(
  consumer: Consumer,
  partitions: Partitions,
  log: KafkaLog,
  groupId: string,
  onCrash?: (error: Error) => void,
): { error?: Error } {
  const fatal: { error?: Error } = {};
  consumer.on(consumer.events.REBALANCING, () => partitions.drainCommits());
  consumer.on(consumer.events.GROUP_JOIN, () => partitions.revokeAll());
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    const fields = { groupId, error: describeError(payload.error), restart: payload.restart };
    if (payload.restart) return log.warn('consumer crashed; the client restarts it', fields);
    fatal.error = payload.error;
    log.error('consumer crashed and will not restart', fields);
    onCrash?.(payload.error);
  });
  return fatal;
}
