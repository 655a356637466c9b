import type { TopicName } from '@leadhooks/contracts';
import type { RunningConsumer } from '@leadhooks/kafka';

/**
 * Holds a retry topic's partition until its head record is due: pause the partition, seek
 * back to the record (so it is not committed and comes again), and resume it with a timer.
 * Nothing polls meanwhile, and other partitions keep flowing. Records behind the head wait
 * too, which is right: one retry topic has one fixed delay, so they are due no earlier.
 */
export class DueTimeGate<T extends TopicName> {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** True when `notBefore` has passed; otherwise holds the partition and returns false. */
  admit(
    consumer: RunningConsumer<T>,
    record: { topic: T; partition: number; offset: string },
    notBefore: string | undefined,
    nowMs = Date.now(),
  ): boolean {
    const waitMs = notBefore === undefined ? 0 : Date.parse(notBefore) - nowMs;
    if (waitMs <= 0) return true;
    consumer.pause(record.topic, [record.partition]);
    consumer.seek(record.topic, record.partition, record.offset);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      consumer.resume(record.topic, [record.partition]);
    }, waitMs);
    this.timers.add(timer);
    return false;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
