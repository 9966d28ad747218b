// Periodic snapshot tasks and ad-hoc snapshots (reference B5). Snapshots are recorded, not materialised: Custode only
// needs to see that they exist and when they were taken.
import { fail, Verrors } from './errors.ts';
import { pyDate } from './py-json.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import type { NasSnapshot, NasSnapshotTask, NasState } from './state.ts';
import { nasTraits } from './versions.ts';

function renderTask(t: NasSnapshotTask): Record<string, unknown> {
  return { ...t, vmware_sync: false, state: { state: 'PENDING' } };
}

const UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'];

function createTask(state: NasState, input: Record<string, unknown>): Record<string, unknown> {
  const core = nasTraits(state.version).core;
  const v = new Verrors();
  const dataset = typeof input['dataset'] === 'string' ? input['dataset'] : '';
  if (!state.datasets.some((d) => d.name === dataset)) v.add('periodic_snapshot_create.dataset', 'Dataset not found', 'ENOENT');
  if (core) {
    for (const key of ['recursive', 'lifetime_value', 'lifetime_unit', 'naming_schema', 'schedule']) {
      if (!(key in input)) v.add(`periodic_snapshot_create.${key}`, 'attribute required');
    }
  }
  const unit = typeof input['lifetime_unit'] === 'string' ? input['lifetime_unit'] : 'WEEK';
  if (!UNITS.includes(unit)) v.add('periodic_snapshot_create.lifetime_unit', `Invalid choice: ${unit}`);
  const naming = typeof input['naming_schema'] === 'string' ? input['naming_schema'] : 'auto-%Y-%m-%d_%H-%M';
  if (!/%Y/.test(naming) || !/%m/.test(naming) || !/%d/.test(naming) || !/%H/.test(naming) || !/%M/.test(naming)) {
    v.add('periodic_snapshot_create.naming_schema', 'Naming schema must contain %Y, %m, %d, %H and %M');
  }
  v.check();
  const schedule = (input['schedule'] ?? {}) as Record<string, string>;
  const task: NasSnapshotTask = {
    id: state.nextTaskId,
    dataset,
    recursive: input['recursive'] === true,
    exclude: Array.isArray(input['exclude']) ? input['exclude'].map(String) : [],
    lifetime_value: typeof input['lifetime_value'] === 'number' ? input['lifetime_value'] : 2,
    lifetime_unit: unit,
    naming_schema: naming,
    allow_empty: input['allow_empty'] !== false,
    enabled: input['enabled'] !== false,
    schedule: {
      minute: schedule['minute'] ?? '00',
      hour: schedule['hour'] ?? '*',
      dom: schedule['dom'] ?? '*',
      month: schedule['month'] ?? '*',
      dow: schedule['dow'] ?? '*',
      begin: schedule['begin'] ?? '00:00',
      end: schedule['end'] ?? '23:59',
    },
  };
  state.nextTaskId += 1;
  state.snapshotTasks.push(task);
  return renderTask(task);
}

function strftime(schema: string, epoch: number): string {
  const d = new Date(epoch * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return schema
    .replace(/%Y/g, String(d.getUTCFullYear()))
    .replace(/%m/g, two(d.getUTCMonth() + 1))
    .replace(/%d/g, two(d.getUTCDate()))
    .replace(/%H/g, two(d.getUTCHours()))
    .replace(/%M/g, two(d.getUTCMinutes()))
    .replace(/%S/g, two(d.getUTCSeconds()));
}

function renderSnapshot(s: NasSnapshot): Record<string, unknown> {
  const id = `${s.dataset}@${s.name}`;
  return {
    id,
    name: id,
    pool: s.dataset.split('/')[0],
    type: 'SNAPSHOT',
    snapshot_name: s.name,
    dataset: s.dataset,
    createtxg: String(s.createtxg),
    properties: {
      creation: { parsed: pyDate(s.createdAt), rawvalue: String(s.createdAt), value: new Date(s.createdAt * 1000).toUTCString(), source: 'NONE' },
      createtxg: { parsed: String(s.createtxg), rawvalue: String(s.createtxg), value: String(s.createtxg), source: 'NONE' },
      used: { parsed: 0, rawvalue: '0', value: '0B', source: 'NONE' },
      referenced: { parsed: 0, rawvalue: '0', value: '0B', source: 'NONE' },
    },
  };
}

function createSnapshot(state: NasState, input: Record<string, unknown>, schemaName: string): Record<string, unknown> {
  const dataset = typeof input['dataset'] === 'string' ? input['dataset'] : '';
  if (!state.datasets.some((d) => d.name === dataset)) fail(`${schemaName}.dataset`, `Dataset ${dataset} does not exist`, 'ENOENT');
  const now = Math.floor(Date.now() / 1000);
  const name =
    typeof input['name'] === 'string' ? input['name'] : typeof input['naming_schema'] === 'string' ? strftime(input['naming_schema'], now) : '';
  if (name === '') fail(`${schemaName}.name`, 'Either name or naming schema must be provided');
  if (state.snapshots.some((s) => s.dataset === dataset && s.name === name)) fail(`${schemaName}.name`, `Snapshot ${dataset}@${name} already exists`, 'EEXIST');
  state.txg += 1;
  const snap: NasSnapshot = { dataset, name, createdAt: now, createtxg: state.txg };
  state.snapshots.push(snap);
  return renderSnapshot(snap);
}

export function snapshotMethods(state: NasState) {
  const ns = nasTraits(state.version).snapshotNamespace;
  return {
    'pool.snapshottask.query': (s: NasState, args: unknown[]) => applyQuery(s.snapshotTasks.map(renderTask), args[0], args[1] as QueryOptions | undefined),
    'pool.snapshottask.create': (s: NasState, args: unknown[]) => createTask(s, (args[0] ?? {}) as Record<string, unknown>),
    [`${ns}.query`]: (s: NasState, args: unknown[]) => applyQuery(s.snapshots.map(renderSnapshot), args[0], args[1] as QueryOptions | undefined),
    [`${ns}.create`]: (s: NasState, args: unknown[]) =>
      createSnapshot(s, (args[0] ?? {}) as Record<string, unknown>, ns === 'pool.snapshot' ? 'pool_snapshot_create' : 'zfs_snapshot_create'),
  };
}
