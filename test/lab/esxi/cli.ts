// Entry point of every simulated ESXi command run as its own process: `cli.ts <command> args…`, started by the sh
// wrappers in bin/ when the lab's resident simulator does not answer (a host tree driven from outside).
import { runEsxiCommand } from './dispatch.ts';
import { hostRoot } from './paths.ts';

const [command = '', ...args] = process.argv.slice(2);
process.title = command;
process.exitCode = await runEsxiCommand(command, hostRoot(), args);
