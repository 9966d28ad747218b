import type { NfsServiceConfig, NfsShare } from '../../../shared/model/nas.ts';
import type { NasDialect } from './release.ts';

/**
 * What a share means for an ESXi host (A2.6, B3, B8). ESXi with NFS 3 or AUTH_SYS NFS 4.1 writes as root, so root
 * must not be squashed: SCALE renders `no_root_squash` only when maproot is root:root; CORE needs maproot_user
 * root (group wheel). mapall to another user squashes everyone, root included. With Kerberos-only security
 * maproot does not apply.
 */
export interface RootSquash {
  squashed: boolean;
  reason: 'mapall' | 'noMaproot' | 'maprootUser' | 'maprootGroup' | null;
  /** Only Kerberos flavours: files are written as the Kerberos principal, root mapping is moot. */
  kerberosOnly: boolean;
}

export function rootSquash(share: NfsShare, dialect: Pick<NasDialect, 'rootGroup'>): RootSquash {
  const kerberosOnly = share.security.length > 0 && !share.security.includes('SYS');
  if (kerberosOnly) return { squashed: false, reason: null, kerberosOnly };
  if (share.mapallUser !== null) {
    return share.mapallUser === 'root' ? { squashed: false, reason: null, kerberosOnly } : { squashed: true, reason: 'mapall', kerberosOnly };
  }
  if (share.maprootUser === null) return { squashed: true, reason: 'noMaproot', kerberosOnly };
  if (share.maprootUser !== 'root') return { squashed: true, reason: 'maprootUser', kerberosOnly };
  if (dialect.rootGroup === 'root' && share.maprootGroup !== 'root') return { squashed: true, reason: 'maprootGroup', kerberosOnly };
  return { squashed: false, reason: null, kerberosOnly };
}

export function nfsV4Enabled(config: NfsServiceConfig): boolean {
  return config.v4Enabled;
}

/** ESXi's `Security` column (AUTH_SYS, SEC_KRB5, SEC_KRB5I) against the share's flavours (empty = service default). */
export function securityCompatible(share: NfsShare, esxiSecurity: string | null, config: NfsServiceConfig | null): boolean {
  const wanted = esxiSecurity === null || esxiSecurity === 'AUTH_SYS' ? 'SYS' : esxiSecurity.replace(/^SEC_/, '');
  const offered = share.security.length > 0 ? share.security : config?.v4Kerberos ? ['KRB5', 'KRB5I', 'KRB5P'] : ['SYS'];
  return offered.includes(wanted);
}

function normalisePath(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export interface ShareMatch {
  share: NfsShare;
  /** The exported path the mount falls under. */
  path: string;
  /** What the host mounted below that path ('' when it mounted the export itself). */
  subPath: string;
}

/** The share exporting `remotePath`: the exact path, else the longest exported parent. */
export function findShare(shares: readonly NfsShare[], remotePath: string): ShareMatch | null {
  const wanted = normalisePath(remotePath);
  let best: ShareMatch | null = null;
  for (const share of shares) {
    for (const p of share.paths.map(normalisePath)) {
      if (p === wanted) return { share, path: p, subPath: '' };
      if (wanted.startsWith(p + '/') && (best === null || p.length > best.path.length)) best = { share, path: p, subPath: wanted.slice(p.length + 1) };
    }
  }
  return best;
}
