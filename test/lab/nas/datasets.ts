// pool.dataset.query / pool.dataset.create (reference B4): each dataset is a real directory under /mnt; ZFS
// properties come back as {parsed, rawvalue, value, source[, source_info]} objects, sizes as the lab accounts them
// (dataset-space.ts).
import { mkdirSync } from 'node:fs';
import { fail, Verrors } from './errors.ts';
import { pyDate } from './py-json.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import { spaceOf, type DatasetSpace } from './dataset-space.ts';
import { zfsNice } from './space.ts';
import { realPath, type NasDataset, type NasState } from './state.ts';
import { nasTraits } from './versions.ts';

type Prop = Record<string, unknown>;

function prop(state: NasState, parsed: unknown, rawvalue: string, value: string | null, source: string): Prop {
  const p: Prop = { parsed, rawvalue, value, source };
  if (nasTraits(state.version).sourceInfo) p['source_info'] = null;
  return p;
}

function sizeProp(state: NasState, bytes: number, source = 'NONE'): Prop {
  return prop(state, bytes, String(bytes), zfsNice(bytes), source);
}

function quotaProp(state: NasState, bytes: number): Prop {
  return bytes > 0 ? prop(state, bytes, String(bytes), zfsNice(bytes), 'LOCAL') : prop(state, null, '0', null, 'DEFAULT');
}

function enumProp(state: NasState, value: string, source = 'DEFAULT'): Prop {
  return prop(state, value.toLowerCase(), value.toLowerCase(), value.toUpperCase(), source);
}

function boolProp(state: NasState, on: boolean, source = 'DEFAULT'): Prop {
  return prop(state, on, on ? 'on' : 'off', on ? 'ON' : 'OFF', source);
}

function childrenOf(state: NasState, name: string): NasDataset[] {
  return state.datasets.filter((d) => d.name.startsWith(name + '/') && !d.name.slice(name.length + 1).includes('/'));
}

function renderDataset(state: NasState, d: NasDataset, withChildren: boolean, space: (d: NasDataset) => DatasetSpace): Record<string, unknown> {
  const pool = d.name.split('/')[0] ?? d.name;
  const mountpoint = `/mnt/${d.name}`;
  const { used, usedByDataset: byDataset, available } = space(d);
  const local = d.name === pool ? 'DEFAULT' : 'LOCAL';
  return {
    id: d.name,
    type: d.type,
    name: d.name,
    pool,
    encrypted: d.encrypted,
    encryption_root: d.encrypted ? d.name : null,
    key_loaded: d.encrypted ? true : false,
    children: withChildren ? childrenOf(state, d.name).map((c) => renderDataset(state, c, true, space)) : [],
    user_properties: Object.fromEntries(Object.entries(d.user_properties).map(([k, v]) => [k, prop(state, v, v, v, 'LOCAL')])),
    locked: false,
    comments: prop(state, d.comments, d.comments, d.comments, d.comments ? 'LOCAL' : 'DEFAULT'),
    quota_warning: prop(state, 80, '80', '80', 'DEFAULT'),
    quota_critical: prop(state, 95, '95', '95', 'DEFAULT'),
    refquota_warning: prop(state, 80, '80', '80', 'DEFAULT'),
    refquota_critical: prop(state, 95, '95', '95', 'DEFAULT'),
    managedby: prop(state, '', '', '', 'DEFAULT'),
    deduplication: enumProp(state, 'OFF'),
    aclmode: enumProp(state, 'DISCARD'),
    acltype: enumProp(state, 'POSIX'),
    xattr: enumProp(state, 'SA'),
    atime: enumProp(state, d.atime, local),
    casesensitivity: enumProp(state, 'SENSITIVE'),
    checksum: enumProp(state, 'ON'),
    exec: boolProp(state, true),
    sync: enumProp(state, d.sync, local),
    compression: enumProp(state, d.compression, local),
    compressratio: prop(state, '1.00', '1.00', '1.00x', 'NONE'),
    origin: prop(state, '', '', '', 'NONE'),
    quota: quotaProp(state, d.quota),
    refquota: quotaProp(state, d.refquota),
    reservation: quotaProp(state, 0),
    refreservation: quotaProp(state, 0),
    copies: prop(state, 1, '1', '1', 'DEFAULT'),
    snapdir: enumProp(state, 'HIDDEN'),
    readonly: boolProp(state, d.readonly, d.readonly ? 'LOCAL' : 'DEFAULT'),
    recordsize: prop(state, Number.parseInt(d.recordsize, 10) * 1024, String(Number.parseInt(d.recordsize, 10) * 1024), d.recordsize, 'DEFAULT'),
    key_format: prop(state, d.encrypted ? 'hex' : 'none', d.encrypted ? 'hex' : 'none', d.encrypted ? 'HEX' : 'NONE', 'DEFAULT'),
    encryption_algorithm: prop(state, d.encrypted ? 'aes-256-gcm' : 'off', d.encrypted ? 'aes-256-gcm' : 'off', d.encrypted ? 'AES-256-GCM' : 'OFF', 'DEFAULT'),
    used: sizeProp(state, used),
    usedbychildren: sizeProp(state, used - byDataset),
    usedbydataset: sizeProp(state, byDataset),
    usedbyrefreservation: sizeProp(state, 0),
    usedbysnapshots: sizeProp(state, 0),
    available: sizeProp(state, available),
    special_small_block_size: prop(state, 0, '0', '0', 'DEFAULT'),
    pbkdf2iters: prop(state, 0, '0', '0', 'DEFAULT'),
    creation: prop(state, pyDate(d.createdAt), String(d.createdAt), new Date(d.createdAt * 1000).toUTCString(), 'NONE'),
    snapdev: enumProp(state, 'HIDDEN'),
    mountpoint,
  };
}

export function newDataset(name: string, now: number): NasDataset {
  return {
    name,
    type: 'FILESYSTEM',
    createdAt: now,
    comments: '',
    compression: 'LZ4',
    atime: 'OFF',
    sync: 'STANDARD',
    recordsize: '128K',
    readonly: false,
    quota: 0,
    refquota: 0,
    encrypted: false,
    user_properties: {},
  };
}

function sizeInput(v: unknown): number {
  return typeof v === 'number' && v > 0 ? v : 0;
}

export const datasetMethods = {
  'pool.dataset.query': (state: NasState, args: unknown[]) => {
    const options = (args[1] ?? {}) as QueryOptions;
    const extra = options.extra ?? {};
    const flat = extra['flat'] !== false;
    const withChildren = extra['retrieve_children'] !== false;
    const roots = flat ? state.datasets : state.datasets.filter((d) => !d.name.includes('/'));
    const space = spaceOf(state);
    return applyQuery(roots.map((d) => renderDataset(state, d, withChildren, space)), args[0], options);
  },
  'pool.dataset.create': (state: NasState, args: unknown[]) => {
    const input = (args[0] ?? {}) as Record<string, unknown>;
    const name = typeof input['name'] === 'string' ? input['name'] : '';
    const v = new Verrors();
    if (!name.includes('/')) v.add('pool_dataset_create.name', 'Please specify a pool which exists for the dataset/volume');
    const parent = name.slice(0, name.lastIndexOf('/'));
    const parentExists = state.datasets.some((d) => d.name === parent);
    if (!parentExists && input['create_ancestors'] !== true) v.add('pool_dataset_create.name', `${parent} does not exist`, 'ENOENT');
    if (state.datasets.some((d) => d.name === name)) v.add('pool_dataset_create.name', `Path ${name} already exists`, 'EEXIST');
    const quota = sizeInput(input['quota']);
    if (quota > 0 && quota < 1024 ** 3) v.add('pool_dataset_create.quota', 'Quota must be at least 1 GiB');
    v.check();
    const now = Math.floor(Date.now() / 1000);
    const parts = name.split('/');
    for (let i = 2; i <= parts.length; i++) {
      const ancestor = parts.slice(0, i).join('/');
      if (state.datasets.some((d) => d.name === ancestor)) continue;
      const d = newDataset(ancestor, now);
      if (ancestor === name) {
        d.type = input['type'] === 'VOLUME' ? 'VOLUME' : 'FILESYSTEM';
        if (typeof input['comments'] === 'string') d.comments = input['comments'];
        if (typeof input['compression'] === 'string') d.compression = input['compression'];
        if (typeof input['sync'] === 'string') d.sync = input['sync'];
        if (typeof input['recordsize'] === 'string') d.recordsize = input['recordsize'];
        d.quota = quota;
        d.refquota = sizeInput(input['refquota']);
        d.encrypted = input['encryption'] === true;
        d.readonly = input['readonly'] === 'ON';
      }
      state.datasets.push(d);
      mkdirSync(realPath(state, `/mnt/${ancestor}`) ?? fail('pool_dataset_create.name', 'Invalid name'), { recursive: true });
    }
    const created = state.datasets.find((d) => d.name === name);
    return created === undefined ? null : renderDataset(state, created, true, spaceOf(state));
  },
};
