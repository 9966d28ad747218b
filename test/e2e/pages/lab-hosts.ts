import type { Page } from '@playwright/test';
import type { Lab } from '../../lab/api.ts';
import { FleetPage, type HostToAdd } from './fleet-page.ts';

/** A lab machine as the add dialog wants it. */
function labHostToAdd(lab: Lab, role: 'esxi' | 'nas', name: string): HostToAdd {
  const h = lab.hosts.find((x) => x.name === name)!;
  return { role, name: h.name, address: h.address, port: h.port, username: h.username, password: h.password };
}

/** Adds a lab machine through the Fleet page as a person would: the form, the host key trusted, the result. */
export async function addLabHostThroughUi(page: Page, lab: Lab, role: 'esxi' | 'nas', name: string): Promise<void> {
  const host = labHostToAdd(lab, role, name);
  const fleet = new FleetPage(page, 'en');
  await fleet.fillAdd(host);
  await fleet.submitAdd();
  await fleet.trustKey();
  await fleet.finishAdd(host);
}

/** The NAS and then one ESXi host of a lab, added through the UI (the NAS first: pre-flight weighs its free space). */
export async function addNasAndHost(page: Page, lab: Lab, esxi: string): Promise<void> {
  await addLabHostThroughUi(page, lab, 'nas', lab.hosts.find((h) => h.role === 'nas')!.name);
  await addLabHostThroughUi(page, lab, 'esxi', esxi);
}
