// The resident simulator's wire format, shared with sim-client.c. Request: a 4-byte big-endian length, then
// NUL-terminated fields: "CSIM1", pid, cwd, command, argc, each argument, then NAME=value environment entries.
// Answer: frames of one type byte ('o' stdout, 'e' stderr, 'x' exit status as int32) and a 4-byte length.

export interface SimRequest {
  pid: number;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

export const MAGIC = 'CSIM1';

/** The request once `buffered` holds all of it, else null. */
export function decodeRequest(buffered: Buffer): SimRequest | null {
  if (buffered.length < 4) return null;
  const length = buffered.readUInt32BE(0);
  if (buffered.length < 4 + length) return null;
  const fields = buffered.subarray(4, 4 + length).toString('utf8').split('\0');
  if (fields[0] !== MAGIC) throw new Error('not a lab simulator request');
  const argc = Number(fields[4]);
  const args = fields.slice(5, 5 + argc);
  const env: Record<string, string> = {};
  for (const entry of fields.slice(5 + argc)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { pid: Number(fields[1]), cwd: fields[2] ?? '/', command: fields[3] ?? '', args, env };
}

export function encodeFrame(type: 'o' | 'e' | 'x', payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}
