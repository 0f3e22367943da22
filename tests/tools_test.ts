/**
 * DPDK's own tools are real clients of a TypeScript primary:
 * `dpdk-proc-info` (a C secondary) and `dpdk-telemetry.py`.
 */
import assert from "node:assert/strict";
import { groupLeftovers, Proc, startApp, uniquePrefix } from "./helpers.ts";

Deno.test("dpdk-proc-info and dpdk-telemetry.py read a TypeScript simple_mp primary", async () => {
  const prefix = uniquePrefix("tools");
  const primary = startApp("simple_mp", [
    "-l",
    "0-1",
    "--no-pci",
    "--vdev",
    "net_null0",
    "--file-prefix",
    prefix,
  ]);
  try {
    await primary.waitFor(/Starting core 1/);
    // proc-info rejects -l: confine it to one CPU with taskset
    const info = new Proc("proc-info", "taskset", [
      "-c",
      "1",
      "dpdk-proc-info",
      "--file-prefix",
      prefix,
      "--no-pci",
      "--",
      "--show-ring=PRI_2_SEC",
      "--show-mempool=MSG_POOL",
    ], { timeoutMs: 20000 });
    assert.equal((await info.status()).code, 0, info.output());
    const out = info.output();
    assert.match(out, /Name \(PRI_2_SEC\) on socket \(0\)/);
    assert.match(out, /size \(64\) mask \(0x3f\) capacity \(63\)/);
    assert.match(out, /Name: MSG_POOL on socket 0/);
    assert.match(out, /Size 1024 Cache 32 element 128/);

    const telemetry = new Proc("telemetry", "dpdk-telemetry.py", ["-f", prefix], { timeoutMs: 20000 });
    await telemetry.send("/eal/params");
    await telemetry.send("/ethdev/list");
    const status = await telemetry.status();
    assert.equal(status.code, 0);
    const params = telemetry.lines.find((l) => l.startsWith('{"/eal/params"'));
    assert.ok(params, telemetry.output());
    assert.equal(JSON.parse(params)["/eal/params"][0], "simple_mp", "argv[0] is the app's name");
    assert.ok(telemetry.lines.includes('{"/ethdev/list": [0]}'), telemetry.output());
  } finally {
    await primary.send("quit");
    assert.equal((await primary.status()).code, 0, primary.output());
  }
  assert.deepEqual(groupLeftovers(prefix), [], "proc-info's files went with the group");
});
