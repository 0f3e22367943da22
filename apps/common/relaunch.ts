/**
 * Running this program again in a new process: same executable, argv, working
 * folder, stdio and environment (plus the attempt count). The new process gets a new
 * address-space layout, which is what a secondary needs when this one's
 * memory sits where the primary's is mapped ({@link AddressWindowError}).
 */

/** The environment variable that counts the attempts (1 = the first process). */
export const ATTEMPT_ENV = "DENO_DPDK_ATTEMPT";

/** This process's attempt number: 1 unless it was started by {@link runAgain}. */
export function attempt(): number {
  const n = Number(Deno.env.get(ATTEMPT_ENV) ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** This process's own argv, as the kernel has it (`deno run -A app.ts ...` or a compiled executable's). */
function ownArgv(): string[] {
  return Deno.readTextFileSync("/proc/self/cmdline").split("\0").slice(0, -1);
}

/**
 * Runs this program again as attempt `attempt() + 1`, with stdio inherited;
 * SIGINT and SIGTERM sent to this process are passed on. Resolves to the new
 * process's exit code (128 + signal number if a signal ended it).
 */
export async function runAgain(): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ownArgv().slice(1),
    env: { [ATTEMPT_ENV]: String(attempt() + 1) },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const signals = ["SIGINT", "SIGTERM"] as const;
  const forwarders = signals.map((name) => {
    const forward = () => child.kill(name);
    Deno.addSignalListener(name, forward);
    return [name, forward] as const;
  });
  try {
    return (await child.status).code; // Deno gives 128 + the signal's number for a signal
  } finally {
    for (const [name, forward] of forwarders) Deno.removeSignalListener(name, forward);
  }
}
