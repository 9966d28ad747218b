// sharing.nfs.* with each release's field set (reference B2): CORE 13 `paths`+`alldirs`+`quiet`, SCALE `path`+`aliases`,
// `expose_snapshots` from 25.04. Validation messages are the middleware's own where the reference quotes them.
import { existsSync } from 'node:fs';
import { fail, Verrors } from './errors.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import { realPath, type NasShare, type NasState } from './state.ts';
import { nasTraits } from './versions.ts';

const USERS = ['root', 'nobody', 'admin', 'truenas_admin'];
const GROUPS = ['root', 'wheel', 'nogroup', 'nobody', 'admin', 'builtin_administrators'];

export function renderShare(state: NasState, s: NasShare): Record<string, unknown> {
  const t = nasTraits(state.version);
  const out: Record<string, unknown> = { id: s.id };
  if (t.sharePathList) out['paths'] = [s.path];
  else out['path'] = s.path;
  if (t.shareAliases) out['aliases'] = s.aliases;
  out['comment'] = s.comment;
  out['networks'] = s.networks;
  out['hosts'] = s.hosts;
  if (t.core) out['alldirs'] = s.alldirs;
  out['ro'] = s.ro;
  if (t.shareQuiet) out['quiet'] = s.quiet;
  out['maproot_user'] = s.maproot_user;
  out['maproot_group'] = s.maproot_group;
  out['mapall_user'] = s.mapall_user;
  out['mapall_group'] = s.mapall_group;
  out['security'] = s.security;
  out['enabled'] = s.enabled;
  out['locked'] = false;
  if (t.shareExposeSnapshots) out['expose_snapshots'] = s.expose_snapshots;
  return out;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function validate(state: NasState, s: NasShare, schema: string): void {
  const t = nasTraits(state.version);
  const v = new Verrors();
  const pathAttr = `${schema}.${t.sharePathList ? 'paths' : 'path'}`;
  const dir = realPath(state, s.path);
  if (!/^\/mnt\/[^/]+/.test(s.path) || dir === null) v.add(pathAttr, 'The path must reside within a pool mount point');
  else if (!existsSync(dir)) v.add(pathAttr, 'This path does not exist.', 'ENOENT');
  if (s.maproot_user && s.mapall_user) v.add(`${schema}.mapall_user`, 'maproot_user disqualifies mapall_user');
  for (const kind of ['maproot', 'mapall'] as const) {
    const user = s[`${kind}_user`];
    const group = s[`${kind}_group`];
    if (group && !user) v.add(`${schema}.${kind}_user`, 'This field is required when map group is specified');
    if (user && !USERS.includes(user)) v.add(`${schema}.${kind}_user`, t.core ? 'User not found' : `User not found: ${user}`);
    if (group && !GROUPS.includes(group)) v.add(`${schema}.${kind}_group`, t.core ? 'Group not found' : `Group not found: ${group}`);
  }
  const nonSys = s.security.filter((x) => x !== 'SYS');
  if (nonSys.length > 0 && !state.nfs.v4) {
    v.add(`${schema}.security`, t.core ? 'This is not allowed when NFS v4 is disabled' : `The following security flavor(s) require NFSv4 to be enabled: ${nonSys.join(', ')}.`);
  }
  for (const h of s.hosts) if (/[\s"']/.test(h)) v.add(`${schema}.hosts`, `Cannot contain spaces or quotes: ${h}`);
  for (const other of state.shares) {
    if (other.id === s.id || other.path !== s.path) continue;
    for (const h of s.hosts.filter((x) => other.hosts.includes(x))) {
      v.add(`${schema}.hosts`, t.core ? 'Another NFS share already exports this dataset for ' + h : `ERROR - Another NFS share already exports ${s.path} for host ${h}`);
    }
    for (const n of s.networks.filter((x) => other.networks.includes(x))) {
      v.add(`${schema}.networks`, t.core ? 'Another NFS share already exports this dataset for ' + n : `ERROR - Another NFS share already exports ${s.path} for network ${n}`);
    }
    if (s.hosts.length === 0 && s.networks.length === 0 && other.hosts.length === 0 && other.networks.length === 0) {
      v.add(`${schema}.path`, `ERROR - Export conflict. Another share with the same path exports ${s.path} for everyone`);
    }
  }
  v.check();
}

function applyFields(s: NasShare, input: Record<string, unknown>): void {
  const paths = input['paths'];
  if (Array.isArray(paths) && typeof paths[0] === 'string') s.path = paths[0];
  if (typeof input['path'] === 'string') s.path = input['path'];
  if (Array.isArray(input['aliases'])) s.aliases = input['aliases'].map(String);
  if (typeof input['comment'] === 'string') s.comment = input['comment'];
  if (Array.isArray(input['networks'])) s.networks = [...new Set(input['networks'].map(String))].map((n) => (n.includes('/') ? n : n + '/32'));
  if (Array.isArray(input['hosts'])) s.hosts = [...new Set(input['hosts'].map(String))];
  for (const key of ['ro', 'enabled', 'alldirs', 'quiet', 'expose_snapshots'] as const) {
    if (typeof input[key] === 'boolean') s[key] = input[key];
  }
  for (const key of ['maproot_user', 'maproot_group', 'mapall_user', 'mapall_group'] as const) {
    if (key in input) s[key] = str(input[key]);
  }
  if (Array.isArray(input['security'])) s.security = input['security'].map((x) => String(x).toUpperCase());
}

export function newShare(id: number): NasShare {
  return {
    id,
    path: '',
    aliases: [],
    comment: '',
    networks: [],
    hosts: [],
    ro: false,
    maproot_user: null,
    maproot_group: null,
    mapall_user: null,
    mapall_group: null,
    security: [],
    enabled: true,
    alldirs: false,
    quiet: false,
    expose_snapshots: false,
  };
}

function object(arg: unknown, attr: string): Record<string, unknown> {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) fail(attr, 'Expected an object');
  return arg as Record<string, unknown>;
}

function find(state: NasState, id: unknown): NasShare {
  const share = state.shares.find((s) => s.id === Number(id));
  if (share === undefined) fail('ALL', `NFS share ${String(id)} does not exist`, 'ENOENT');
  return share;
}

export const sharingNfs = {
  'sharing.nfs.query': (state: NasState, args: unknown[]) =>
    applyQuery(state.shares.map((s) => renderShare(state, s)), args[0], args[1] as QueryOptions | undefined),
  'sharing.nfs.get_instance': (state: NasState, args: unknown[]) => renderShare(state, find(state, args[0])),
  'sharing.nfs.create': (state: NasState, args: unknown[]) => {
    const share = newShare(state.nextShareId);
    applyFields(share, object(args[0], 'sharingnfs_create'));
    validate(state, share, 'sharingnfs_create');
    state.nextShareId += 1;
    state.shares.push(share);
    return renderShare(state, share);
  },
  'sharing.nfs.update': (state: NasState, args: unknown[]) => {
    const share = find(state, args[0]);
    const updated = { ...share, aliases: [...share.aliases], hosts: [...share.hosts], networks: [...share.networks] };
    applyFields(updated, object(args[1], 'sharingnfs_update'));
    validate(state, updated, 'sharingnfs_update');
    Object.assign(share, updated);
    return renderShare(state, share);
  },
  'sharing.nfs.delete': (state: NasState, args: unknown[]) => {
    const share = find(state, args[0]);
    state.shares = state.shares.filter((s) => s !== share);
    return true;
  },
};
