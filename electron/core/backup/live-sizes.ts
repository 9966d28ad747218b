import type { VmFacts } from '../fleet/esxi-facts.ts';
import { resolveVmxFileName, toVolumePath } from '../esxi/datastore-path.ts';
import { raw, seq, sh, type ShellCommand } from '../shell/command.ts';

/**
 * The disks ghettoVCB will copy for each VM (those of its .vmx it backs up, from the host's stored VM facts) and
 * their sizes: the extents of each descriptor, in 512-byte sectors, read in one command when a run is followed. A
 * thin disk is copied at its full size as far as vmkfstools' percent goes, so that is the size the rate is taken on.
 */
export interface VmDisks {
  vm: string;
  /** Absolute paths, in the .vmx's order (the order ghettoVCB copies them). */
  disks: string[];
  /** Bytes per path; a descriptor that could not be read is missing. */
  sizes: Map<string, number>;
}

const MARK = 'custode.disk';

export function diskPaths(vms: readonly VmFacts[]): Array<{ vm: string; disks: string[] }> {
  return vms.map((v) => {
    // getallvms' path is relative to its datastore; one Custode cannot place (`..` in it) has no sizes.
    const ds = { datastore: v.inventory.datastore, path: v.inventory.vmxPath };
    if (ds.datastore === '' || ds.datastore.includes('/') || ds.path.split('/').includes('..')) return { vm: v.inventory.name, disks: [] };
    const vmx = toVolumePath(ds);
    return { vm: v.inventory.name, disks: (v.disks ?? []).filter((d) => d.ghettoVcb === 'backup').map((d) => resolveVmxFileName(vmx, d.fileName)) };
  });
}

export function diskSizesCommand(paths: readonly string[]): ShellCommand {
  return seq(...paths.map((p) => sh`echo ${MARK}; grep -E '^(RW|RDONLY|NOACCESS) [0-9]+ ' ${p} 2>/dev/null`), raw('true'));
}

/** Sizes in the order of the paths asked for; null where the descriptor had no extent. */
export function parseDiskSizes(text: string, count: number): Array<number | null> {
  const blocks = text.split(`${MARK}\n`).slice(1);
  return Array.from({ length: count }, (_, i) => {
    const lines = (blocks[i] ?? '').split('\n');
    let sectors = 0;
    for (const l of lines) {
      const m = /^(?:RW|RDONLY|NOACCESS) (\d+) /.exec(l);
      if (m) sectors += Number(m[1]);
    }
    return sectors > 0 ? sectors * 512 : null;
  });
}

export function vmDisks(vms: ReadonlyArray<{ vm: string; disks: string[] }>, sizes: ReadonlyArray<number | null>): VmDisks[] {
  let i = 0;
  return vms.map(({ vm, disks }) => {
    const known = new Map<string, number>();
    for (const d of disks) {
      const s = sizes[i++];
      if (s !== null && s !== undefined) known.set(d, s);
    }
    return { vm, disks, sizes: known };
  });
}
