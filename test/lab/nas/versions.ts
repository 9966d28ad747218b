// TrueNAS releases the simulated NAS can be, and the API differences that matter for Custode (reference B2–B5).
import { AppError } from '../../../shared/errors/app-error.ts';

export const NAS_VERSIONS = ['13.0', '13.3', '22.12', '23.10', '24.04', '24.10', '25.04', '25.10'] as const;
export type NasVersion = (typeof NAS_VERSIONS)[number];
export const DEFAULT_NAS_VERSION: NasVersion = '24.10';

const RELEASE: Record<NasVersion, string> = {
  '13.0': 'TrueNAS-13.0-U6.2',
  '13.3': 'TrueNAS-13.3-U1.1',
  '22.12': 'TrueNAS-SCALE-22.12.4.2',
  '23.10': 'TrueNAS-SCALE-23.10.2',
  '24.04': 'TrueNAS-SCALE-24.04.2.5',
  '24.10': 'TrueNAS-SCALE-24.10.2.2',
  '25.04': 'TrueNAS-25.04.2.4',
  '25.10': 'TrueNAS-25.10.0',
};

export function parseNasVersion(text: string): NasVersion {
  const v = text.replace(/^(TrueNAS-)?(SCALE-|CORE-)?/i, '');
  const found = NAS_VERSIONS.find((x) => v === x || v.startsWith(x + '.') || v.startsWith(x + '-'));
  if (found === undefined) {
    throw new AppError('lab.nasVersionUnknown', `Unknown TrueNAS version ${text}; one of ${NAS_VERSIONS.join(', ')}`, { version: text });
  }
  return found;
}

function atLeast(v: NasVersion, min: NasVersion): boolean {
  return NAS_VERSIONS.indexOf(v) >= NAS_VERSIONS.indexOf(min);
}

export function nasTraits(v: NasVersion) {
  const core = v === '13.0' || v === '13.3';
  return {
    release: RELEASE[v],
    core,
    /** CORE shares take `paths` (list) + `alldirs`; SCALE a single `path` + `aliases`. */
    sharePathList: core,
    shareQuiet: core || v === '22.12',
    shareAliases: !core,
    shareExposeSnapshots: atLeast(v, '25.04'),
    /** NFSv4 switch: `v4` boolean up to 22.12, `protocols` list from 23.10. */
    nfsProtocols: atLeast(v, '23.10'),
    nfsUdp: !atLeast(v, '24.04'),
    nfsServersAuto: atLeast(v, '24.04'),
    nfsV3Owner: !atLeast(v, '25.04'),
    nfsRdma: atLeast(v, '25.04'),
    nfsOwnerMajor: core || v === '22.12',
    sourceInfo: atLeast(v, '24.10'),
    /** Ad-hoc snapshots: zfs.snapshot.* until 25.04, pool.snapshot.* from 25.10. */
    snapshotNamespace: atLeast(v, '25.10') ? 'pool.snapshot' : 'zfs.snapshot',
    rootGroup: core ? 'wheel' : 'root',
  };
}

export type NasTraits = ReturnType<typeof nasTraits>;
