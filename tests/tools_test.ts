/**
 * DPDK's own tools are real clients of a TypeScript primary:
 * `dpdk-proc-info` (a C secondary), `dpdk-telemetry.py` and `dpdk-dumpcap`.
 */
import assert from "node:assert/strict";
import { makeFrames, readPcap, writePcap } from "../apps/common/pcap.ts";
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

Deno.test("dpdk-dumpcap captures what a TypeScript l2fwd receives and sends on a port", async () => {
  const prefix = uniquePrefix("dumpcap");
  const dir = Deno.makeTempDirSync({ prefix: "dumpcap_" });
  const inputs = [makeFrames(0, 100), makeFrames(1, 100)];
  inputs.forEach((frames, port) => writePcap(`${dir}/in${port}.pcap`, frames));
  // infinite_rx replays the input for as long as l2fwd runs; net_pcap secondaries open the files too
  const vdev = (port: number) => `net_pcap${port},rx_pcap=in${port}.pcap,tx_pcap=/dev/null,infinite_rx=1`;
  const l2fwd = startApp(
    "l2fwd",
    [
      ...["-l", "1", "--no-pci", "--vdev", vdev(0), "--vdev", vdev(1), "--file-prefix", prefix],
      ...["--", "-p", "3", "-q", "2", "-T", "0", "--no-mac-updating"],
    ],
    30000,
    { cwd: dir },
  );
  try {
    await l2fwd.waitFor(/entering main loop on lcore 1/);
    const dumpcap = new Proc("dpdk-dumpcap", "dpdk-dumpcap", [
      ...["--file-prefix", prefix, "-i", "0", "-c", "64", "-P", "-w", `${dir}/capture.pcap`],
    ], { timeoutMs: 20000, cwd: dir });
    assert.equal((await dumpcap.status()).code, 0, dumpcap.output());
    const captured = readPcap(`${dir}/capture.pcap`);
    assert.ok(captured.length >= 64, dumpcap.output());
    // port 0 receives port 0's frames and sends port 1's (no MAC updating): both directions, nothing else
    const key = (f: Uint8Array) => f.join(",");
    const known = new Map(inputs.flatMap((frames, port) => frames.map((f) => [key(f), port])));
    const ports = captured.map((f) => known.get(key(f)));
    assert.ok(ports.every((p) => p !== undefined), "every captured frame is an input frame, byte for byte");
    assert.ok(ports.includes(0) && ports.includes(1), "received and sent frames are captured");
  } finally {
    l2fwd.kill("SIGINT");
    assert.equal((await l2fwd.status()).code, 0, l2fwd.output());
    Deno.removeSync(dir, { recursive: true });
  }
  assert.deepEqual(groupLeftovers(prefix), [], "dumpcap's files went with the group");
});
