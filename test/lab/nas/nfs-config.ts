// nfs.config / nfs.update per release (reference B3): `v4` boolean up to 22.12, `protocols` from 23.10, `servers`
// nullable from 24.04, `udp` gone in 24.04, `v4_v3owner` gone and `rdma` added in 25.04.
import { Verrors } from './errors.ts';
import type { NasState } from './state.ts';
import { nasTraits } from './versions.ts';

export function renderNfsConfig(state: NasState): Record<string, unknown> {
  const t = nasTraits(state.version);
  const c = state.nfs;
  const out: Record<string, unknown> = { id: 1, servers: t.nfsServersAuto ? c.servers : (c.servers ?? 4) };
  if (t.nfsUdp) out['udp'] = c.udp;
  out['allow_nonroot'] = c.allow_nonroot;
  if (t.nfsProtocols) out['protocols'] = [...(c.v3 ? ['NFSV3'] : []), ...(c.v4 ? ['NFSV4'] : [])];
  else out['v4'] = c.v4;
  if (t.nfsV3Owner) out['v4_v3owner'] = c.v4_v3owner;
  out['v4_krb'] = c.v4_krb;
  out['v4_domain'] = c.v4_domain;
  out['bindip'] = c.bindip;
  out['mountd_port'] = c.mountd_port;
  out['rpcstatd_port'] = c.rpcstatd_port;
  out['rpclockd_port'] = c.rpclockd_port;
  out['mountd_log'] = c.mountd_log;
  out['statd_lockd_log'] = c.statd_lockd_log;
  out['userd_manage_gids'] = c.userd_manage_gids;
  if (t.nfsRdma) out['rdma'] = c.rdma;
  out['v4_krb_enabled'] = c.v4_krb;
  if (t.nfsOwnerMajor) out['v4_owner_major'] = '';
  else {
    out['keytab_has_nfs_spn'] = false;
    out['managed_nfsd'] = c.servers === null;
  }
  return out;
}

export function updateNfsConfig(state: NasState, input: Record<string, unknown>): Record<string, unknown> {
  const t = nasTraits(state.version);
  const v = new Verrors();
  const next = { ...state.nfs };
  if (t.nfsProtocols && 'protocols' in input) {
    const protocols = Array.isArray(input['protocols']) ? input['protocols'].map(String) : [];
    if (protocols.length === 0) v.add('nfs_update.protocols', 'Must specify at least one value ("NFSV3", "NFSV4") in the "protocols" list.');
    next.v3 = protocols.includes('NFSV3');
    next.v4 = protocols.includes('NFSV4');
  }
  if (!t.nfsProtocols && typeof input['v4'] === 'boolean') next.v4 = input['v4'];
  for (const key of ['allow_nonroot', 'v4_v3owner', 'v4_krb', 'mountd_log', 'statd_lockd_log', 'userd_manage_gids', 'udp', 'rdma'] as const) {
    if (typeof input[key] === 'boolean') next[key] = input[key];
  }
  if ('servers' in input) next.servers = input['servers'] === null ? null : Number(input['servers']);
  if (typeof input['v4_domain'] === 'string') next.v4_domain = input['v4_domain'];
  if (Array.isArray(input['bindip'])) next.bindip = input['bindip'].map(String);
  for (const key of ['mountd_port', 'rpcstatd_port', 'rpclockd_port'] as const) {
    if (key in input) next[key] = input[key] === null ? null : Number(input[key]);
  }
  if (next.v4_domain !== '' && !next.v4) v.add('nfs_update.v4_domain', 'This option does not apply to NFSv3');
  v.check();
  state.nfs = next;
  return renderNfsConfig(state);
}
