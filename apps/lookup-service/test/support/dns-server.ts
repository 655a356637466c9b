import * as dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** How the test DNS server answers for one name. */
export type Zone =
  | { mx: readonly { priority: number; exchange: string }[] }
  /** The name exists but has no MX (NOERROR, no answers). */
  | 'nodata'
  | 'servfail'
  /** Never answers: the resolver times out. */
  | 'silent';

export interface TestDnsServer {
  /** `127.0.0.1:port`, for LOOKUP_DNS_SERVERS. */
  readonly address: string;
  /** Names asked for, lower case, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

const typeMx = 15;
const classIn = 1;

/**
 * A tiny authoritative DNS server on 127.0.0.1 over UDP: MX answers from `zones`,
 * NXDOMAIN for any name it does not know. Just enough of RFC 1035 for c-ares.
 */
export async function startTestDnsServer(zones: Record<string, Zone>): Promise<TestDnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, remote) => {
    const question = parseQuestion(query);
    if (question === undefined) return;
    queries.push(question.name);
    const zone = zones[question.name];
    if (zone === 'silent') return;
    const answer = respond(query, question, zone);
    socket.send(answer, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

interface Question {
  name: string;
  type: number;
  /** Offset just past the question, where answers start. */
  end: number;
}

function parseQuestion(message: Buffer): Question | undefined {
  if (message.length < 12 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < message.length && message[offset] !== 0) {
    const length = message[offset];
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  if (offset + 5 > message.length) return undefined;
  return {
    name: labels.join('.').toLowerCase(),
    type: message.readUInt16BE(offset + 1),
    end: offset + 5,
  };
}

function respond(query: Buffer, question: Question, zone: Zone | undefined): Buffer {
  const rcode = zone === undefined ? 3 : zone === 'servfail' ? 2 : 0;
  const records = typeof zone === 'object' && question.type === typeMx ? zone.mx : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  // QR, AA, RD copied from the query, RA; then the rcode.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map(({ priority, exchange }) => {
    const name = encodeName(exchange);
    const fixed = Buffer.alloc(14);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    fixed.writeUInt16BE(typeMx, 2);
    fixed.writeUInt16BE(classIn, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(2 + name.length, 10);
    fixed.writeUInt16BE(priority, 12);
    return Buffer.concat([fixed, name]);
  });
  return Buffer.concat([header, query.subarray(12, question.end), ...answers]);
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter((label) => label !== '');
  return Buffer.concat([
    ...parts.map((label) =>
      Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')]),
    ),
    Buffer.from([0]),
  ]);
}
