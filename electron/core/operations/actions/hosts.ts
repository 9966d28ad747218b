import { HostEntry, NewHost } from '../../../../shared/ipc/fleet.ts';
import type { FleetService } from '../../fleet/fleet-service.ts';
import { holds, type LocalAction } from '../local-actions.ts';

const endpoint = (params: Record<string, unknown>) => ({ address: String(params.address), port: Number(params.port) });

/** The fleet's changes to Custode itself (its list of machines), as actions a plan can call. */
export function hostActions(fleet: FleetService): Record<string, LocalAction> {
  return {
    'fleet.hostPresent': (p) => holds(fleet.hosts.findByAddress(endpoint(p).address, endpoint(p).port) !== null),
    'fleet.hostAbsent': (p) => holds(fleet.hosts.findByAddress(endpoint(p).address, endpoint(p).port) === null),
    'fleet.addHost': async (p, ctx) => {
      const entry = await fleet.addHost(
        { host: NewHost.parse(p.host), password: ctx.secrets.password, keyPassphrase: ctx.secrets.keyPassphrase, remember: p.remember === true },
        { signal: ctx.signal },
      );
      return { exitCode: 0, output: `added ${entry.name} as ${entry.id}` };
    },
    'fleet.removeHost': async (p) => {
      await fleet.removeHost(String(p.hostId));
      return { exitCode: 0, output: `removed ${String(p.hostId)}` };
    },
    'fleet.removeHostAt': async (p) => {
      const { address, port } = endpoint(p);
      const host = fleet.hosts.findByAddress(address, port);
      if (!host) return { exitCode: 1, output: `${address}:${port} is not in the fleet` };
      await fleet.removeHost(host.id);
      return { exitCode: 0, output: `removed ${host.name} (${host.id})` };
    },
    'fleet.restoreHost': (p) => {
      const entry = HostEntry.omit({ hasSecret: true }).parse(p.host);
      fleet.hosts.add({ role: entry.role, name: entry.name, address: entry.address, port: entry.port, username: entry.username, auth: entry.auth, keyPath: entry.keyPath ?? undefined, group: entry.group ?? undefined }, entry.createdAt, entry.id);
      fleet.registerAll();
      return { exitCode: 0, output: `restored ${entry.name} as ${entry.id}` };
    },
  };
}
