import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A client frame, masked as RFC 6455 requires; `declared` overrides the length the header announces. */
export function frame(opcode: number, payload: Buffer, declared = payload.length): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (declared < 126) header = Buffer.from([0x80 | opcode, 0x80 | declared]);
  else if (declared < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(declared, 2);
    header[1] = 0x80 | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(declared), 2);
    header[1] = 0x80 | 127;
  }
  header[0] = 0x80 | opcode;
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, masked]);
}

/** Writes raw bytes to the host and returns all it answers until it closes the connection. */
export function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

export interface RawPeer {
  status: number;
  socket: Socket;
  /** The code of the close frame the host sends, or -1 if it drops the connection without one. */
  closeCode(): Promise<number>;
}

/** A WebSocket handshake by hand, so that the frames after it can break every rule. */
export function rawUpgrade(port: number, target: string, origin: string): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    let headerDone = false;
    let closeWaiter: ((code: number) => void) | null = null;
    let closeCode: number | null = null;
    const settleClose = (code: number) => {
      if (closeCode === null) closeCode = code;
      closeWaiter?.(closeCode);
    };
    const scanFrames = () => {
      while (buffered.length >= 2) {
        const length = buffered[1]! & 0x7f;
        if (length >= 126 || buffered.length < 2 + length) return;
        if ((buffered[0]! & 0x0f) === 0x8) settleClose(length >= 2 ? buffered.readUInt16BE(2) : 1005);
        buffered = buffered.subarray(2 + length);
      }
    };
    socket.on('error', () => settleClose(-1));
    socket.on('close', () => {
      settleClose(-1);
      if (!headerDone) reject(new Error('closed before answering the handshake'));
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!headerDone) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        headerDone = true;
        const status = Number(buffered.subarray(0, end).toString('latin1').split(' ')[1]);
        buffered = buffered.subarray(end + 4);
        resolve({
          status,
          socket,
          closeCode: () => (closeCode !== null ? Promise.resolve(closeCode) : new Promise((r) => (closeWaiter = r))),
        });
      }
      scanFrames();
    });
    socket.on('connect', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${origin}\r\n\r\n`,
      );
    });
  });
}
