/**
 * Bytes of keys and values per produce request at most. Kafka refuses a record batch over
 * `message.max.bytes` (1 MiB by default) as a whole, and a caller that retries its send
 * (the outbox publisher, a consumer whose handler failed) would be refused for ever: an
 * outbox claim of 100 leads of 64 KiB (the API's body limit), or a large lead fanned out
 * to many webhooks, could already pass it.
 */
export const maxProduceBytes = 512 * 1024;

/**
 * Splits `items` in order into runs of at most `limit` bytes by `size` (an item larger
 * than `limit` goes alone: Kafka decides about it, and it blocks only itself).
 */
export function chunkByBytes<T>(
  items: readonly T[],
  size: (item: T) => number,
  limit: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (current.length > 0 && bytes + itemBytes > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
