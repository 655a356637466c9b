import { connect } from 'node:net';

/**
 * What the broker itself says about its version, for the integration test's log line.
 * kafkajs speaks ApiVersions up to v2 and Kafka has no "version" config, so this sends one
 * ApiVersions v3 request by hand. Its response carries the `metadata.version` feature
 * (KIP-584): the highest level the broker's software supports, which names its release,
 * and the level the cluster runs at (lower on a cluster not yet finalized after upgrade).
 */
export interface BrokerVersion {
  /** Kafka release of the highest metadata.version the software supports, e.g. "4.4". */
  release: string;
  supportedLevel: number;
  finalizedLevel: number;
}

// Last metadata.version level of each release, as `kafka-storage.sh version-mapping
// --release-version X` prints it (read from the Kafka 4.1.2 and 4.4.0 jars).
const lastLevelOfRelease: [string, number][] = [
  ['3.3', 7],
  ['3.4', 8],
  ['3.5', 11],
  ['3.6', 14],
  ['3.7', 19],
  ['3.8', 20],
  ['3.9', 21],
  ['4.0', 25],
  ['4.1', 27],
  ['4.2', 29],
  ['4.3', 30],
  ['4.4', 33],
];

export function releaseOfMetadataLevel(level: number): string {
  if (level < 4) return 'older than 3.3';
  const [newest] = lastLevelOfRelease[lastLevelOfRelease.length - 1];
  return lastLevelOfRelease.find(([, last]) => level <= last)?.[0] ?? `newer than ${newest}`;
}

export async function brokerVersion(broker: string, timeoutMs = 5_000): Promise<BrokerVersion> {
  const response = await roundTrip(broker, apiVersionsV3Request(), timeoutMs);
  const { supportedLevel, finalizedLevel } = metadataVersionLevels(response);
  return { release: releaseOfMetadataLevel(supportedLevel), supportedLevel, finalizedLevel };
}

function apiVersionsV3Request(): Buffer {
  const clientId = Buffer.from('leadhooks-test');
  const compact = (text: string) =>
    Buffer.concat([Buffer.from([text.length + 1]), Buffer.from(text)]);
  const body = Buffer.concat([
    // Request header v2: api key 18 (ApiVersions), version 3, correlation id 1, client id.
    Buffer.from([0, 18, 0, 3, 0, 0, 0, 1, 0, clientId.length]),
    clientId,
    Buffer.from([0]), // no tagged fields
    compact('leadhooks-test'),
    compact('1.0'),
    Buffer.from([0]),
  ]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function roundTrip(broker: string, request: Buffer, timeoutMs: number): Promise<Buffer> {
  const separator = broker.lastIndexOf(':');
  const socket = connect({
    host: broker.slice(0, separator),
    port: Number(broker.slice(separator + 1)),
  });
  return new Promise<Buffer>((resolve, reject) => {
    let received = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no ApiVersions answer within ${timeoutMs} ms`)),
    );
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        resolve(received.subarray(4, 4 + received.readInt32BE(0)));
      }
    });
    socket.write(request);
  }).finally(() => socket.destroy());
}

/** Reads an ApiVersions v3 response (header v0) down to its metadata.version levels. */
function metadataVersionLevels(response: Buffer): {
  supportedLevel: number;
  finalizedLevel: number;
} {
  let at = 4; // correlation id
  const int16 = () => ((at += 2), response.readInt16BE(at - 2));
  const uvarint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = response[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const skipTaggedFields = () => {
    for (let count = uvarint(); count > 0; count--) {
      uvarint();
      at += uvarint();
    }
  };
  /** A compact array of (name, int16, int16, tagged fields): the two int16s of `name`. */
  const featureLevels = (wanted: string): [number, number] | undefined => {
    let found: [number, number] | undefined;
    for (let features = uvarint() - 1; features > 0; features--) {
      const nameLength = uvarint() - 1;
      const name = response.toString('utf8', at, at + nameLength);
      at += nameLength;
      const levels: [number, number] = [int16(), int16()];
      skipTaggedFields();
      if (name === wanted) found = levels;
    }
    return found;
  };
  const errorCode = int16();
  if (errorCode !== 0) throw new Error(`ApiVersions v3 answered error code ${errorCode}`);
  for (let keys = uvarint() - 1; keys > 0; keys--) {
    at += 6; // api key, min version, max version
    skipTaggedFields();
  }
  at += 4; // throttle time
  let supported: number | undefined;
  let finalized: number | undefined;
  for (let count = uvarint(); count > 0; count--) {
    const tag = uvarint();
    const size = uvarint();
    const end = at + size;
    // Tag 0 SupportedFeatures holds (min, max); tag 2 FinalizedFeatures holds (max, min).
    if (tag === 0) supported = featureLevels('metadata.version')?.[1];
    if (tag === 2) finalized = featureLevels('metadata.version')?.[0];
    at = end;
  }
  if (supported === undefined || finalized === undefined) {
    throw new Error('the broker reported no metadata.version feature');
  }
  return { supportedLevel: supported, finalizedLevel: finalized };
}
