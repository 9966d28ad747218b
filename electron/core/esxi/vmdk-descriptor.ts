import { unexpectedOutput } from './output.ts';

/**
 * A VMDK descriptor (the small text `.vmdk` next to `-flat.vmdk`): createType, extents and the disk database.
 * Size is the sum of the extents (512-byte sectors). ghettoVCB takes the size from the first line containing
 * `VMFS` and `.vmdk` (so `VMFSSPARSE` deltas count but `SESPARSE` does not) and refuses physical RDMs
 * (`vmfsPassthroughRawDeviceMap`); both readings are given.
 */
export interface VmdkExtent {
  access: string;
  sectors: number;
  type: string;
  file: string | null;
  offset: number | null;
}

export interface VmdkDescriptor {
  createType: string | null;
  parentCid: string | null;
  parentFileNameHint: string | null;
  extents: VmdkExtent[];
  ddb: Record<string, string>;
  adapterType: string | null;
  thinProvisioned: boolean;
  sizeBytes: number;
  rdm: 'physical' | 'virtual' | null;
  /** The second field of the line ghettoVCB picks, in sectors; null when none matches (it then counts 0 GB). */
  ghettoVcbSectors: number | null;
  unknownLines: string[];
}

const EXTENT = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+(\w+)(?:\s+"(.*)"(?:\s+(\d+))?)?\s*$/;
const ASSIGN = /^([\w.]+)\s*=\s*"?(.*?)"?\s*$/;

export function parseVmdkDescriptor(text: string, path = 'descriptor'): VmdkDescriptor {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const extents: VmdkExtent[] = [];
  const ddb: Record<string, string> = {};
  const top: Record<string, string> = {};
  const unknownLines: string[] = [];
  let ghettoVcbSectors: number | null = null;
  for (const line of lines) {
    const t = line.trim();
    if (ghettoVcbSectors === null && /VMFS/.test(line) && /.vmdk/.test(line)) {
      const second = t.split(/\s+/)[1];
      ghettoVcbSectors = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
    }
    if (t === '' || t.startsWith('#')) continue;
    const e = EXTENT.exec(t);
    if (e) {
      extents.push({ access: e[1]!, sectors: Number(e[2]), type: e[3]!, file: e[4] ?? null, offset: e[5] !== undefined ? Number(e[5]) : null });
      continue;
    }
    const a = ASSIGN.exec(t);
    if (a) {
      if (a[1]!.startsWith('ddb.')) ddb[a[1]!.slice(4)] = a[2]!;
      else top[a[1]!] = a[2]!;
      continue;
    }
    unknownLines.push(line);
  }
  const createType = top['createType'] ?? null;
  if (createType === null && extents.length === 0) throw unexpectedOutput(`cat ${path}`, text, 'not a VMDK descriptor');
  return {
    createType,
    parentCid: top['parentCID'] ?? null,
    parentFileNameHint: top['parentFileNameHint'] ?? null,
    extents,
    ddb,
    adapterType: ddb['adapterType'] ?? null,
    thinProvisioned: ddb['thinProvisioned'] === '1',
    sizeBytes: extents.reduce((sum, x) => sum + x.sectors * 512, 0),
    rdm: createType === 'vmfsPassthroughRawDeviceMap' ? 'physical' : createType === 'vmfsRawDeviceMap' ? 'virtual' : null,
    ghettoVcbSectors,
    unknownLines,
  };
}
