import type { methods } from '../../../shared/ipc/contract.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import type { FleetService } from './fleet-service.ts';

type FleetMethods = Pick<typeof methods, 'fleet.view' | 'fleet.addHost' | 'fleet.refresh' | 'fleet.removeHost'>;

/** The fleet's calls: the view is a read, adding and refreshing are jobs (progress, cancel). */
export function fleetHandlers(deps: { fleet: FleetService; jobs: JobRegistry }): HandlerMap<FleetMethods> {
  const { fleet, jobs } = deps;
  return {
    'fleet.view': () => fleet.view(),
    // A job's title names what it works on (the UI words the rest from its kind): the machine's name, else its address.
    'fleet.addHost': (input) =>
      jobs.start({
        kind: input.host.role === 'nas' ? 'fleet.addNas' : 'fleet.addEsxi',
        title: input.host.name?.trim() || input.host.address,
        run: (ctx) => fleet.addHost(input, ctx),
      }),
    'fleet.refresh': ({ hostIds }) => {
      // Unknown ids are refused now, not inside the job.
      const names = (hostIds ?? []).map((id) => fleet.hosts.get(id).name);
      return jobs.start({ kind: hostIds ? 'fleet.refreshSome' : 'fleet.refresh', title: names.join(', '), run: (ctx) => fleet.refresh(hostIds, ctx) });
    },
    'fleet.removeHost': async ({ hostId }) => {
      await fleet.removeHost(hostId);
      return {};
    },
  };
}
