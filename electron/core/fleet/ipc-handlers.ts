import type { methods } from '../../../shared/ipc/contract.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import { throwUnlessSucceeded, type OperationService } from '../operations/operation-service.ts';
import { planFor, type PlanFacts } from '../operations/plan-requests.ts';
import type { FleetService } from './fleet-service.ts';

type FleetMethods = Pick<typeof methods, 'fleet.view' | 'fleet.addHost' | 'fleet.refresh' | 'fleet.removeHost'>;

/**
 * The fleet's calls: the view is a read, refreshing is a job (progress, cancel). Adding and removing a machine
 * are changes, so they run as audited operations (with the reason the caller gave).
 */
export function fleetHandlers(deps: { fleet: FleetService; jobs: JobRegistry; operations: OperationService } & PlanFacts): HandlerMap<FleetMethods> {
  const { fleet, jobs, operations } = deps;
  return {
    // The password flag comes from the secret store in use, not from what was saved when the host was added.
    'fleet.view': async () => fleet.view(await fleet.rememberedHosts()),
    // A job's title names what it works on (the UI words the rest from its kind): the machine's name, else its address.
    'fleet.addHost': ({ reason, ...input }) =>
      jobs.start({
        kind: input.host.role === 'nas' ? 'fleet.addNas' : 'fleet.addEsxi',
        title: input.host.name?.trim() || input.host.address,
        run: async (ctx) => {
          const { plan, secrets } = planFor({ kind: 'host.add', ...input }, deps);
          throwUnlessSucceeded(await operations.runNow(plan, reason ?? null, ctx, secrets));
          return fleet.hosts.findByAddress(input.host.address, input.host.port ?? 22);
        },
      }),
    'fleet.refresh': ({ hostIds }) => {
      // Unknown ids are refused now, not inside the job.
      const names = (hostIds ?? []).map((id) => fleet.hosts.get(id).name);
      return jobs.start({ kind: hostIds ? 'fleet.refreshSome' : 'fleet.refresh', title: names.join(', '), run: (ctx) => fleet.refresh(hostIds, ctx) });
    },
    'fleet.removeHost': async ({ hostId, reason }, ctx) => {
      const { plan } = planFor({ kind: 'host.remove', hostId }, deps);
      throwUnlessSucceeded(await operations.runNow(plan, reason, ctx));
      return {};
    },
  };
}
