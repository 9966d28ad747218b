import { z } from 'zod';
import type { SnapshotTask } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';

/**
 * `pool.snapshottask.query` (B5): periodic ZFS snapshots on the NAS are what keeps copies safe from a compromised
 * ESXi host (which can delete files on its share but not snapshots). CORE requires every field; SCALE 25 defaults
 * some, so defaults follow SCALE's.
 */
export const snapshotTasksCommand = (): ShellCommand => midcltCommand('pool.snapshottask.query');

const cronField = z.union([z.string(), z.number()]).transform(String);

const Task = z.object({
  id: z.number().int(),
  dataset: z.string(),
  recursive: z.boolean().default(false),
  exclude: z.array(z.string()).default([]),
  lifetime_value: z.number().default(2),
  lifetime_unit: z.string().default('WEEK'),
  naming_schema: z.string().default('auto-%Y-%m-%d_%H-%M'),
  enabled: z.boolean().default(true),
  schedule: z
    .object({
      minute: cronField.default('00'),
      hour: cronField.default('*'),
      dom: cronField.default('*'),
      month: cronField.default('*'),
      dow: cronField.default('*'),
      begin: z.string().nullish(),
      end: z.string().nullish(),
    })
    .default({ minute: '00', hour: '*', dom: '*', month: '*', dow: '*' }),
  state: z.looseObject({ state: z.string().nullish() }).nullish(),
});

export function parseSnapshotTasks(stdout: string): SnapshotTask[] {
  return parseMidclt('pool.snapshottask.query', stdout, z.array(Task)).map((t) => ({
    id: t.id,
    dataset: t.dataset,
    recursive: t.recursive,
    exclude: t.exclude,
    lifetimeValue: t.lifetime_value,
    lifetimeUnit: t.lifetime_unit,
    namingSchema: t.naming_schema,
    enabled: t.enabled,
    schedule: { ...t.schedule, begin: t.schedule.begin ?? null, end: t.schedule.end ?? null },
    stateText: t.state?.state ?? null,
  }));
}
