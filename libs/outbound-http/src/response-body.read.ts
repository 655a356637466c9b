import type { Readable } from 'node:stream';

export interface CappedBody {
  bytes: Buffer;
  /** True when the body was cut: longer than the cap, failed midway, or out of time. */
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a response body, then destroys the stream (and with it the
 * connection), so a receiver that streams megabytes costs us `maxBytes` and one socket.
 * Never rejects: once the status line is in, a broken body is only a shorter snippet.
 */
export function readCapped(stream: Readable, maxBytes: number): Promise<CappedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      if (truncated) stream.destroy();
      resolve({ bytes: Buffer.concat(chunks, Math.min(length, maxBytes)), truncated });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > maxBytes) finish(true);
    };
    stream.on('data', onData);
    stream.once('end', () => finish(false));
    // Destroyed midway (the deadline, the peer): what arrived is the snippet. An error
    // after destroy() is expected; without a listener it would crash the process.
    stream.on('error', () => finish(true));
    stream.once('close', () => finish(true));
  });
}
