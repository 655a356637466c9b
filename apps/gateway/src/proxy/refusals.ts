import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiHeaders } from '@leadhooks/contracts';
import type { ApiErrorBody } from '@leadhooks/http';
import type { Logger } from 'pino';

/** Longest part of a refused target or packet that is logged (a log line stays a line). */
const loggedChars = 1_024;

/** The error body of a request target the gateway will not forward. */
export function invalidTargetBody(reason: string): ApiErrorBody {
  return {
    statusCode: 400,
    code: 'validation_failed',
    field: 'request_target',
    message: `The request target must be a plain path under /v1 (origin form): ${reason}`,
  };
}

/** Answers 400 to a request whose target was refused, and logs the target as received. */
export function refuseTarget(
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
  reason: string,
  logger: Logger,
): void {
  logger.warn(
    { requestId, method: request.method, target: clip(request.url ?? ''), reason },
    'request target refused',
  );
  const body = JSON.stringify(invalidTargetBody(reason));
  response.writeHead(400, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    [ApiHeaders.requestId]: requestId,
  });
  response.end(body);
}

/**
 * What reaches the HTTP server below Express: a CONNECT (authority form, `host:port`),
 * which Node would otherwise drop without an answer, and a request Node's parser could not
 * read (an authority-form GET, a raw space or non-ASCII byte in the target, oversized
 * headers), which Node would answer with a bare status line. Both get the error shape.
 */
export function answerUnparsedRequests(server: Server, logger: Logger): void {
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const reason = 'CONNECT (authority form) is not allowed';
    logger.warn(
      { method: request.method, target: clip(request.url ?? ''), reason },
      'request target refused',
    );
    writeRaw(socket, 400, invalidTargetBody(reason));
  });
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    // Node's own rule: nothing to answer on a socket that is gone or already answering.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const [statusCode, body] = clientErrorAnswer(error.code);
    logger.warn(
      { code: error.code, packet: clip(error.rawPacket?.toString('latin1') ?? '') },
      'unreadable request refused',
    );
    writeRaw(socket, statusCode, body);
  });
}

function clientErrorAnswer(code: string | undefined): [number, ApiErrorBody] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        { statusCode: 431, code: 'http_431', message: 'The request headers are too large' },
      ];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, { statusCode: 408, code: 'http_408', message: 'The request took too long' }];
    case 'HPE_INVALID_URL':
      return [400, invalidTargetBody('it could not be read as a path')];
    default:
      return [
        400,
        {
          statusCode: 400,
          code: 'malformed_request',
          message: 'The request is not valid HTTP/1.1',
        },
      ];
  }
}

function writeRaw(socket: Duplex, statusCode: number, body: ApiErrorBody): void {
  const payload = JSON.stringify(body);
  // Destroyed once written: the server keeps half-open sockets, and this one is ours now.
  socket.end(
    `HTTP/1.1 ${statusCode} ${statusCode === 400 ? 'Bad Request' : 'Error'}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(payload)}\r\n` +
      'connection: close\r\n\r\n' +
      payload,
    () => socket.destroy(),
  );
}

function clip(text: string): string {
  return text.length > loggedChars ? `${text.slice(0, loggedChars)}…` : text;
}
