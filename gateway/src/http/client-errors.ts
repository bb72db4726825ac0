import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '../errors/error-handler';

function answer(socket: Duplex, status: string, body: ErrorBody): void {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${String(Buffer.byteLength(json))}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * Answers requests that Node's HTTP parser refuses before Express sees them in the common error shape: headers
 * larger than the server allows get 431 (REQUEST_HEADERS_TOO_LARGE), any other malformed request 400
 * (INVALID_ARGUMENT). Without this Node answers them with an empty body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      answer(socket, '431 Request Header Fields Too Large', {
        error: { code: 'REQUEST_HEADERS_TOO_LARGE', message: 'the request headers are too large' },
      });
      return;
    }
    answer(socket, '400 Bad Request', {
      error: { code: 'INVALID_ARGUMENT', message: 'the request is not valid HTTP' },
    });
  });
}
