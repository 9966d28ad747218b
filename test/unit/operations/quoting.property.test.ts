import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planHostAdd, planHostRemove } from '../../../electron/core/operations/plans/hosts.ts';
import { planMakeDirectories } from '../../../electron/core/operations/plans/directories.ts';
import { planTrustForget } from '../../../electron/core/operations/plans/trust.ts';
import type { OperationPlan, StepAction } from '../../../shared/model/operation.ts';

/**
 * The words a real /bin/sh makes of each command line, with the program replaced by printf: if a value had reached
 * a line unquoted, its `;`, `$()`, quotes or newlines would split, expand or run instead of arriving whole. All
 * lines go to one shell on its stdin (a shell per line is too slow on a shared machine); each one's words end with a \x1e.
 */
function argvsOf(commands: readonly string[]): string[][] {
  const script = commands.map((c) => `printf '%s\\0'${c.replace(/^\S+/, '')}; printf '\\036'`).join('\n');
  const out = execFileSync('/bin/sh', ['-s'], { input: script, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 64 << 20 });
  return out.split('\x1e').slice(0, -1).map((words) => words.split('\0').slice(0, -1));
}

const actionsOf = (plan: OperationPlan): StepAction[] =>
  plan.steps.flatMap((s) => [...s.actions, ...s.checks.map((c) => c.action), ...(s.effect ? [s.effect.action] : []), ...(s.undo ?? []).flatMap((u) => [...u.actions, ...u.checks.map((c) => c.action)])]);

/** Names a person or a host could give: spaces, quotes, `$()`, backticks, `;`, newlines, globs, unicode. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1 }).filter((s) => !s.includes('\0') && !s.includes('/')),
  fc.constantFrom("prova'; $(id) & *", 'a b', '`reboot`', '$(touch /tmp/pwned)', 'x\ny', '-rf', '*', '"; rm -rf / #', 'Contabilità'),
);

describe('no value from a host or a user reaches a command unquoted', () => {
  it('folder paths arrive as exactly one argument of every command', () => {
    const samples = fc.sample(fc.tuple(hostile, hostile), { numRuns: 300, seed: 13 });
    const cases = samples.flatMap(([a, b]) => {
      const paths = [`/vmfs/volumes/${a}`, `/vmfs/volumes/datastore1/${b}`];
      return actionsOf(planMakeDirectories({ id: 'h', name: a, address: '10.0.0.7' }, paths, 'p', 0)).map((action) => ({ paths, command: action.command }));
    });
    const argvs = argvsOf(cases.map((c) => c.command));
    expect(argvs).toHaveLength(cases.length);
    cases.forEach((c, i) => expect(c.paths.filter((p) => argvs[i]!.includes(p)), c.command).toHaveLength(1));
  });

  it('host names, users and key paths in Custode-side commands stay single words', () => {
    const samples = fc.sample(fc.tuple(hostile, hostile, hostile), { numRuns: 300, seed: 7 });
    const cases = samples.flatMap(([name, user, key]) => {
      const add = planHostAdd({ role: 'esxi', address: '10.0.0.7', port: 22, username: user, auth: 'key', keyPath: key }, { remember: false }, 'p', 0);
      const remove = planHostRemove({ id: 'h', role: 'esxi', name, address: '10.0.0.7', port: 22, username: user, auth: 'password', keyPath: null, group: null, hasSecret: false, createdAt: 0 }, 'p', 0);
      const forget = planTrustForget(name, 22, [{ host: name, port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', publicKey: 'AAAA', source: 'user', pinnedAt: 0 }], 'p', 0);
      return [
        { command: add.steps[0]!.actions[0]!.command, argv: ['fleet', 'add-host', '10.0.0.7', '--port', '22', '--user', user, '--auth', 'key', '--key', key] },
        { command: remove.steps[0]!.actions[0]!.command, argv: ['fleet', 'remove', name] },
        { command: forget.steps[0]!.actions[0]!.command, argv: ['trust', 'forget', `${name}:22`] },
      ];
    });
    const argvs = argvsOf(cases.map((c) => c.command));
    cases.forEach((c, i) => expect(argvs[i], c.command).toEqual(c.argv));
  });
});
