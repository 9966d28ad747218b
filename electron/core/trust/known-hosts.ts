import { createHmac, timingSafeEqual } from 'node:crypto';
import { fingerprintOf, keyTypeOf } from './fingerprint.ts';

/**
 * OpenSSH `known_hosts`, read for import only (Custode keeps its own pins). Handles plain names, `[host]:port`,
 * comma lists and hashed entries (`|1|salt|hmac`). Wildcard patterns, negations and `@cert-authority` lines
 * cannot become a pin for one host, so they are counted as skipped; `@revoked` keys are reported apart.
 */
export interface KnownHostKey {
  keyType: string;
  publicKey: string;
  fingerprint: string;
  revoked: boolean;
  /** 1-based line in the file, to tell the user where a conflict comes from. */
  line: number;
}

interface Entry extends KnownHostKey {
  plain: { host: string; port: number }[];
  hashed: { salt: Buffer; hash: Buffer }[];
}

export interface KnownHostsFile {
  entries: Entry[];
  skipped: { line: number; reason: 'wildcard' | 'cert-authority' | 'malformed' }[];
}

function parseHostPattern(pattern: string): { host: string; port: number } | null {
  if (/[*?!]/.test(pattern)) return null;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(pattern);
  if (bracketed) return { host: bracketed[1]!.toLowerCase(), port: Number(bracketed[2]) };
  return { host: pattern.toLowerCase(), port: 22 };
}

export function parseKnownHosts(text: string): KnownHostsFile {
  const entries: Entry[] = [];
  const skipped: KnownHostsFile['skipped'] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      if (marker === '@cert-authority') return skipped.push({ line, reason: 'cert-authority' });
      if (marker !== '@revoked') return skipped.push({ line, reason: 'malformed' });
      revoked = true;
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) return skipped.push({ line, reason: 'malformed' });
    const blob = Buffer.from(base64, 'base64');
    let blobType: string;
    try {
      blobType = keyTypeOf(blob);
    } catch {
      return skipped.push({ line, reason: 'malformed' });
    }
    if (blobType !== keyType) return skipped.push({ line, reason: 'malformed' });
    const entry: Entry = { keyType, publicKey: blob.toString('base64'), fingerprint: fingerprintOf(blob), revoked, line, plain: [], hashed: [] };
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) return skipped.push({ line, reason: 'malformed' });
      entry.hashed.push({ salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') });
    } else {
      for (const pattern of hosts.split(',')) {
        const parsed = parseHostPattern(pattern);
        if (parsed) entry.plain.push(parsed);
      }
      if (entry.plain.length === 0) return skipped.push({ line, reason: 'wildcard' });
    }
    entries.push(entry);
  });
  return { entries, skipped };
}

/** The name OpenSSH hashes and writes: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function hashedMatches(hashed: { salt: Buffer; hash: Buffer }, name: string): boolean {
  const mac = createHmac('sha1', hashed.salt).update(name).digest();
  return mac.length === hashed.hash.length && timingSafeEqual(mac, hashed.hash);
}

/** Keys the file holds for one host and port (a hashed entry can only be found by asking about a name). */
export function keysFor(file: KnownHostsFile, host: string, port: number): KnownHostKey[] {
  const name = knownHostsName(host, port);
  const h = host.toLowerCase();
  return file.entries
    .filter((e) => e.plain.some((p) => p.host === h && p.port === port) || e.hashed.some((x) => hashedMatches(x, name)))
    .map(({ keyType, publicKey, fingerprint, revoked, line }) => ({ keyType, publicKey, fingerprint, revoked, line }));
}

/** Every host and port named in plain text, so an import can offer them without the user listing hosts. */
export function plainHosts(file: KnownHostsFile): { host: string; port: number }[] {
  const seen = new Map<string, { host: string; port: number }>();
  for (const e of file.entries) for (const p of e.plain) seen.set(`${p.host}\n${p.port}`, p);
  return [...seen.values()];
}
