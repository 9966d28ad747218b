/**
 * The restored VM's .vmx, from the copy's: the lines ghettoVCB-restore.sh rewrites (displayName, nvram, each disk's
 * fileName → `<name>-N.vmdk`), and two it does not: the disks the copy lacks are marked not present (else the VM
 * would not power on), and NICs whose port group the target lacks start disconnected. Every other line is kept as
 * it was, in its place.
 */
export interface VmxChanges {
  name: string;
  /** Disk key (`scsi0:0`) → the new file name, relative to the VM folder. */
  disks: ReadonlyMap<string, string>;
  /** Disk keys the copy does not hold. */
  dropDisks: readonly string[];
  /** `ethernetN` keys to start disconnected. */
  disconnect: readonly string[];
  /** Every NIC starts disconnected (a drill: the copy must not meet the network its original is on). */
  disconnectAll?: boolean;
  /** Set when the copy had an nvram file: its new name. */
  nvram: string | null;
}

/** A value in VMware's quoting: `"` and `|` in the text are written as `|22` and `|7C`. */
export function vmxValue(text: string): string {
  const escaped = [...text].map((c) => (c === '|' ? '|7C' : c === '"' ? '|22' : c.charCodeAt(0) < 0x20 ? `|${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c));
  return `"${escaped.join('')}"`;
}

const keyOf = (line: string): string | null => /^\s*([^=#\s][^=]*?)\s*=/.exec(line)?.[1]?.toLowerCase() ?? null;

export function rewriteVmx(text: string, changes: VmxChanges): string {
  const set = new Map<string, string>();
  set.set('displayname', vmxValue(changes.name));
  if (changes.nvram !== null) set.set('nvram', vmxValue(changes.nvram));
  for (const [key, file] of changes.disks) set.set(`${key.toLowerCase()}.filename`, vmxValue(file));
  for (const key of changes.dropDisks) set.set(`${key.toLowerCase()}.present`, '"FALSE"');
  const nics = changes.disconnectAll === true ? ethernetKeys(text) : [];
  for (const key of [...changes.disconnect, ...nics]) set.set(`${key.toLowerCase()}.startconnected`, '"FALSE"');
  const crlf = text.includes('\r\n');
  const lines = text.split(/\r?\n/);
  const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
  const written = new Set<string>();
  const out = lines.map((line) => {
    const key = keyOf(line);
    if (key === null || !set.has(key)) return line;
    written.add(key);
    const name = /^\s*([^=]*?)\s*=/.exec(line)![1]!;
    return `${name} = ${set.get(key)!}`;
  });
  for (const [key, value] of set) {
    if (written.has(key)) continue;
    // A key the copy's file did not have (startConnected is often absent): added with VMware's own spelling.
    out.push(`${key.replace('displayname', 'displayName').replace('.startconnected', '.startConnected').replace('.filename', '.fileName')} = ${value}`);
  }
  if (trailing !== undefined) out.push(trailing);
  return out.join(crlf ? '\r\n' : '\n');
}

/** The port group each present NIC names (`ethernetN.networkName`). */
export function vmxNics(entries: ReadonlyMap<string, string>): { key: string; network: string }[] {
  const nics: { key: string; network: string }[] = [];
  for (const [k, v] of entries) {
    const m = /^(ethernet\d+)\.networkname$/.exec(k);
    if (m && entries.get(`${m[1]}.present`)?.toLowerCase() !== 'false') nics.push({ key: m[1]!, network: v });
  }
  return nics.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/** Every `ethernetN` the file names in any of its keys (present or not: a NIC turned present later stays off too). */
function ethernetKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(ethernet\d+)\./.exec(keyOf(line) ?? '');
    if (m) keys.add(m[1]!);
  }
  return [...keys];
}
