import { Socket } from 'node:net';

export interface RawAnswer {
  /** The status of the first response line, or undefined when the server closed without one. */
  status: number | undefined;
  /** Whether the server closed the connection (rather than the client timing out). */
  closed: boolean;
}

/**
 * Writes `bytes` on a fresh connection, half-closes it (unless `keepOpen`) and reads what comes
 * back until the server closes or `timeoutMs` passes.
 */
export const sendRaw = (
  port: number,
  bytes: string | Buffer,
  { timeoutMs = 3_000, keepOpen = false } = {},
): Promise<RawAnswer> =>
  new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : undefined, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.once('close', () => finish(true));
    socket.once('error', () => finish(true));
    socket.connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (!keepOpen) socket.end();
    });
  });
