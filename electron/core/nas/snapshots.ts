import { z } from 'zod';
import type { ZfsSnapshot } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';
import type { NasDialect } from './release.ts';
import { propertyBytes, propertyEpochSeconds, ZfsProperty } from './zfs-property.ts';

/**
 * Existing ZFS snapshots of a dataset (B5): `zfs.snapshot.query` up to 25.04 and on CORE, `pool.snapshot.query`
 * from 25.10 (where zfs.snapshot is private). Entries are `{id: "ds@snap", name, dataset, snapshot_name,
 * properties: {creation, used, …}}`; older releases may lack `dataset`/`snapshot_name`, so they come from `id`.
 */
export function snapshotQueryCommand(dialect: Pick<NasDialect, 'snapshotNamespace'>, dataset: string): ShellCommand {
  return midcltCommand(`${dialect.snapshotNamespace}.query`, [['dataset', '=', dataset]]);
}

const Snapshot = z.object({
  id: z.string().optional(),
  name: z.string(),
  dataset: z.string().optional(),
  snapshot_name: z.string().optional(),
  properties: z.record(z.string(), ZfsProperty.or(z.unknown())).optional(),
});

function property(props: Record<string, unknown> | undefined, key: string): ZfsProperty | undefined {
  const r = ZfsProperty.safeParse(props?.[key]);
  return r.success ? r.data : undefined;
}

export function parseSnapshots(stdout: string, method: string): ZfsSnapshot[] {
  return parseMidclt(method, stdout, z.array(Snapshot)).map((s) => {
    const id = s.id ?? s.name;
    const at = id.indexOf('@');
    return {
      id,
      dataset: s.dataset ?? (at < 0 ? '' : id.slice(0, at)),
      name: s.snapshot_name ?? (at < 0 ? s.name : id.slice(at + 1)),
      createdAt: propertyEpochSeconds(property(s.properties, 'creation')),
      usedBytes: propertyBytes(property(s.properties, 'used')),
    };
  });
}
