import type { SetupPlanInput, setupMethods } from '../../../shared/ipc/setup.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { JobRegistry } from '../jobs/job-registry.ts';
import { readPicked } from './picked-file.ts';
import type { SetupRequest } from './request.ts';
import type { SetupService } from './setup-service.ts';

export function toRequest(input: SetupPlanInput): SetupRequest {
  const { ghettovcbPath, ghettovcbFile, hostId, nasId, ...rest } = input;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Omit<SetupRequest, 'hostId' | 'nasId' | 'ghettovcb'>;
  const picked = ghettovcbFile !== undefined ? { name: ghettovcbFile.name, bytes: Buffer.from(ghettovcbFile.base64, 'base64') } : ghettovcbPath !== undefined ? readPicked(ghettovcbPath) : undefined;
  return { hostId, nasId, ...given, ...(picked !== undefined ? { ghettovcb: picked } : {}) };
}

export function setupHandlers(deps: { setup: SetupService; jobs: JobRegistry }): HandlerMap<typeof setupMethods> {
  const { setup, jobs } = deps;
  return {
    'setup.plan': (input) => jobs.start({ kind: 'setup.plan', title: 'setup.plan', run: async (ctx) => (await setup.plan(toRequest(input), ctx.signal)).view }),
    'setup.apply': ({ planId, reason }) => setup.start(planId, reason),
    'setup.remove': ({ hostId, nasId }) => jobs.start({ kind: 'setup.remove', title: 'setup.remove', run: async (ctx) => ({ plan: await setup.planRemoval(hostId, nasId, ctx.signal) }) }),
    'setup.dryRun': ({ hostId, nasId }) => jobs.start({ kind: 'setup.dryRun', title: 'setup.dryRun', run: (ctx) => setup.dryRun(hostId, nasId, ctx.signal) }),
  };
}
