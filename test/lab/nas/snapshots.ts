// Periodic snapshot tasks and ad-hoc snapshots (reference B5). Snapshots are recorded, not materialised: Custode only
// needs to see that they exist and when they were taken.
import { fail, Verrors } from './errors.ts';
import { pyDate } from './py-json.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import { nasNow, type NasSnapshot, type NasSnapshotTask, type NasState } from './state.ts';
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
  const now = nasNow(state);
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

const LIFETIME_SECONDS: Record<string, number> = { HOUR: 3600, DAY: 86400, WEEK: 7 * 86400, MONTH: 30 * 86400, YEAR: 365 * 86400 };

/** A naming schema as a pattern that matches the names it produced (retention only removes the task's own). */
function schemaPattern(schema: string): RegExp {
  const literal = schema.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${literal.replace(/%[YmdHMS]/g, (f) => (f === '%Y' ? '\\d{4}' : '\\d{2}'))}$`);
}

function withinWindow(task: NasSnapshotTask, at: number): boolean {
  const hhmm = new Date(at * 1000).toISOString().slice(11, 16);
  return hhmm >= task.schedule.begin && hhmm <= task.schedule.end;
}

/**
 * What the NAS's scheduler does when a periodic snapshot task fires at `at` (its begin–end window allowing): a
 * snapshot of the dataset (and its children when recursive, bar the excluded) named by the schema, then the task's
 * retention removes its own snapshots older than the lifetime. Returns the snapshots made.
 */
export function runSnapshotTask(state: NasState, task: NasSnapshotTask, at: number): string[] {
  if (!task.enabled || !withinWindow(task, at)) return [];
  const datasets = state.datasets
    .map((d) => d.name)
    .filter((n) => n === task.dataset || (task.recursive && n.startsWith(`${task.dataset}/`) && !task.exclude.includes(n)));
  const name = strftime(task.naming_schema, at);
  const made: string[] = [];
  for (const dataset of datasets) {
    if (state.snapshots.some((s) => s.dataset === dataset && s.name === name)) continue;
    state.txg += 1;
    state.snapshots.push({ dataset, name, createdAt: at, createtxg: state.txg });
    made.push(`${dataset}@${name}`);
  }
  const expiry = at - task.lifetime_value * (LIFETIME_SECONDS[task.lifetime_unit] ?? 0);
  const own = schemaPattern(task.naming_schema);
  state.snapshots = state.snapshots.filter((s) => !(datasets.includes(s.dataset) && own.test(s.name) && s.createdAt <= expiry));
  return made;
}
