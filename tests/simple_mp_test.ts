/**
 * simple_mp end to end: TypeScript to TypeScript, and TypeScript to DPDK's
 * own C simple_mp in both directions (built from the examples during the
 * test), plus the app's own behaviour: long messages, end of input, signals.
 */
import assert from "node:assert/strict";
import {
  buildCExample,
  groupLeftovers,
  type Proc,
  removeGroup,
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
