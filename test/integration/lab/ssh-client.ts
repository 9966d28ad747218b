// A small ssh2 client for the lab tests: exec with exit code, SFTP listing, keyboard-interactive or key auth, and
// the host key fingerprint as ssh-keygen prints it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, type ConnectConfig } from 'ssh2';
import type { LabHost } from '../../lab/api.ts';

export interface Auth {
  password?: string;
  keyPath?: string;
}

export interface Session {
  client: Client;
  fingerprint: string;
  exec(command: string): Promise<{ code: number; stdout: string; stderr: string }>;
  readdir(path: string): Promise<string[]>;
  close(): void;
}

export function connect(host: LabHost, auth: Auth): Promise<Session> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let fingerprint = '';
    const config: ConnectConfig = {
      host: host.address,
      port: host.port,
      username: host.username,
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => {
        fingerprint = 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
        return true;
      },
    };
    if (auth.keyPath !== undefined) config.privateKey = readFileSync(auth.keyPath);
    if (auth.password !== undefined) config.tryKeyboard = true;
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => finish(prompts.map(() => auth.password ?? '')));
    client.once('error', reject);
    client.once('ready', () =>
      resolve({
        client,
        fingerprint,
        exec: (command) =>
          new Promise((res, rej) => {
            client.exec(command, (err, stream) => {
              if (err) return rej(err);
              let stdout = '';
              let stderr = '';
              stream.on('data', (d: Buffer) => (stdout += d.toString()));
              stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
              stream.on('close', (code: number | null) => res({ code: code ?? -1, stdout, stderr }));
            });
          }),
        readdir: (path) =>
          new Promise((res, rej) => {
            client.sftp((err, sftp) => {
              if (err) return rej(err);
              sftp.readdir(path, (e, list) => (e ? rej(e) : res(list.map((x) => x.filename).sort())));
            });
          }),
        close: () => client.end(),
      }),
    );
    client.connect(config);
  });
}

export async function run(host: LabHost, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = await connect(host, { keyPath: host.privateKeyPath });
  try {
    return await s.exec(command);
  } finally {
    s.close();
  }
}
