import type { HostEntry, NasStatus } from '../../../shared/ipc/fleet.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import { datasetFindings, datasetForPath, snapshotCoverage } from '../nas/dataset-checks.ts';
import { findShare } from '../nas/share-checks.ts';
import type { EsxiFacts } from './esxi-facts.ts';
import { bySeverity } from './findings.ts';
import type { NasFacts } from './nas-probe.ts';
import type { ProbeRecord } from './probe-record.ts';

/**
 * The fleet view of the NAS: its release and NFS service, and per share the hosts it lets in, the root mapping,
 * the dataset's used and free space, whether periodic snapshots protect it, and what to fix.
 */
export function nasStatus(host: HostEntry, record: ProbeRecord<NasFacts>, hosts: readonly EsxiFacts[]): NasStatus {
  const facts = record.facts;
  const findings: Finding[] = [];
  const at = record.factsAt === null ? '' : new Date(record.factsAt).toISOString();
  if (record.state === 'unreachable') findings.push(finding('fleet.host.unreachable', 'error', { address: host.address, port: host.port, code: record.error?.code ?? '', since: at }));
  if (record.state === 'failed') findings.push(finding('fleet.host.probeFailed', 'error', { address: host.address, code: record.error?.code ?? '', since: at }));
  if (record.state === 'partial' && facts) findings.push(finding('fleet.host.probePartial', 'warning', { steps: facts.errors.map((e) => e.step).join(', ') }));
  if (facts?.nfs && !facts.nfs.v4Enabled) findings.push(finding('fleet.nas.nfs4Disabled', 'warning'));

  const mounted = new Set(hosts.flatMap((h) => h.mounts.map((m) => m.share)));
  const shares = (facts?.shares ?? []).map((share) => {
    const path = share.paths[0] ?? '';
    const dataset = datasetForPath(facts?.datasets ?? [], path);
    const tasks = facts?.snapshotTasks ?? null;
    const out: Finding[] = dataset && tasks ? datasetFindings(dataset, tasks) : [];
    if (share.hosts.length === 0 && share.networks.length === 0) out.push(finding('fleet.share.openToAll', 'warning', { share: path }));
    if (!share.enabled) out.push(finding('fleet.share.disabled', 'warning', { share: path }));
    if (hosts.length > 0 && ![...mounted].some((m) => findShare([share], m) !== null)) out.push(finding('fleet.share.unused', 'info', { share: path }));
    return {
      path,
      enabled: share.enabled,
      readOnly: share.readOnly,
      hosts: share.hosts,
      networks: share.networks,
      maproot: share.maprootUser === null ? null : `${share.maprootUser}:${share.maprootGroup ?? ''}`,
      security: share.security,
      usedBytes: dataset?.usedBytes ?? null,
      availableBytes: dataset?.availableBytes ?? null,
      snapshotTask: dataset && tasks ? snapshotCoverage(tasks, dataset.name).active.length > 0 : null,
      encrypted: dataset ? dataset.encrypted : null,
      findings: bySeverity(out),
    };
  });
  return {
    host,
    state: record.state,
    probedAt: record.factsAt,
    error: record.error,
    version: facts?.system?.release.text ?? null,
    nfsV4: facts?.nfs ? facts.nfs.v4Enabled : null,
    shares,
    findings: bySeverity(findings),
  };
}
