import type { DiskMode, VmDisk } from '../../../shared/model/vm.ts';

/**
 * A .vmx file, read the way ghettoVCB reads it (ghettovcb.md 9.10, `getVMDKs` in the script):
 * - candidates: lines starting (any case) with scsi/ide/sata/nvme that contain `fileName`; the key prefix is the
 *   first word up to its first dot (`scsi0:1`);
 * - skipped unless a `<prefix>.present` line contains `true`;
 * - `<prefix>.mode` containing `independent` → never copied (STATUS.warn), whatever the device is;
 * - otherwise a disk when `<prefix>.deviceType` contains `scsi-hardDisk`, or else when `fileName` matches `.vmdk`
 *   (which is how CD-ROM `.iso` and `auto detect` entries drop out).
 * `fileName` is the text between the line's first two double quotes, absolute when it contains `/vmfs/volumes`.
 * Values are un-escaped from VMware's `|XX` hex form for display. Snapshots are not inferred from disk names.
 */
export interface VmxFile {
  /** Keys lower-cased (VMware treats them case-insensitively); first occurrence wins. */
  entries: Map<string, string>;
  displayName: string | null;
  guestOs: string | null;
  hwVersion: string | null;
  firmware: string | null;
  nvram: string | null;
  disks: VmDisk[];
  /** Controller keys (`scsi0`) → `virtualDev` (`lsilogic`, `pvscsi`, …). */
  controllers: Record<string, string>;
  unknownLines: string[];
}

const LINE = /^\s*([^=#\s][^=]*?)\s*=\s*(.*?)\s*$/;

function unescapeVmx(value: string): string {
  return value.replace(/\|([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text between the first two double quotes, as `awk -F '"' '{print $2}'` gives it. */
function quoted(raw: string): string {
  const parts = raw.split('"');
  return parts.length >= 3 ? parts[1]! : raw.trim();
}

function diskMode(text: string | null): DiskMode {
  if (text === null || text === '') return 'persistent';
  const t = text.toLowerCase();
  const known: DiskMode[] = ['persistent', 'independent-persistent', 'independent-nonpersistent', 'nonpersistent', 'undoable'];
  return known.find((k) => k === t) ?? 'other';
}

function rdmHint(fileName: string): VmDisk['rdmHint'] {
  if (/-rdmp\.vmdk$/i.test(fileName)) return 'physical';
  if (/-rdm\.vmdk$/i.test(fileName)) return 'virtual';
  return null;
}

export function parseVmx(text: string): VmxFile {
  const rawLines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const entries = new Map<string, string>();
  const unknownLines: string[] = [];
  for (const line of rawLines) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('.encoding')) {
      if (t.startsWith('.encoding')) entries.set('.encoding', quoted(t.slice(t.indexOf('=') + 1)));
      continue;
    }
    const m = LINE.exec(line);
    if (m === null) {
      unknownLines.push(line);
      continue;
    }
    const key = m[1]!.toLowerCase();
    if (!entries.has(key)) entries.set(key, unescapeVmx(quoted(m[2]!)));
  }
  const get = (key: string): string | null => entries.get(key.toLowerCase()) ?? null;

  // ghettoVCB greps the raw lines, so the candidate list follows the file, not the parsed map.
  const lineStarts = (prefix: string, suffix: string): string[] =>
    rawLines.filter((l) => {
      const k = l.trimStart().split(/\s/)[0]!.toLowerCase();
      return k.startsWith(prefix.toLowerCase()) && k.length > prefix.length && k.slice(prefix.length + 1).startsWith(suffix.toLowerCase());
    });
  const seen = new Set<string>();
  const disks: VmDisk[] = [];
  for (const line of rawLines) {
    if (!/^(scsi|ide|sata|nvme)/i.test(line) || !/filename/i.test(line)) continue;
    const word = line.split(/\s/)[0]!;
    const key = word.split('.')[0]!;
    const lower = key.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const fileLine = lineStarts(key, 'fileName')[0] ?? line;
    const fileName = unescapeVmx(quoted(fileLine.slice(fileLine.indexOf('=') + 1)));
    const present = lineStarts(key, 'present').some((l) => /true/i.test(l));
    const modeText = get(`${key}.mode`);
    const independent = lineStarts(key, 'mode').some((l) => /independent/i.test(l));
    const deviceType = get(`${key}.deviceType`);
    const hardDisk = lineStarts(key, 'deviceType').some((l) => /scsi-hardDisk/i.test(l));
    const vmdkName = lineStarts(key, 'fileName').some((l) => /.vmdk/i.test(l));
    const bus = /^(scsi|ide|sata|nvme)/i.exec(key)![1]!.toLowerCase() as VmDisk['bus'];
    const [controller, unit] = key.split(':');
    disks.push({
      key,
      bus,
      controller: controller!,
      unit: unit !== undefined && /^\d+$/.test(unit) ? Number(unit) : null,
      fileName,
      absolute: fileName.includes('/vmfs/volumes'),
      present,
      mode: diskMode(modeText),
      modeText,
      deviceType,
      rdmHint: rdmHint(fileName),
      ghettoVcb: !present ? 'notPresent' : independent ? 'independent' : hardDisk || vmdkName ? 'backup' : 'notADisk',
    });
  }
  const controllers: Record<string, string> = {};
  for (const [k, v] of entries) {
    const m = /^((?:scsi|sata|nvme)\d+)\.virtualdev$/.exec(k);
    if (m) controllers[m[1]!] = v;
  }
  return {
    entries,
    displayName: get('displayName'),
    guestOs: get('guestOS'),
    hwVersion: get('virtualHW.version'),
    firmware: get('firmware'),
    nvram: get('nvram'),
    disks,
    controllers,
    unknownLines,
  };
}
