import { hostname, userInfo } from 'node:os';

/** Who is at the keyboard, as the OS knows them: the trail names the OS user and the workstation of every change. */
export interface Actor {
  user: string;
  workstation: string;
}

export function osActor(): Actor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers): the environment is the best that is known.
    user = process.env.USER ?? process.env.USERNAME ?? `uid:${process.getuid?.() ?? '?'}`;
  }
  return { user, workstation: hostname() };
}
