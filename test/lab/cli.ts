// npm run lab -- up|down|status|reboot|cron|fault …   (see usage below). Linux and root only; says so when not.
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../../shared/errors/app-error.ts';
import { teardownLab } from './cleanup.ts';
import { FAULTS } from './faults.ts';
import { attachLab, startLab, type Lab, type LabHost } from './lab.ts';
import { DEFAULT_STATE_DIR } from './lab-paths.ts';

const USAGE = `usage: npm run lab -- <command> [--state DIR] [--json]
  up --topology small|seed|bare|large:N [--detach] [--port N] [--password P] [--nas-version 24.10] [--latency MS]
     [--bare HOST,…] [--secure-boot HOST,…] [--exec-installed-only HOST=on|off,…]
                            (--latency: added to every simulated command's answer, as hostd takes time;
                             --bare: no ghettoVCB, NFS mount, cron line or NAS share on those hosts; topology bare
                             is esxi-08 as the site has it and esxi-20 bare)
  down                      stop every process and mount of the lab (also after a crash)
  status                    hosts, addresses, fingerprints, running or not
  reboot HOST               reboot an ESXi host (/tmp cleared, default crontab, local.sh unless Secure Boot)
  cron HOST                 run the host's own cron jobs now
  clock advance DURATION    move every machine's clock forward (25h, 90m, 1d12h) and run the hosts' cron lines, the
                            NAS's snapshot tasks and its cron jobs (cronjob.create) that fell due, in order, each on
                            the clock of its time
  clock set HOST OFFSET     put an ESXi host's clock OFFSET off the lab's, as a host without NTP (-2h behind, +90m
                            ahead, 0 on time): its date, ghettoVCB's log stamps and cron follow it; runs nothing
  fault HOST FAULT [ARG]    FAULT: ${FAULTS.join(', ')}
                            (add-snapshot VM, esxi-version X.Y.Z, secure-boot on|off, nas-full [on|off|BYTES],
                             share-readonly [on|off], slow-clone [on|off],
                             adaptertype-help listed|deprecated|absent|release,
                             snapshot-fail VM [hang|off], power-off-hang VM [off], consolidate-needed VM [off],
                             datastore-full DATASTORE [on|off|BYTES])
HOST is a host name (esxi-08, truenas) or its site IP (10.0.0.8). Default state dir: ${DEFAULT_STATE_DIR}`;

function describe(h: LabHost): string {
  const key = `${h.privateKeyPaths.rsa} (or ${h.privateKeyPaths.ecdsa})`;
  return [
    `${h.name} [${h.role}] site IP ${h.identityIp}  ${h.running ? 'running' : 'STOPPED'}`,
    `  ssh ${h.username}@${h.address} -p ${h.port}`,
    `  password: ${h.password}   key: ${key}`,
    `  host key: ${h.fingerprint} (ECDSA), ${h.fingerprints.rsa} (RSA)`,
  ].join('\n');
}

function jsonHosts(lab: Lab): unknown {
  return {
    stateDir: lab.stateDir,
    topology: lab.topology,
    hosts: lab.hosts.map((h) => ({
      name: h.name,
      role: h.role,
      identityIp: h.identityIp,
      address: h.address,
      port: h.port,
      username: h.username,
      password: h.password,
      privateKeyPath: h.privateKeyPath,
      privateKeyPaths: h.privateKeyPaths,
      fingerprint: h.fingerprint,
      fingerprints: h.fingerprints,
      running: h.running,
    })),
  };
}

function print(lab: Lab, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(jsonHosts(lab), null, 2) + '\n');
  else process.stdout.write(`lab ${lab.topology} in ${lab.stateDir}\n${lab.hosts.map(describe).join('\n')}\n`);
}

function latencyMs(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
    throw new AppError('lab.latencyInvalid', `--latency takes whole milliseconds from 0 to 60000, e.g. --latency 30; got ${text}`, { latency: text });
  }
  return ms;
}

function hostList(text: string): string[] {
  return text.split(',').map((h) => h.trim()).filter((h) => h !== '');
}

function execInstalledOnly(text: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const item of hostList(text)) {
    const [host = '', value] = item.split('=');
    if (value !== 'on' && value !== 'off') {
      throw new AppError('lab.execInstalledOnlyInvalid', `--exec-installed-only takes HOST=on|off, e.g. esxi-20=off; got ${item}`, { item });
    }
    out[host] = value === 'on';
  }
  return out;
}

/** `clock set HOST -2h`: a negative offset is the command's value, not options (-2 -h); taken out before parsing. */
function negativeOffset(argv: string[]): { args: string[]; offset: string | null } {
  const at = argv.findIndex((a, i) => a === 'clock' && argv[i + 1] === 'set') + 3;
  if (at < 3 || !/^-\d/.test(argv[at] ?? '')) return { args: argv, offset: null };
  return { args: [...argv.slice(0, at), ...argv.slice(at + 1)], offset: argv[at]! };
}

async function main(argv: string[]): Promise<number> {
  const { args, offset } = negativeOffset(argv);
  const { values, positionals: parsed } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      topology: { type: 'string' },
      detach: { type: 'boolean' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      password: { type: 'string' },
      'nas-version': { type: 'string' },
      latency: { type: 'string' },
      bare: { type: 'string' },
      'secure-boot': { type: 'string' },
      'exec-installed-only': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const positionals = offset === null ? parsed : [...parsed.slice(0, 3), offset, ...parsed.slice(3)];
  const [command, host, fault, arg, arg2] = positionals;
  const stateDir = values.state ?? DEFAULT_STATE_DIR;
  const json = values.json === true;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE + '\n');
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'up': {
      const started = Date.now();
      const lab = await startLab({
        topology: values.topology ?? 'small',
        stateDir,
        detach: values.detach === true,
        ...(values.port !== undefined ? { port: Number(values.port) } : {}),
        ...(values.password !== undefined ? { password: values.password } : {}),
        ...(values['nas-version'] !== undefined ? { nasVersion: values['nas-version'] } : {}),
        ...(values.latency !== undefined ? { commandLatencyMs: latencyMs(values.latency) } : {}),
        ...(values.bare !== undefined ? { bare: hostList(values.bare) } : {}),
        ...(values['secure-boot'] !== undefined ? { secureBoot: hostList(values['secure-boot']) } : {}),
        ...(values['exec-installed-only'] !== undefined ? { execInstalledOnly: execInstalledOnly(values['exec-installed-only']) } : {}),
        ...(process.env['GHETTOVCB_SH'] ? { ghettovcbScript: process.env['GHETTOVCB_SH'] } : {}),
      });
      print(lab, json);
      if (!json) process.stdout.write(`up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      if (values.detach) return 0;
      if (!json) process.stdout.write('Press Ctrl-C to stop the lab.\n');
      await new Promise(() => undefined);
      return 0;
    }
    case 'down':
      await teardownLab(stateDir);
      if (!json) process.stdout.write(`lab in ${stateDir} is down\n`);
      return 0;
    case 'status':
      print(attachLab(stateDir), json);
      return 0;
    case 'reboot':
      if (host === undefined) break;
      await attachLab(stateDir).reboot(host);
      process.stdout.write(`${host}: rebooted\n`);
      return 0;
    case 'cron': {
      if (host === undefined) break;
      const runs = await attachLab(stateDir).cron(host);
      if (json) process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      else for (const r of runs) process.stdout.write(`${r.code === 0 ? 'ok ' : 'ERR'} exit ${r.code}: ${r.command}\n${r.stderr}`);
      if (runs.length === 0) process.stdout.write('no cron jobs besides the ESXi defaults\n');
      return runs.every((r) => r.code === 0) ? 0 : 1;
    }
    case 'clock': {
      if (host === 'set' && fault !== undefined && arg !== undefined) {
        const set = await attachLab(stateDir).setClock(fault, arg);
        if (json) process.stdout.write(JSON.stringify(set, null, 2) + '\n');
        else process.stdout.write(`${set.host}: clock ${arg} off the lab's, now ${new Date(set.hostNow * 1000).toISOString().slice(0, 19)}Z\n`);
        return 0;
      }
      if (host !== 'advance' || fault === undefined) break;
      const lab = attachLab(stateDir);
      const result = await lab.advanceClock(fault);
      if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else {
        for (const f of result.fired) {
          process.stdout.write(`${new Date(f.at * 1000).toISOString().slice(0, 16)}Z ${f.host} ${f.code === 0 ? 'ok ' : 'ERR'} exit ${f.code}: ${f.job}\n${f.stderr}`);
        }
        process.stdout.write(`clocks moved ${fault} forward; ${result.fired.length} job(s) ran\n`);
        if (result.stopped.length > 0) process.stdout.write(`powered off, nothing ran: ${result.stopped.join(', ')}\n`);
      }
      return result.fired.every((f) => f.code === 0) ? 0 : 1;
    }
    case 'fault':
      if (host === undefined || fault === undefined) break;
      process.stdout.write((await attachLab(stateDir).fault(host, fault, arg, arg2)) + '\n');
      return 0;
  }
  process.stderr.write(USAGE + '\n');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(isAppError(err) ? `lab: ${err.message} [${err.code}]\n` : `lab: ${String(err)}\n`);
    process.exit(1);
  },
);
