import type { methods } from '../../../shared/ipc/contract.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { FleetService } from './fleet-service.ts';

type FleetMethods = Pick<typeof methods, 'fleet.view' | 'fleet.addHost' | 'fleet.refresh' | 'fleet.removeHost'>;

/** The fleet's calls: the view is a read, adding and refreshing are jobs (progress, cancel). */
export function fleetHandlers(deps: { fleet: FleetService; jobs: JobRegistry }): HandlerMap<FleetMethods> {
  const { fleet, jobs } = deps;
  return {
    // The password flag comes from the secret store in use, not from what was saved when the host was added.
    'fleet.view': async () => fleet.view(await fleet.rememberedHosts()),
    'fleet.addHost': (input) =>
      jobs.start({ kind: 'fleet.addHost', title: `fleet.addHost:${input.host.address}`, run: (ctx) => fleet.addHost(input, ctx) }),
    'fleet.refresh': ({ hostIds }) => {
      // Unknown ids are refused now, not inside the job.
      for (const id of hostIds ?? []) fleet.hosts.get(id);
      return jobs.start({ kind: 'fleet.refresh', title: 'fleet.refresh', run: (ctx) => fleet.refresh(hostIds, ctx) });
    },
    'fleet.removeHost': async ({ hostId }) => {
      await fleet.removeHost(hostId);
      return {};
    },
  };
}
