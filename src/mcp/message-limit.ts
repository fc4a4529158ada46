/**
 * A size limit for newline-delimited JSON-RPC on stdio. The SDK's stdio transport buffers a line
 * until its newline arrives, however long; this stream in front of it holds at most `limit` bytes
 * of a line, drops a longer line whole, and lets the server answer it with an error.
 */
import { Transform, type TransformCallback } from 'node:stream';

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export function maxMessageBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.MIGRATION_GENERATOR_MAX_MESSAGE_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_MESSAGE_BYTES;
}

/** What is known of a dropped line: its size and, when it could be read from its ends, its request id. */
export interface OversizedMessage {
  readonly bytes: number;
  readonly id: string | number | null;
}

const EDGE_BYTES = 512;

export function limitLines(limit: number, onOversized: (message: OversizedMessage) => void): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let dropping = false;
  let droppedBytes = 0;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  const startDropping = () => {
    dropping = true;
    head = Buffer.concat(pending).subarray(0, EDGE_BYTES);
    droppedBytes = pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.indexOf(10, start);
        const end = newline === -1 ? chunk.length : newline;
        const piece = chunk.subarray(start, end);
        if (!dropping && pendingBytes + piece.length > limit) startDropping();
        if (dropping) {
          droppedBytes += piece.length;
          if (head.length < EDGE_BYTES) head = Buffer.concat([head, piece.subarray(0, EDGE_BYTES - head.length)]);
          tail = Buffer.concat([tail, piece]).subarray(-EDGE_BYTES);
        } else {
          pending.push(piece);
          pendingBytes += piece.length;
        }
        if (newline === -1) break;
        if (dropping) {
          onOversized({ bytes: droppedBytes, id: requestId(head.toString('utf8'), tail.toString('utf8')) });
          dropping = false;
          head = Buffer.alloc(0);
          tail = Buffer.alloc(0);
        } else {
          this.push(Buffer.concat([...pending, Buffer.from('\n')]));
          pending = [];
          pendingBytes = 0;
        }
        start = newline + 1;
      }
      done();
    },
  });
}

/** JSON-RPC clients put the id first or last; a number or a plain string is all that is looked for. */
function requestId(head: string, tail: string): string | number | null {
  const first = /^\s*\{\s*"jsonrpc"\s*:\s*"2\.0"\s*,\s*"id"\s*:\s*(-?\d{1,15}|"[\w.:-]{1,100}")/.exec(head);
  const last = /,\s*"id"\s*:\s*(-?\d{1,15}|"[\w.:-]{1,100}")\s*\}\s*$/.exec(tail);
  const raw = first?.[1] ?? last?.[1];
  if (raw === undefined) return null;
  return raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
}

/** The JSON-RPC answer to a dropped line, one line on stdout. */
export function oversizedResponse(message: OversizedMessage, limit: number): string {
  const error = { code: -32600, message: `Request too large: ${message.bytes} bytes, the limit is ${limit} bytes (MIGRATION_GENERATOR_MAX_MESSAGE_BYTES)` };
  return `${JSON.stringify({ jsonrpc: '2.0', id: message.id, error })}\n`;
}
