import { AppError } from '../../../shared/errors/app-error.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';

/**
 * An address as a user types it: `host`, `host:port`, `[v6]` or `[v6]:port`. A bare IPv6 address (more than one
 * colon, no brackets), or text whose part after the colon is no port, is all address, with no port.
 */
export function splitEndpoint(text: string): { address: string; port: number | null } {
  const parts = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text) ?? /^([^:]+):(\d{1,5})$/.exec(text);
  const port = parts?.[2] === undefined ? null : Number(parts[2]);
  if (parts === null || (port !== null && (port < 1 || port > 65535))) return { address: text, port: null };
  return { address: parts[1]!, port };
}

/** The machines a user named on the command line: by id, by name, or by address[:port]. */
export function hostsNamed(hosts: readonly HostEntry[], text: string): HostEntry[] {
  const { address, port } = splitEndpoint(text);
  return hosts.filter((h) => h.id === text || h.name === text || (h.address === address && (port === null || h.port === port)));
}

/** The one machine a user named; a clear error when none or several answer to it. */
export function namedHost(hosts: readonly HostEntry[], text: string): HostEntry {
  const found = hostsNamed(hosts, text);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new AppError('fleet.unknownHost', `No machine ${text} in Custode`, { host: text });
  throw new AppError('fleet.ambiguousHost', `${text} names ${found.length} machines; give its address and port`, { host: text, count: found.length });
}

/** The one ESXi host a user named, for an area's command (`backup`, `restore`): its id, or that area's clear error. */
export function namedEsxiHost(hosts: readonly HostEntry[], text: string, area: string): string {
  const found = hostsNamed(hosts, text).filter((h) => h.role === 'esxi');
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new AppError(`${area}.unknownHost`, `No ESXi host ${text} in Custode; add it with "custode fleet add-host"`, { host: text });
  throw new AppError(`${area}.ambiguousHost`, `${text} names ${found.length} hosts; give its address and port`, { host: text, count: found.length });
}
