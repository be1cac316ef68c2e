import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';

/** One attempt to learn whether the system clock is synchronised, and exactly what it read. */
export interface ClockProbe {
  method: string;
  ok: boolean;
  output?: string;
  reason?: string;
}

export interface ClockStatus {
  serverTimeUtc: string;
  /** `yes` / `no` when a probe answered, `unknown` with the reasons otherwise. */
  synchronised: 'yes' | 'no' | 'unknown';
  source: string;
  probes: ClockProbe[];
}

function run(cmd: string, args: string[]): Promise<ClockProbe> {
  const method = [cmd, ...args].join(' ');
  return new Promise((resolve) => {
    try {
      execFile(
        cmd,
        args,
        { timeout: 2000, env: { ...process.env, LC_ALL: 'C' } },
        (error, stdout, stderr) => {
          if (error) {
            resolve({ method, ok: false, reason: (stderr || error.message).trim().slice(0, 300) });
          } else resolve({ method, ok: true, output: stdout.trim().slice(0, 2000) });
        },
      );
    } catch (error) {
      resolve({ method, ok: false, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}

/**
 * Asks the system, in order: `timedatectl show -p NTPSynchronized -p NTP`, the
 * `/run/systemd/timesync/synchronized` flag, `chronyc tracking`. Never throws.
 */
export async function clockStatus(now: Date = new Date()): Promise<ClockStatus> {
  const probes: ClockProbe[] = [];
  const td = await run('timedatectl', ['show', '-p', 'NTPSynchronized', '-p', 'NTP']);
  probes.push(td);
  const flag = '/run/systemd/timesync/synchronized';
  try {
    await access(flag);
    probes.push({ method: `file ${flag}`, ok: true, output: 'present' });
  } catch (error) {
    probes.push({
      method: `file ${flag}`,
      ok: false,
      reason: (error as NodeJS.ErrnoException).code ?? 'absent',
    });
  }
  const chrony = await run('chronyc', ['tracking']);
  probes.push(chrony);

  const base = { serverTimeUtc: now.toISOString(), probes };
  const ntpSync = td.ok ? /NTPSynchronized=(yes|no)/.exec(td.output ?? '')?.[1] : undefined;
  if (ntpSync === 'yes' || ntpSync === 'no') {
    return { ...base, synchronised: ntpSync, source: 'systemd-timesyncd / timedatectl (NTPSynchronized)' };
  }
  if (probes[1]!.ok) return { ...base, synchronised: 'yes', source: 'systemd-timesyncd (synchronized flag)' };
  if (chrony.ok) {
    const leap = /Leap status\s*:\s*(.+)/.exec(chrony.output ?? '')?.[1]?.trim();
    return {
      ...base,
      synchronised: leap === 'Normal' ? 'yes' : leap ? 'no' : 'unknown',
      source: `chrony (Leap status: ${leap ?? 'not reported'})`,
    };
  }
  return {
    ...base,
    synchronised: 'unknown',
    source: 'unknown: no probe answered (see probes for each reason)',
  };
}
