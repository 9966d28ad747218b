import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/ipc/bridge.ts';
import { createClient, installClient } from '../../../renderer/app/client.ts';
import { createFleetService } from '../../../renderer/stores/fleet/service.ts';

/** A bridge whose core ends the add job at once: its job:done event arrives before the call's answer. */
function hastyCore(): { bridge: Bridge; calls: { name: string; input: unknown }[] } {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const calls: { name: string; input: unknown }[] = [];
  const bridge: Bridge = {
    async invoke(name, input) {
      calls.push({ name, input });
      if (name === 'fleet.addHost') {
        emit('job:done', { jobId: 'job-7', state: 'failed', error: { code: 'ssh.unreachable', message: 'x' } });
        return { ok: true, value: { jobId: 'job-7' } };
      }
      if (name === 'operations.plan') return { ok: true, value: { id: 'op-1', kind: 'host.remove' } };
      return { ok: false, error: { code: 'ipc.unknownMethod', message: name } };
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
  };
  return { bridge, calls };
}

describe('fleet service', () => {
  it('knows how a job ended even when it ended before its start call returned', async () => {
    const core = hastyCore();
    installClient(createClient(core.bridge));
    const service = createFleetService();
    const { jobId } = await service.addHost({ host: { role: 'esxi', address: '10.0.0.8', auth: 'agent' } });
    await expect(service.jobDone(jobId)).resolves.toMatchObject({ state: 'failed', error: { code: 'ssh.unreachable' } });
  });

  it('asks for the plan of a removal by the id the contract names (nothing is removed before its review)', async () => {
    const core = hastyCore();
    installClient(createClient(core.bridge));
    await expect(createFleetService().planRemoval('h-1')).resolves.toMatchObject({ id: 'op-1', kind: 'host.remove' });
    expect(core.calls).toEqual([{ name: 'operations.plan', input: { kind: 'host.remove', hostId: 'h-1' } }]);
  });
});
