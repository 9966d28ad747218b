// The "moved or copied" question and the Tools' start of a restored VM.
//
// Rule (as ESXi decides it): every .vmx the lab provisions carries `uuid.location`, a stamp of the host and the path
// the VM was created at. On power.on, a .vmx whose `uuid.location` is there and differs from the stamp of where it is
// registered now (another host, another datastore or folder: a copy restored from a backup) raises the question
// msg.uuid.altered, and power.on waits until someone answers it with `vim-cmd vmsvc/message <vmid> <id> <choice>`.
// "I Copied It" gives the VM a new uuid.bios and new generated MAC addresses; "I Moved It" keeps them; both stamp the
// new location, so the next power.on does not ask again; Cancel fails the power-on. A .vmx without `uuid.location`
// (one written by hand) is taken as new and never asks.
//
// Tools: a VM registered through solo/registervm has its guest's Tools start LAB_TOOLS_DELAY_MS (default 2000 ms)
// after each power.on, when its .vmx does not say `guestinfo.lab.tools = "FALSE"` (what provisioning writes for a spec
// without Tools). VMs the lab provisions keep their Tools running at once, as before.
//
// Output shapes (esxi-truenas.md has none): VMware's KB text on answering a question from the command line, as
// quoted in public notes, shows `Virtual machine message 12:` then `msg.uuid.altered:<text>` and the choices as
// `   0. Cancel (Cancel)`, `1. I _moved it (I _moved it)`, `2. I _copied it (I _copied it) [default]`, answered
// `vim-cmd vmsvc/message 80 12 2`; message ids may also read `_vmx1`. Scripts that answer it test for
// `This virtual machine might have been moved or copied.` (newer wording) and for `No message.` when there is none.
// Not verified on a real host: the exact wording of the lines between, the label case of newer releases, and what the
// answer and a Cancel print (the lab: nothing, and `Power on failed`).
import { readFileSync, writeFileSync } from 'node:fs';
import { labEnv, out } from '../sim/io.ts';
import { hostPath } from './paths.ts';
import { findVm, updateHostState, type HostState, type VmRecord } from './state.ts';
import { generatedMac, locationStamp, vmxUuid } from './vm-location.ts';
import { vmxEsxiPath } from './vm.ts';
import { formatVmx, parseVmx, vmxGet, vmxSet, type Vmx } from './vmx.ts';

export const QUESTION_KEY = 'msg.uuid.altered';
const CHOICES = ['Cancel', 'I _Moved It', 'I _Copied It'] as const;
const DEFAULT_CHOICE = 2;
const CANCEL = 0;
const COPIED = 2;

const vmxFile = (root: string, vm: VmRecord): string => hostPath(root, vmxEsxiPath(vm));
const readVmxOf = (root: string, vm: VmRecord): Vmx => parseVmx(readFileSync(vmxFile(root, vm), 'utf8'));

/** Whether powering this VM on must first ask whether it was moved or copied. */
export function needsQuestion(root: string, state: HostState, vm: VmRecord): boolean {
  const stamp = vmxGet(readVmxOf(root, vm), 'uuid.location');
  return stamp !== undefined && stamp !== locationStamp(state, vm.datastore, vm.relPath);
}

/** `vim-cmd vmsvc/message <vmid>`. */
export function formatMessages(vm: VmRecord): string {
  if (vm.question === undefined || vm.question.answer !== null) return 'No message.\n';
  const lines = [
    `Virtual machine message ${vm.question.id}:`,
    `${QUESTION_KEY}:This virtual machine might have been moved or copied.`,
    'In order to configure certain management and networking features, VMware ESX needs to know if this virtual machine was moved or copied.',
    '',
    'If you don\'t know, answer "I Copied It".',
    ...CHOICES.map((c, i) => `   ${i}. ${c} (${c})${i === DEFAULT_CHOICE ? ' [default]' : ''}`),
  ];
  return lines.join('\n') + '\n';
}

/** `vim-cmd vmsvc/message <vmid> <id> <choice>`: null when taken, else what is wrong. */
export function answerQuestion(state: HostState, vmid: string, id: string, choice: string): string | null {
  const vm = findVm(state, vmid)!;
  if (vm.question === undefined || vm.question.answer !== null || vm.question.id !== id) return `No question ${id} is pending for this virtual machine.\n`;
  if (!/^\d+$/.test(choice) || Number(choice) >= CHOICES.length) return `Invalid choice ${choice}.\n`;
  vm.question.answer = Number(choice);
  return null;
}

/** The answer applied to the .vmx: "copied" makes the VM a new one, both stamp where it is now. */
function applyAnswer(root: string, state: HostState, vm: VmRecord, answer: number): void {
  const vmx = readVmxOf(root, vm);
  if (answer === COPIED) {
    const seed = `${Date.now()}/${Math.random()}`;
    vmxSet(vmx, 'uuid.bios', vmxUuid(`bios/${seed}`));
    for (const [k, v] of [...vmx]) {
      const m = /^(ethernet\d+)\.addressType$/i.exec(k);
      if (m !== null && v.toLowerCase() === 'generated') vmxSet(vmx, `${m[1]}.generatedAddress`, generatedMac(`${m[1]}/${seed}`));
    }
  }
  vmxSet(vmx, 'uuid.location', locationStamp(state, vm.datastore, vm.relPath));
  writeFileSync(vmxFile(root, vm), formatVmx(vmx));
}

export function toolsDelayMs(): number {
  const v = Number(labEnv('LAB_TOOLS_DELAY_MS') ?? '');
  return Number.isFinite(v) && v >= 0 && labEnv('LAB_TOOLS_DELAY_MS') !== undefined ? v : 2000;
}

/** The VM is on now: its Tools start later when it was registered from files. */
export function poweredOn(vm: VmRecord): void {
  vm.power = 'on';
  if (vm.registered === true) vm.toolsFrom = Date.now() + toolsDelayMs();
  else delete vm.toolsFrom;
}

export const toolsRunning = (vm: VmRecord): boolean => vm.power === 'on' && vm.tools && (vm.toolsFrom === undefined || Date.now() >= vm.toolsFrom);

/** Tools as registervm takes them from the .vmx. */
export const toolsFromVmx = (vmx: Vmx): boolean => (vmxGet(vmx, 'guestinfo.lab.tools') ?? '').toUpperCase() !== 'FALSE';

/** power.on of a VM whose question is pending: sets it, then each poll says whether the answer came (exit code). */
export function askThenPowerOn(root: string, vmid: string): () => number | null {
  updateHostState(root, (s) => {
    const vm = findVm(s, vmid)!;
    // A question nobody answered yet (its power.on gave up waiting) is the one asked again.
    if (vm.question?.answer === null) return;
    s.nextMessageId = (s.nextMessageId ?? 0) + 1;
    vm.question = { id: String(s.nextMessageId), answer: null };
  });
  return () =>
    updateHostState(root, (s): number | null => {
      const vm = findVm(s, vmid);
      // Unregistered meanwhile: the power-on has nothing left to power.
      if (vm === undefined) return 1;
      const answer = vm.question?.answer ?? null;
      if (answer === null) return null;
      delete vm.question;
      if (answer === CANCEL) {
        out('Power on failed\n');
        return 1;
      }
      applyAnswer(root, s, vm, answer);
      poweredOn(vm);
      return 0;
    });
}
