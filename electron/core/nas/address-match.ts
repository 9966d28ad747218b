/**
 * IP and CIDR matching for NFS export rules (B8): `networks` are CIDRs (SCALE stores a single IP as /32), `hosts`
 * are IPs, hostnames, wildcards (`*.lab.example`) or netgroups (`@group`). Names cannot be resolved here, so a rule
 * that could only match through DNS makes the answer `unknown`, never `allowed`.
 */
interface Ip {
  family: 4 | 6;
  value: bigint;
}

function parseIpv4(text: string): Ip | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return { family: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
}

function parseIpv6(text: string): Ip | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return null;
  let groups: string[];
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const last = (tail === undefined ? h : t).at(-1);
  const v4 = last !== undefined && last.includes('.') ? parseIpv4(last) : null;
  if (last !== undefined && last.includes('.')) {
    if (v4 === null) return null;
    const hex = [(v4.value >> 16n).toString(16), (v4.value & 0xffffn).toString(16)];
    if (tail === undefined) h.splice(-1, 1, ...hex);
    else t.splice(-1, 1, ...hex);
  }
  if (tail === undefined) groups = h;
  else {
    const fill = 8 - h.length - t.length;
    if (fill < 1) return null;
    groups = [...h, ...Array<string>(fill).fill('0'), ...t];
  }
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

export function parseIp(text: string): Ip | null {
  const t = text.trim().replace(/^\[|\]$/g, '');
  return parseIpv4(t) ?? parseIpv6(t);
}

export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

export function sameIp(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x !== null && y !== null && x.family === y.family && x.value === y.value;
}

/** true/false for a valid CIDR (or bare IP = host route); null when `cidr` is not one. */
export function cidrContains(cidr: string, ip: string): boolean | null {
  const [net, bits] = cidr.trim().split('/') as [string, string | undefined];
  const n = parseIp(net);
  const a = parseIp(ip);
  if (n === null) return null;
  const width = n.family === 4 ? 32 : 128;
  const prefix = bits === undefined ? width : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= width)) return null;
  if (a === null || a.family !== n.family) return false;
  const shift = BigInt(width - prefix);
  return a.value >> shift === n.value >> shift;
}

export function isCidr(text: string): boolean {
  return text.includes('/') && cidrContains(text, text.split('/')[0]!) !== null;
}

function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export interface ExportAccess {
  result: 'allowed' | 'denied' | 'unknown';
  /** The rule that let the client in (`*` when the share is open to everyone). */
  via: string | null;
  /** Rules that could only be decided by name resolution or netgroup lookup. */
  unresolved: string[];
}

export interface ClientIdentity {
  ips: readonly string[];
  /** Host name and FQDN, compared case-insensitively with name rules. */
  names?: readonly string[];
}

export function exportAllows(rules: { hosts: readonly string[]; networks: readonly string[] }, client: ClientIdentity): ExportAccess {
  if (rules.hosts.length === 0 && rules.networks.length === 0) return { result: 'allowed', via: '*', unresolved: [] };
  const names = (client.names ?? []).filter((n) => n !== '').map((n) => n.toLowerCase());
  const unresolved: string[] = [];
  for (const net of rules.networks) {
    if (client.ips.some((ip) => cidrContains(net, ip) === true)) return { result: 'allowed', via: net, unresolved: [] };
  }
  for (const host of rules.hosts) {
    const h = host.trim();
    if (h === '*') return { result: 'allowed', via: h, unresolved: [] };
    if (isIp(h) || isCidr(h)) {
      if (client.ips.some((ip) => (isCidr(h) ? cidrContains(h, ip) === true : sameIp(h, ip)))) return { result: 'allowed', via: h, unresolved: [] };
      continue;
    }
    if (h.startsWith('@')) {
      unresolved.push(h);
      continue;
    }
    const matches = /[*?]/.test(h) ? names.some((n) => wildcardToRegExp(h).test(n)) : names.includes(h.toLowerCase());
    if (matches) return { result: 'allowed', via: h, unresolved: [] };
    unresolved.push(h);
  }
  return { result: unresolved.length > 0 ? 'unknown' : 'denied', via: null, unresolved };
}
