/**
 * Bytes of event JSON per produce request at most. Kafka refuses a record batch over
 * `message.max.bytes` (1 MiB by default) as a whole, and a refused batch would be retried
 * for ever: a claim of 100 leads of 64 KiB (the API's body limit) could already pass it.
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
