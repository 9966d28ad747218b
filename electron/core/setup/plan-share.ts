import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep } from '../../../shared/model/operation.ts';
import { midcltAction, step, words } from '../operations/plan-steps.ts';
import { sameIp } from '../nas/address-match.ts';
import { dialectOf } from '../nas/release.ts';
import { rootSquash } from '../nas/share-checks.ts';
import { page, type PagePlan, type PlanContext } from './plan-context.ts';

/**
 * The NAS share (page b): the dataset `ESXI_<ip>` under the site's backups dataset, one NFS export of it to that
 * host's address only with root mapped to root, NFSv4 on in the NAS's NFS service, and on request a periodic
 * snapshot task with a lifetime. A share that exists but differs, or the host's address already in another
 * share's export, is refused: nothing else on the NAS is changed.
 */
export const SNAPSHOT_NAMING = 'custode-%Y-%m-%d_%H-%M';

/** The site's backups dataset: the one asked for, else the parent the NAS's `ESXI_…` shares have in common. */
export function backupsDataset(ctx: Pick<PlanContext, 'state'>, asked: string | undefined): string {
  const { nasFacts } = ctx.state;
  const names = new Set(nasFacts.datasets.map((d) => d.name));
  if (asked !== undefined) {
    if (!names.has(asked)) throw new AppError('setup.noBackupsDataset', `The NAS has no dataset ${asked}; create it on the NAS or name an existing one with --dataset`, { dataset: asked });
    return asked;
  }
  const parents = new Set(
    nasFacts.shares!.flatMap((s) => s.paths).flatMap((p) => {
      const m = /^\/mnt\/(.+)\/ESXI_[^/]+$/.exec(p);
      return m && names.has(m[1]!) ? [m[1]!] : [];
    }),
  );
  if (parents.size !== 1) {
    throw new AppError('setup.noBackupsDataset', parents.size === 0 ? 'The NAS has no backups dataset with ESXI_… datasets shared to hosts; name one with --dataset POOL/NAME' : `The NAS has several backups datasets (${[...parents].join(', ')}); name one with --dataset`, { dataset: parents.size === 0 ? `ESXI_${ctx.state.ip}` : [...parents].join(', ') });
  }
  return [...parents][0]!;
}

export function planShare(ctx: PlanContext): PagePlan {
  const { state, dataset, sharePath, nas } = ctx;
  const { nasFacts, ip } = state;
  const dialect = dialectOf(nasFacts.system!.release);
  const steps: PlanStep[] = [];
  const notes = [words('setup.share.authSys')];
  if (!nasFacts.datasets.some((d) => d.name === dataset)) {
    steps.push(
      step({
        id: 'dataset',
        target: nas,
        words: words('setup.step.dataset', { dataset }),
        actions: [midcltAction('pool.dataset.create', { name: dataset, type: 'FILESYSTEM', comments: `ghettoVCB copies of ESXi ${ip} (Custode)` })],
        undo: null,
      }),
    );
  }
  const shares = nasFacts.shares!;
  const mine = shares.filter((s) => s.paths.includes(sharePath));
  const elsewhere = shares.find((s) => !s.paths.includes(sharePath) && s.hosts.some((h) => h === ip || sameIp(h, ip)));
  if (elsewhere) {
    throw new AppError('setup.addressInOtherShare', `${ip} is already in the export of ${elsewhere.paths.join(', ')}; a host writes to one share: remove it there or set up that share's host`, { ip, share: elsewhere.paths.join(', ') });
  }
  if (mine.length > 0) {
    const s = mine[0]!;
    const right = s.enabled && !s.readOnly && s.networks.length === 0 && s.hosts.length === 1 && sameIp(s.hosts[0]!, ip) && !rootSquash(s, dialect).squashed;
    if (!right) {
      throw new AppError('setup.shareDiffers', `The export of ${sharePath} is not "only ${ip}, read-write, root as root" (hosts ${s.hosts.join(', ') || 'any'}, networks ${s.networks.join(', ') || 'none'}); Custode does not change an existing share: fix it on the NAS`, { share: sharePath, ip });
    }
  } else {
    const path = dialect.sharePathList ? { paths: [sharePath] } : { path: sharePath };
    steps.push(
      step({
        id: 'share',
        target: nas,
        words: words('setup.step.share', { path: sharePath, ip }),
        actions: [midcltAction('sharing.nfs.create', { ...path, comment: `ghettoVCB ${state.host.name} (Custode)`, hosts: [ip], maproot_user: 'root', maproot_group: dialect.rootGroup })],
        undo: null,
      }),
    );
  }
  if (ctx.nfsVersion === 'nfs41' && !nasFacts.nfs!.v4Enabled) {
    const change = dialect.nfsProtocolList ? { protocols: [...(nasFacts.nfs!.v3Enabled ? ['NFSV3'] : []), 'NFSV4'] } : { v4: true };
    steps.push(step({ id: 'nfs-v4', target: nas, words: words('setup.step.nfsV4'), actions: [midcltAction('nfs.update', change)], undo: null }));
  }
  if (ctx.snapshots !== null && !(nasFacts.snapshotTasks ?? []).some((t) => t.dataset === dataset)) {
    const hour = String((ctx.time.hour + 6) % 24);
    steps.push(
      step({
        id: 'snapshot-task',
        target: nas,
        words: words('setup.step.snapshotTask', { dataset, value: ctx.snapshots.value, unit: ctx.snapshots.unit }),
        actions: [
          midcltAction('pool.snapshottask.create', {
            dataset,
            recursive: false,
            exclude: [],
            lifetime_value: ctx.snapshots.value,
            lifetime_unit: ctx.snapshots.unit,
            naming_schema: SNAPSHOT_NAMING,
            allow_empty: false,
            enabled: true,
            schedule: { minute: '0', hour, dom: '*', month: '*', dow: '*' },
          }),
        ],
        undo: null,
      }),
    );
  }
  const found = mine.length > 0 ? words('setup.share.found', { path: sharePath, ip }) : words('setup.share.none', { path: sharePath });
  return page('share', found, steps, notes);
}
