import { z } from 'zod';
import type { Dataset } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';
import { propertyBoolean, propertyBytes, propertyQuota, propertyText, ZfsProperty } from './zfs-property.ts';

/**
 * `pool.dataset.query` (B4). Queried flat and without children to keep the payload small; `properties` (an extra
 * that exists from 24.10, see NasDialect) trims it further. Nested children, if a release returns them anyway,
 * are flattened.
 */
export const DATASET_PROPERTIES = ['used', 'available', 'quota', 'usedbysnapshots', 'readonly', 'compression', 'encryption_algorithm'] as const;

export function datasetQueryCommand(options: { id?: string; properties?: readonly string[] } = {}): ShellCommand {
  const extra: Record<string, unknown> = { flat: true, retrieve_children: false };
  if (options.properties !== undefined) extra['properties'] = [...options.properties];
  const filters = options.id === undefined ? [] : [['id', '=', options.id]];
  return midcltCommand('pool.dataset.query', filters, { extra });
}

interface RawDataset {
  id: string;
  name?: string | undefined;
  pool?: string | undefined;
  type?: string | undefined;
  mountpoint?: string | null | undefined;
  encrypted?: boolean | null | undefined;
  encryption_root?: string | null | undefined;
  key_loaded?: boolean | null | undefined;
  locked?: boolean | null | undefined;
  children?: RawDataset[] | undefined;
  [property: string]: unknown;
}

const RawDataset: z.ZodType<RawDataset> = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  pool: z.string().optional(),
  type: z.string().optional(),
  mountpoint: z.string().nullish(),
  encrypted: z.boolean().nullish(),
  encryption_root: z.string().nullish(),
  key_loaded: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  get children() {
    return z.array(RawDataset).optional();
  },
});

function prop(d: RawDataset, name: string): ZfsProperty | undefined {
  const r = ZfsProperty.safeParse(d[name]);
  return r.success ? r.data : undefined;
}

function normalise(d: RawDataset): Dataset {
  const name = d.name ?? d.id;
  const algorithm = propertyText(prop(d, 'encryption_algorithm'));
  return {
    id: d.id,
    name,
    pool: d.pool ?? name.split('/')[0]!,
    type: d.type ?? 'FILESYSTEM',
    mountpoint: d.mountpoint ?? null,
    usedBytes: propertyBytes(prop(d, 'used')),
    availableBytes: propertyBytes(prop(d, 'available')),
    quotaBytes: propertyQuota(prop(d, 'quota')),
    usedBySnapshotsBytes: propertyBytes(prop(d, 'usedbysnapshots')),
    readOnly: propertyBoolean(prop(d, 'readonly')),
    compression: propertyText(prop(d, 'compression')),
    encrypted: d.encrypted === true,
    encryptionRoot: d.encryption_root ?? null,
    encryptionAlgorithm: algorithm === null || algorithm.toUpperCase() === 'OFF' ? null : algorithm,
    keyLoaded: d.key_loaded ?? null,
    locked: d.locked ?? null,
    children: (d.children ?? []).map((c) => c.name ?? c.id),
  };
}

function flatten(list: readonly RawDataset[]): RawDataset[] {
  return list.flatMap((d) => [d, ...flatten(d.children ?? [])]);
}

export function parseDatasets(stdout: string): Dataset[] {
  const decoded = parseMidclt('pool.dataset.query', stdout, z.union([z.array(RawDataset), RawDataset]));
  const list = Array.isArray(decoded) ? decoded : [decoded];
  const byId = new Map<string, RawDataset>();
  for (const d of flatten(list)) if (!byId.has(d.id)) byId.set(d.id, d);
  return [...byId.values()].map(normalise);
}
