import type { Dataset, Nas, NfsServiceConfig, NfsShare, SnapshotTask } from '../../../shared/model/nas.ts';
import { datasetQueryCommand, DATASET_PROPERTIES, parseDatasets } from '../nas/datasets.ts';
import { nfsConfigCommand, parseNfsConfig } from '../nas/nfs-config.ts';
import { nfsSharesCommand, parseNfsShares } from '../nas/nfs-shares.ts';
import { dialectOf, parseSystemInfo, systemInfoCommand } from '../nas/release.ts';
import { parseSnapshotTasks, snapshotTasksCommand } from '../nas/snapshot-tasks.ts';
import { isConnectionFailure, stdoutOf, stepError, type ProbeShell, type StepError } from './probe-shell.ts';

/**
 * The read-only probe of the TrueNAS (`midclt call …` over SSH): release, NFS service, shares, the datasets behind
 * them with used and free space, and the periodic snapshot tasks. Stored as JSON like the ESXi facts.
 */
export const NAS_FACTS_SCHEMA = 1;

export interface NasFacts {
  schema: typeof NAS_FACTS_SCHEMA;
  system: Nas | null;
  nfs: NfsServiceConfig | null;
  shares: NfsShare[] | null;
  datasets: Dataset[];
  snapshotTasks: SnapshotTask[] | null;
  errors: StepError[];
}

export async function probeNas(shell: ProbeShell, address: string, signal: AbortSignal): Promise<NasFacts> {
  const errors: StepError[] = [];
  const step = async <T>(name: string, work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (signal.aborted || isConnectionFailure(error)) throw error;
      errors.push(stepError(name, error));
      return fallback;
    }
  };
  const call = async (name: string, command: Parameters<ProbeShell['run']>[0]): Promise<string> => stdoutOf(await shell.run(command), name);
  const system = await step('system.info', async () => parseSystemInfo(await call('system.info', systemInfoCommand()), address), null);
  const dialect = system === null ? null : dialectOf(system.release);
  const [nfs, shares, datasets, snapshotTasks] = await Promise.all([
    step('nfs.config', async () => parseNfsConfig(await call('nfs.config', nfsConfigCommand())), null),
    step('sharing.nfs.query', async () => parseNfsShares(await call('sharing.nfs.query', nfsSharesCommand())), null),
    step(
      'pool.dataset.query',
      async () => parseDatasets(await call('pool.dataset.query', datasetQueryCommand(dialect?.datasetPropertiesExtra ? { properties: DATASET_PROPERTIES } : {}))),
      [] as Dataset[],
    ),
    step('pool.snapshottask.query', async () => parseSnapshotTasks(await call('pool.snapshottask.query', snapshotTasksCommand())), null),
  ]);
  return { schema: NAS_FACTS_SCHEMA, system, nfs, shares, datasets, snapshotTasks, errors };
}
