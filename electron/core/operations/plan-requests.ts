import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { NewHost } from '../../../shared/ipc/fleet.ts';
import type { PlanRequest } from '../../../shared/ipc/operations.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { HostTrust } from '../trust/host-trust.ts';
import { planHostAdd, planHostRemove } from './plans/hosts.ts';
import { planTrustForget } from './plans/trust.ts';

export interface PlanFacts {
  fleet: FleetService;
  trust: HostTrust;
  now?: () => number;
}

/**
 * A request from the UI or a legacy call turned into a plan, from what Custode knows now. Secrets the request
 * carried (a password typed in the add form) come back beside the plan, never in it.
 */
export function planFor(request: PlanRequest & { kind: string }, facts: PlanFacts): { plan: OperationPlan; secrets: Record<string, string> } {
  const now = (facts.now ?? Date.now)();
  const id = randomUUID();
  switch (request.kind) {
    case 'host.add': {
      const host = NewHost.parse(request.host);
      const existing = facts.fleet.hosts.findByAddress(host.address, host.port);
      if (existing) throw new AppError('fleet.hostExists', `${host.address}:${host.port} is already in the fleet as ${existing.name}`, { address: host.address, port: host.port, name: existing.name });
      const plan = planHostAdd(host, { remember: request.remember === true }, id, now);
      const secrets: Record<string, string> = {};
      if (request.password) secrets.password = request.password;
      if (request.keyPassphrase) secrets.keyPassphrase = request.keyPassphrase;
      return { plan, secrets };
    }
    case 'host.remove':
      return { plan: planHostRemove(facts.fleet.hosts.get(request.hostId), id, now), secrets: {} };
    case 'trust.forget': {
      const port = request.port ?? 22;
      return { plan: planTrustForget(request.host.trim().toLowerCase(), port, facts.trust.pins(request.host, port), id, now), secrets: {} };
    }
    default:
      throw new AppError('operations.unknownKind', `No plan can be made for ${String((request as { kind: unknown }).kind)}`);
  }
}
