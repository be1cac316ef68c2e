import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Who runs a backup, drill or restore: the process id, a start token that tells this process
 * apart from a later one with the same pid (Linux: the process start time from
 * `/proc/<pid>/stat`; elsewhere a random token), and the host. Written into each run's lock
 * file and into the name of every plaintext scratch file, so a start-up can tell what a killed
 * process left (issue 21 point 14).
 */
export interface Owner {
  pid: number;
  start: string;
  host: string;
}

/** Field 22 of `/proc/<pid>/stat` (clock ticks after boot), or null where there is no /proc. */
function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export const thisOwner: Owner = {
  pid: process.pid,
  start: procStart(process.pid) ?? `r${randomBytes(6).toString('hex')}`,
  host: os.hostname(),
};

/** `<pid>.<start>`: the owner as part of a file name. */
export const ownerTag = (o: Owner = thisOwner): string => `${o.pid}.${o.start}`;

/** The owner named by a tag (without host: scratch space is local), or null if it is not one. */
export function parseOwnerTag(tag: string): Owner | null {
  const m = /^(\d+)\.([A-Za-z0-9]+)$/.exec(tag);
  return m ? { pid: Number(m[1]), start: m[2]!, host: thisOwner.host } : null;
}

/**
 * Whether the owner has ended: same host, and no process with that pid, or one that started at
 * another time (the pid was reused — e.g. a restarted container's server gets the same pid).
 * An owner on another host (shared backup folder) is never declared gone.
 */
export function ownerGone(o: Owner): boolean {
  if (o.host !== thisOwner.host) return false;
  if (o.pid === thisOwner.pid) return o.start !== thisOwner.start;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const start = procStart(o.pid);
  return start !== null && /^\d+$/.test(o.start) && start !== o.start;
}
