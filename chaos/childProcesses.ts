import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();

/**
 * Remembers a process the harness started, so that it is killed by its pid
 * when the run ends, even when a scenario throws or the harness is stopped.
 */
export function trackChildProcess(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** SIGKILLs every tracked process that is still running, by its pid. */
export function killTrackedChildProcesses(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }
  }
  children.clear();
}

// A harness that exits for any reason leaves no server, worker or
// redis-server of its own behind.
process.once('exit', killTrackedChildProcesses);
