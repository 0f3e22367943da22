/**
 * simple_mp end to end: TypeScript to TypeScript, and TypeScript to DPDK's
 * own C simple_mp in both directions (built from the examples during the
 * test), plus the app's own behaviour: long messages, end of input, signals.
 */
import assert from "node:assert/strict";
import {
  buildCExample,
  expectOneLineFailure,
  groupLeftovers,
  Proc,
  removeGroup,
  ROOT,
  startApp,
  startC,
  uniquePrefix,
} from "./helpers.ts";

const eal = (prefix: string, type: string) => [
  "-l",
  "0-1",
  "--no-pci",
  `--proc-type=${type}`,
  "--file-prefix",
  prefix,
];

async function exchange(primary: Proc, secondary: Proc): Promise<void> {
  await primary.waitFor(/Starting core 1$/);
  await secondary.waitFor(/Starting core 1$/);
  await primary.send("send hello_from_primary");
  await secondary.waitFor(/core 1: Received 'hello_from_primary'$/);
  await secondary.send("send hello_from_secondary");
  await primary.waitFor(/core 1: Received 'hello_from_secondary'$/);
}

async function quit(proc: Proc): Promise<number> {
  await proc.send("quit");
  return (await proc.status()).code;
}

Deno.test("simple_mp: TypeScript primary and TypeScript secondary exchange messages and clean up", async () => {
  const prefix = uniquePrefix("smp_ts");
  const primary = startApp("simple_mp", eal(prefix, "primary"));
  await primary.waitFor(/Starting core 1$/);
  const secondary = startApp("simple_mp", eal(prefix, "secondary"));
  try {
    await exchange(primary, secondary);
  } finally {
    assert.equal(await quit(secondary), 0, secondary.output());
    assert.equal(await quit(primary), 0, primary.output());
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("simple_mp: TypeScript primary with DPDK's C simple_mp as secondary", async () => {
  const binary = await buildCExample("multi_process/simple_mp");
  const prefix = uniquePrefix("smp_ts_c");
  const primary = startApp("simple_mp", eal(prefix, "primary"));
  let secondary: Proc | undefined;
  try {
    await primary.waitFor(/Starting core 1$/);
    secondary = startC("simple_mp", binary, eal(prefix, "secondary"));
    await exchange(primary, secondary);
  } finally {
    secondary?.kill("SIGKILL"); // the C app hangs at end of input and has no clean exit
    await secondary?.status();
    assert.equal(await quit(primary), 0, primary.output());
    removeGroup(prefix);
  }
});

Deno.test("simple_mp: DPDK's C simple_mp as primary with a TypeScript secondary", async () => {
  const binary = await buildCExample("multi_process/simple_mp");
  const prefix = uniquePrefix("smp_c_ts");
  const primary = startC("simple_mp", binary, eal(prefix, "primary"));
  let secondary: Proc | undefined;
  try {
    await primary.waitFor(/Starting core 1$/);
    secondary = startApp("simple_mp", eal(prefix, "auto"));
    await secondary.waitFor(/Auto-detected process type: SECONDARY/);
    await exchange(primary, secondary);
    assert.equal(await quit(secondary), 0, secondary.output());
  } finally {
    secondary?.kill("SIGKILL");
    primary.kill("SIGKILL");
    await Promise.all([primary.status(), secondary?.status()]);
    removeGroup(prefix);
  }
});

/** simple_mp run by tests/fixtures/taken_window.ts: DPDK's default address window is taken in its first process(es). */
function startWithTakenWindow(args: string[], takenAttempts: number): Proc {
  return new Proc("ts simple_mp (window taken)", Deno.execPath(), [
    "run",
    "-A",
    `${ROOT}/tests/fixtures/taken_window.ts`,
    "simple_mp",
    ...args,
  ], { timeoutMs: 30000, env: { TAKEN_WINDOW_ATTEMPTS: String(takenAttempts) } });
}

/** PIDs of the processes whose command line names `word`. */
function processesNaming(word: string): number[] {
  return [...Deno.readDirSync("/proc")].filter((e) => /^\d+$/.test(e.name)).filter((e) => {
    try {
      return Deno.readTextFileSync(`/proc/${e.name}/cmdline`).includes(word);
    } catch {
      return false;
    }
  }).map((e) => Number(e.name));
}

Deno.test("simple_mp: a secondary whose address space holds the C primary's window runs again and attaches", async () => {
  const binary = await buildCExample("multi_process/simple_mp");
  const prefix = uniquePrefix("smp_window");
  const primary = startC("simple_mp", binary, eal(prefix, "primary")); // DPDK's default --base-virtaddr
  let secondary: Proc | undefined;
  try {
    await primary.waitFor(/Starting core 1$/);
    secondary = startWithTakenWindow(eal(prefix, "secondary"), 1);
    await secondary.waitFor(
      /--base-virtaddr.*; running again in a new process \(attempt 2 of 4\)$/,
    );
    await exchange(primary, secondary);
    secondary.kill("SIGTERM"); // to the first process, which passes it on
    assert.equal((await secondary.status()).code, 0, secondary.output());
    assert.deepEqual(
      processesNaming(prefix).filter((pid) => pid !== primary.child.pid),
      [],
      "no process left",
    );
  } finally {
    secondary?.kill("SIGKILL");
    primary.kill("SIGKILL");
    await Promise.all([primary.status(), secondary?.status()]);
    removeGroup(prefix);
  }
});

Deno.test("simple_mp: after four processes that cannot map the primary's window, one line and exit 1", async () => {
  const prefix = uniquePrefix("smp_window4");
  const primary = startApp("simple_mp", [...eal(prefix, "primary"), "--base-virtaddr=0x100000000"]); // DPDK's default
  try {
    await primary.waitFor(/Finished Process Init/);
    const secondary = startWithTakenWindow(eal(prefix, "secondary"), 4);
    await expectOneLineFailure(
      secondary,
      "simple_mp",
      /^simple_mp: cannot init EAL: Cannot get a virtual area .* start the primary with --base-virtaddr=0x410000000000/,
    );
    for (const n of [2, 3, 4]) {
      assert.ok(secondary.lines.some((l) => l.endsWith(`(attempt ${n} of 4)`)), secondary.output());
    }
  } finally {
    assert.equal(await quit(primary), 0, primary.output());
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("simple_mp: a message longer than the C app's token is refused, not truncated", async () => {
  const prefix = uniquePrefix("smp_long");
  const primary = startApp("simple_mp", ["-l", "0", "--no-pci", "--file-prefix", prefix]);
  try {
    await primary.waitFor(/Finished Process Init/);
    await primary.send(`send ${"x".repeat(127)}`);
    await primary.waitFor(/Message not sent: it is 127 bytes, the limit is 126$/);
    await primary.send(`send ${"y".repeat(126)}`);
    await primary.send("send two words");
    await primary.waitFor(/Bad arguments$/);
    await primary.send("frobnicate");
    await primary.waitFor(/Command not found$/);
  } finally {
    assert.equal(await quit(primary), 0);
  }
  assert.ok(!primary.lines.some((l) => l.includes("Failed")), primary.output());
});

Deno.test("simple_mp: end of input quits cleanly", async () => {
  const prefix = uniquePrefix("smp_eof");
  const proc = startApp("simple_mp", eal(prefix, "primary"));
  await proc.waitFor(/Starting core 1$/);
  await proc.closeStdin();
  assert.equal((await proc.status()).code, 0, proc.output());
  assert.deepEqual(groupLeftovers(prefix), []);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.test(`simple_mp: ${signal} stops the worker lcores and exits 0 with no files left`, async () => {
    const prefix = uniquePrefix(`smp_${signal}`);
    const proc = startApp("simple_mp", eal(prefix, "primary"));
    await proc.waitFor(/Starting core 1$/);
    proc.kill(signal);
    const status = await proc.status();
    assert.equal(status.code, 0, proc.output());
    assert.deepEqual(groupLeftovers(prefix), []);
  });
}
