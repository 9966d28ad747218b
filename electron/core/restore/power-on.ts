import { AppError } from '../../../shared/errors/app-error.ts';
import { powerStateCommand, parsePowerState } from '../esxi/power-state.ts';
import { answerVmMessageCommand, parseVmMessages, UUID_ALTERED, uuidAlteredChoice, vmMessagesCommand, type VmQuestion } from '../esxi/vm-message.ts';
import { parseVmodl, vmodlGet, vmodlString } from '../esxi/vmodl.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { checkVmid } from '../esxi/vmid.ts';
import type { SshService } from '../ssh/ssh-service.ts';

/** One command on the VM's host; `SshService.run(hostId, command, { signal })` fits. */
export type RunOnHost = (command: ShellCommand, signal: AbortSignal) => Promise<{ exitCode: number | null; stdout: string; stderr: string }>;

export interface PowerOnRequest {
  vmid: number | string;
  run: RunOnHost;
  /**
   * The user said the original VM is gone: answer ESXi's question "I moved it" (same UUID and MACs). Otherwise
   * "I copied it": the restored VM gets a new UUID and new MACs, so it cannot clash with an original still running.
   */
  originalGone?: boolean;
  /** Also wait until the guest's VMware Tools run (drills); a guest without Tools ends the wait at once. */
  waitForTools?: boolean;
  /** The whole wait, power-on and Tools (default 10 minutes). */
  timeoutMs?: number;
  /** How often the host is asked (default 1 s). */
  pollMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Told as the wait moves on: ESXi took the power-on and the host is asked until it runs, then the guest's Tools. */
  onStage?(stage: 'running' | 'tools'): void;
}

export interface PowerOnTimings {
  startedAt: number;
  /** When the "moved or copied" question was seen, and how it was answered (null: ESXi asked nothing). */
  questionAt: number | null;
  answer: 'copied' | 'moved' | null;
  poweredOnAt: number;
  /** null: not waited for, or the guest has no Tools (`tools` says which). */
  toolsRunningAt: number | null;
  tools: 'running' | 'notInstalled' | 'notWaited';
  /** start → powered on, and start → Tools running: the drill's recovery time. */
  msToPoweredOn: number;
  msToTools: number | null;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 1000;
/** Errors that already say why the power-on stopped; others met while aborting become the abort's reason. */
const OWN_CODES = new Set(['job.cancelled', 'restore.power.timeout', 'restore.power.unexpectedQuestion']);

export const powerOnCommand = (vmid: number | string): ShellCommand => cmd('vim-cmd', 'vmsvc/power.on', checkVmid(vmid));
export const guestInfoCommand = (vmid: number | string): ShellCommand => cmd('vim-cmd', 'vmsvc/get.guest', checkVmid(vmid));

/** `toolsStatus` and `toolsRunningStatus` of `vim-cmd vmsvc/get.guest` (A1.4). */
export function parseGuestTools(text: string): { toolsStatus: string | null; toolsRunningStatus: string | null } {
  const doc = parseVmodl(text, 'vim-cmd vmsvc/get.guest');
  return { toolsStatus: vmodlString(vmodlGet(doc.root, 'toolsStatus')), toolsRunningStatus: vmodlString(vmodlGet(doc.root, 'toolsRunningStatus')) };
}

function stopped(signal: AbortSignal, stage: string, vmid: string): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError && reason.code === 'restore.power.timeout') return new AppError(reason.code, reason.message, { ...reason.details, stage });
  if (reason instanceof AppError) return reason;
  return new AppError('job.cancelled', `The power-on of VM ${vmid} was cancelled`, { vmid, stage });
}

/**
 * Powers a restored VM on and measures it. `vim-cmd vmsvc/power.on` blocks while ESXi asks whether the VM was moved
 * or copied, so it runs on its own channel while the questions are read beside it; the question is answered as the
 * caller decided, any other question is left for a person (error naming it). Then waits until the host says
 * "Powered on" and, when asked, until the guest's Tools run. Cancel or timeout: a question still unanswered is
 * answered Cancel, so the VM stays off and nothing waits on the host.
 */
export async function powerOnRestoredVm(req: PowerOnRequest): Promise<PowerOnTimings> {
  const vmid = checkVmid(req.vmid);
  const now = req.now ?? Date.now;
  const pollMs = req.pollMs ?? DEFAULT_POLL_MS;
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new AppError('restore.power.timeout', `VM ${vmid} was not up within ${Math.round(timeoutMs / 1000)} s`, { vmid, timeoutMs })), timeoutMs);
  const signal = req.signal === undefined ? deadline.signal : AbortSignal.any([req.signal, deadline.signal]);
  const startedAt = now();
  let questionAt: number | null = null;
  let answer: 'copied' | 'moved' | null = null;
  let pending: VmQuestion | null = null;
  // Never rejects: a tick that lost a race must not leave a rejection behind when the signal aborts later.
  const tick = (): Promise<void> => pause(pollMs, signal);
  const wait = async (stage: string): Promise<void> => {
    await tick();
    if (signal.aborted) throw stopped(signal, stage, vmid);
  };
  try {
    let settled: { exitCode: number | null; stdout: string; stderr: string } | null = null;
    let failure: unknown = null;
    const powering = req.run(powerOnCommand(vmid), signal).then(
      (r) => (settled = r),
      (e: unknown) => (failure = e),
    );
    while (settled === null && failure === null) {
      await Promise.race([powering, tick()]);
      if (settled !== null || failure !== null) break;
      if (signal.aborted) throw stopped(signal, 'question', vmid);
      for (const q of parseVmMessages((await req.run(vmMessagesCommand(vmid), signal)).stdout)) {
        if (q.key !== UUID_ALTERED) {
          throw new AppError('restore.power.unexpectedQuestion', `VM ${vmid} asks a question Custode does not answer (${q.key ?? q.id}): answer it on the host`, { vmid, messageId: q.id, key: q.key ?? '', text: q.text });
        }
        pending = q;
        questionAt ??= now();
        answer = req.originalGone === true ? 'moved' : 'copied';
        await req.run(answerVmMessageCommand(vmid, q.id, uuidAlteredChoice(q, answer)), signal);
        pending = null;
      }
    }
    if (failure !== null) throw signal.aborted ? stopped(signal, 'powerOn', vmid) : failure;
    const out = settled as unknown as { exitCode: number | null; stdout: string; stderr: string };
    const said = `${out.stdout}${out.stderr}`;
    if (out.exitCode !== 0 || /Power on failed|\((?:vim|vmodl)\.fault\./.test(said)) {
      throw new AppError('restore.power.failed', `ESXi did not power on VM ${vmid}`, { vmid, output: said.slice(0, 400) });
    }
    req.onStage?.('running');
    while (parsePowerState((await req.run(powerStateCommand(vmid), signal)).stdout) !== 'poweredOn') await wait('powerState');
    const poweredOnAt = now();
    const base = { startedAt, questionAt, answer, poweredOnAt, msToPoweredOn: poweredOnAt - startedAt };
    if (req.waitForTools !== true) return { ...base, toolsRunningAt: null, tools: 'notWaited', msToTools: null };
    req.onStage?.('tools');
    for (;;) {
      const tools = parseGuestTools((await req.run(guestInfoCommand(vmid), signal)).stdout);
      if (tools.toolsStatus === 'toolsNotInstalled') return { ...base, toolsRunningAt: null, tools: 'notInstalled', msToTools: null };
      if (tools.toolsRunningStatus === 'guestToolsRunning') {
        const at = now();
        return { ...base, toolsRunningAt: at, tools: 'running', msToTools: at - startedAt };
      }
      await wait('tools');
    }
  } catch (error) {
    const unanswered = pending as VmQuestion | null;
    if (unanswered !== null || (signal.aborted && questionAt === null)) await cancelQuestion(req.run, vmid, unanswered);
    if (signal.aborted && !(error instanceof AppError && OWN_CODES.has(error.code))) throw stopped(signal, 'powerOn', vmid);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The restore's call point (restore-service): the restored VM on, answering "I copied it" (the original may still
 * exist) unless the user said the original is gone ("I moved it"). A failure is `restore.powerOnFailed`, which keeps the restored VM (only the power-on failed); a cancel stays
 * a cancel. The blocking power.on gets the whole wait as its channel's timeout.
 */
export async function powerOnRestored(ssh: SshService, hostId: string, vmid: string, signal: AbortSignal, originalGone = false): Promise<PowerOnTimings> {
  try {
    return await powerOnRestoredVm({ vmid, signal, originalGone, run: (command, s) => ssh.run(hostId, command, { signal: s, timeoutMs: DEFAULT_TIMEOUT_MS }) });
  } catch (error) {
    if (error instanceof AppError && error.code === 'job.cancelled') throw error;
    const cause = error instanceof Error ? error.message : String(error);
    throw new AppError('restore.powerOnFailed', `The restored VM (id ${vmid}) did not power on: ${cause}`, { vmid, cause });
  }
}

/** Resolves after `ms`, or at once when the signal aborts (the caller looks at the signal). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Best effort, on a fresh signal: a question left open would keep the host's power-on task waiting. */
async function cancelQuestion(run: RunOnHost, vmid: string, known: VmQuestion | null): Promise<void> {
  const quiet = AbortSignal.timeout(30_000);
  try {
    const questions = known !== null ? [known] : parseVmMessages((await run(vmMessagesCommand(vmid), quiet)).stdout).filter((q) => q.key === UUID_ALTERED);
    for (const q of questions) await run(answerVmMessageCommand(vmid, q.id, uuidAlteredChoice(q, 'cancel')), quiet);
  } catch {
    // The host is unreachable or the question is gone: nothing is left waiting that Custode could answer.
  }
}
