/**
 * End-to-end: the TypeScript l2fwd against DPDK's C l2fwd on net_pcap ports.
 * Both read the same input pcaps; their output pcaps must hold the same
 * frames, byte for byte (pcap timestamps differ between runs and are not
 * compared), and the frames must be the input with l2fwd's MAC rewrite.
 *
 * net_pcap reads its rx file once. The C app does not flush its TX buffers
 * at exit, so each run waits until the statistics screen (-T 1) shows every
 * packet sent (the 100 us drain has flushed the tail) before SIGINT.
 */
import assert from "node:assert/strict";
import {
  buildCExample,
  expectOneLineFailure,
  finishGroup,
  groupLeftovers,
  nullPortsEal,
  Proc,
  ROOT,
  startApp,
  startC,
  uniquePrefix,
} from "./helpers.ts";
import { makeFrames, readPcap, writePcap } from "../apps/common/pcap.ts";

const PER_PORT = 1500;
let cBinary: Promise<string> | undefined;
const cL2fwd = () => cBinary ??= buildCExample("l2fwd");

interface Run {
  proc: Proc;
  outputs: Uint8Array[][];
  macs: string[];
}

function pcapVdevs(dir: string, ports: number, tag: string): string[] {
  return Array.from({ length: ports }, (_, k) => [
    "--vdev",
    `net_pcap${k},rx_pcap=${dir}/in${k}.pcap,tx_pcap=${dir}/${tag}_out${k}.pcap`,
  ]).flat();
}

async function runOne(
  kind: "C" | "TS",
  dir: string,
  ports: number,
  lcores: string[],
  appArgs: string[],
): Promise<Run> {
  const prefix = uniquePrefix(`l2fwd_${kind}`);
  const args = [
    ...lcores,
    "--no-pci",
    ...pcapVdevs(dir, ports, kind),
    "--file-prefix",
    prefix,
    "--",
    ...appArgs,
  ];
  const proc = kind === "C" ? startC("l2fwd", await cL2fwd(), args, 40000) : startApp("l2fwd", args, 40000);
  try {
    const total = ports * PER_PORT;
    await proc.waitFor(new RegExp(`^Total packets sent:\\s+${total}$`), 30000);
    await proc.waitFor(new RegExp(`^Total packets received:\\s+${total}$`), 5000);
    proc.kill("SIGINT");
    const status = await proc.status();
    assert.equal(status.code, 0, `${kind} l2fwd exit code\n${proc.output()}`);
    for (let k = 0; k < ports; k++) {
      assert.ok(proc.lines.includes(`Closing port ${k}... Done`), proc.output());
    }
    assert.ok(proc.lines.includes("Bye..."), proc.output());
    const macs = Array.from({ length: ports }, (_, k) => {
      const line = proc.lines.find((l) => l.startsWith(`Port ${k}, MAC address: `));
      assert.ok(line, proc.output());
      return line.slice(`Port ${k}, MAC address: `.length);
    });
    const outputs = Array.from({ length: ports }, (_, k) => readPcap(`${dir}/${kind}_out${k}.pcap`));
    return { proc, outputs, macs };
  } finally {
    proc.kill("SIGKILL");
    await proc.status();
    finishGroup(prefix, kind === "C");
  }
}

function rewritten(frame: Uint8Array, dstPort: number, mac: string): Uint8Array {
  const f = frame.slice();
  f.set([2, 0, 0, 0, 0, dstPort], 0);
  f.set(mac.split(":").map((h) => parseInt(h, 16)), 6);
  return f;
}

async function compare(name: string, ports: number, dst: number[], lcores: string[], appArgs: string[]) {
  const dir = await Deno.makeTempDir({ prefix: `l2fwd_${name}_` });
  try {
    const inputs = Array.from({ length: ports }, (_, k) => makeFrames(k, PER_PORT));
    inputs.forEach((frames, k) => writePcap(`${dir}/in${k}.pcap`, frames));
    const c = await runOne("C", dir, ports, lcores, appArgs);
    const ts = await runOne("TS", dir, ports, lcores, appArgs);
    const macUpdating = !appArgs.includes("--no-mac-updating");
    for (let src = 0; src < ports; src++) {
      const d = dst[src];
      const expected = inputs[src].map((f) => macUpdating ? rewritten(f, d, c.macs[d]) : f);
      assert.equal(c.outputs[d].length, PER_PORT, `C wrote every frame to port ${d}`);
      assert.equal(ts.outputs[d].length, PER_PORT, `TS wrote every frame to port ${d}`);
      for (let i = 0; i < PER_PORT; i++) {
        assert.deepEqual(
          c.outputs[d][i],
          expected[i],
          `C frame ${i} on port ${d} is input ${src}'s, rewritten`,
        );
        assert.deepEqual(ts.outputs[d][i], c.outputs[d][i], `TS frame ${i} on port ${d} equals C's`);
      }
    }
    assert.deepEqual(ts.macs, c.macs, "same port MAC addresses");
    const lcoreLines = (p: Proc) => p.lines.filter((l) => /^Lcore \d+: RX port/.test(l));
    assert.deepEqual(lcoreLines(ts.proc), lcoreLines(c.proc), "same lcore placement lines");
    assert.ok(ts.proc.lines.some((l) => l.startsWith("MAC updating ")), ts.proc.output());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("l2fwd on net_pcap: TS output frames equal C's, MAC updating, -q 1 on two lcores", () =>
  compare("q1", 2, [1, 0], ["-l", "0-1"], ["-p", "3", "-q", "1", "-T", "1"]));

Deno.test("l2fwd on net_pcap: --no-mac-updating, -q 2 (main lcore polls both ports)", () =>
  compare("nomac", 2, [1, 0], ["-l", "0-1"], ["-p", "3", "-q", "2", "-T", "1", "--no-mac-updating"]));

Deno.test("l2fwd on net_pcap: --portmap (0,3),(1,2) with four ports, two per lcore", () =>
  compare("portmap", 4, [3, 2, 1, 0], ["-l", "0-1"], [
    "-p",
    "f",
    "-q",
    "2",
    "-T",
    "1",
    "--portmap=(0,3),(1,2)",
  ]));

async function expectFailure(appArgs: string[], message: RegExp, ports = 2) {
  const prefix = uniquePrefix("l2fwd_bad");
  const proc = startApp("l2fwd", [...nullPortsEal(prefix, ports), "--", ...appArgs]);
  await expectOneLineFailure(proc, "l2fwd", message);
  assert.equal(proc.lines.filter((l) => l.startsWith("l2fwd: ")).length, 1, proc.output());
  assert.deepEqual(groupLeftovers(prefix), []);
}

Deno.test("l2fwd: bad options end in one clear line, exit 1, no leftovers", async () => {
  await expectFailure(["-p", "0"], /^l2fwd: invalid portmask '0'$/);
  await expectFailure(["-p", "xyz"], /^l2fwd: invalid portmask 'xyz'$/);
  await expectFailure(["-p", "3", "-q", "0"], /^l2fwd: invalid queue number '0'$/);
  await expectFailure(["-p", "3", "-q", "16"], /^l2fwd: invalid queue number '16'$/);
  await expectFailure(["-p", "3", "-T", "86400"], /^l2fwd: invalid timer period '86400'$/);
  await expectFailure(["-p", "3", "--portmap", "(0,1"], /^l2fwd: Invalid config/);
  await expectFailure(["-p", "3", "--portmap", "(0,5)"], /^l2fwd: port 5 is not enabled in port mask$/);
  await expectFailure(["-p", "7"], /^l2fwd: Invalid portmask; possible \(0x3\)$/);
  await expectFailure(["-p", "3", "--bogus"], /^l2fwd: unrecognized option '--bogus'$/);
  await expectFailure(["-p", "3", "-x"], /^l2fwd: invalid option -- 'x'$/);
  await expectFailure(["-p"], /^l2fwd: option requires an argument -- 'p'$/);
  await expectFailure(
    ["-p", "3", "--no-mac-updating=1"],
    /^l2fwd: option '--no-mac-updating' doesn't allow an argument$/,
  );
  await expectFailure(["-p", "3", "-q", "1"], /^l2fwd: Not enough cores$/);
});

async function stopWhileForwarding(
  lcores: string[],
  appArgs: string[],
  signal: Deno.Signal,
  busy: RegExp,
  from: "process" | "terminal" = "process",
) {
  const prefix = uniquePrefix("l2fwd_sig");
  const args = [...lcores, "--no-pci", "--vdev", "net_null0", "--vdev", "net_null1", "--file-prefix", prefix];
  // a terminal's Ctrl-C goes to the whole foreground group: `deno task` and the app, which
  // then also gets the SIGINT that `deno task` forwards
  const proc = from === "process"
    ? startApp("l2fwd", [...args, "--", ...appArgs], 30000)
    : new Proc("deno task l2fwd", "setsid", [
      Deno.execPath(),
      "task",
      "-q",
      "l2fwd",
      ...args,
      "--",
      ...appArgs,
    ], {
      cwd: ROOT,
      timeoutMs: 30000,
    });
  await proc.waitFor(busy, 20000);
  await new Promise((r) => setTimeout(r, 500));
  if (from === "process") proc.kill(signal);
  else Deno.kill(-proc.child.pid, signal);
  const status = await proc.status();
  assert.equal(status.code, 0, proc.output());
  const signo = signal === "SIGINT" ? 2 : 15;
  assert.ok(proc.lines.includes(`Signal ${signo} received, preparing to exit...`), proc.output());
  assert.ok(proc.lines.includes("Closing port 0... Done"), proc.output());
  assert.ok(proc.lines.includes("Closing port 1... Done"), proc.output());
  assert.equal(proc.lines.at(-1), "Bye...", proc.output());
  assert.deepEqual(groupLeftovers(prefix), []);
}

Deno.test("l2fwd: SIGINT while forwarding on net_null (main and worker lcore) exits 0, ports closed", () =>
  stopWhileForwarding(
    ["-l", "0-1"],
    ["-p", "3", "-q", "1", "-T", "1"],
    "SIGINT",
    /^Total packets received:\s+[1-9]\d*$/,
  ));

Deno.test("l2fwd: Ctrl-C on `deno task l2fwd` (SIGINT to the whole process group) exits 0, ports closed", () =>
  stopWhileForwarding(
    ["-l", "0-1"],
    ["-p", "3", "-q", "1", "-T", "1"],
    "SIGINT",
    /^Total packets received:\s+[1-9]\d*$/,
    "terminal",
  ));

Deno.test("l2fwd: SIGTERM when only a worker lcore forwards (main lcore idle) exits 0, ports closed", () =>
  stopWhileForwarding(
    ["-l", "0-1", "--main-lcore", "1"],
    ["-p", "3", "-q", "2", "-T", "1"],
    "SIGTERM",
    /^L2FWD: {2}-- lcoreid=0 portid=1$/,
  ));
