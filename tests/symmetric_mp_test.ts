/**
 * symmetric_mp on net_pcap ports with two queues: TypeScript with
 * TypeScript and with DPDK's C symmetric_mp in one group. Each process
 * forwards its queue of each port to the paired port; its exit lines count
 * every packet (RX = TX + Drop) and the output pcaps hold exactly the
 * input frames. Faults: the primary killed (frames written into a FIFO rx
 * file after its death reach the secondary's output), a secondary restarted
 * with the same --proc-id, bad options; SIGINT exits 0.
 */
import assert from "node:assert/strict";
import {
  buildCExample,
  expectOneLineFailure,
  finishGroup,
  groupLeftovers,
  nullPortsEal,
  type Proc,
  startApp,
  symmetricMpArgs,
  uniquePrefix,
} from "./helpers.ts";
import { encodePcap, makeFrames } from "../apps/common/pcap.ts";
import { eventually, PcapPorts, sameFrames } from "./pcap_mp.ts";

const FRAMES = 1000; // per port and queue

const args = (prefix: string, ports: PcapPorts, id: number) => symmetricMpArgs(prefix, id, ports.vdevs());

async function start(ports: PcapPorts, prefix: string, id: number, c?: string): Promise<Proc> {
  const a = args(prefix, ports, id);
  const proc = c ? ports.startC("symmetric_mp", c, a) : ports.startApp("symmetric_mp", a);
  await proc.waitFor(new RegExp(`^lcore ${id} using queue ${id} of each port`));
  ports.keep(id);
  return proc;
}

/** SIGINT; the exit lines per port. */
async function stop(proc: Proc): Promise<Map<number, number[]>> {
  proc.kill("SIGINT");
  assert.equal((await proc.status()).code, 0, proc.output());
  assert.ok(proc.lines.some((l) => l === "Exiting on signal 2"), proc.output());
  const counts = new Map<number, number[]>();
  for (const l of proc.lines) {
    const m = /^Port (\d+): RX - (\d+), TX - (\d+), Drop - (\d+)$/.exec(l);
    if (m) counts.set(Number(m[1]), [+m[2], +m[3], +m[4]]);
  }
  return counts;
}

/** Waits until the process has sent its whole input (its output files stop growing). */
async function drained(ports: PcapPorts, expected: number): Promise<void> {
  const end = Date.now() + 15000;
  while (ports.output(0, true).length + ports.output(1, true).length < expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pair(c: { primary?: string; secondary?: string }): Promise<void> {
  const prefix = uniquePrefix("symmp");
  const ports = PcapPorts.create(2, 2, 2, FRAMES);
  const procs: Proc[] = [];
  try {
    procs.push(await start(ports, prefix, 0, c.primary));
    procs.push(await start(ports, prefix, 1, c.secondary));
    await drained(ports, 4 * FRAMES);
    const [first, second] = [await stop(procs[1]), await stop(procs[0])];
    for (const counts of [first, second]) {
      assert.deepEqual(counts.get(0), [FRAMES, FRAMES, 0]);
      assert.deepEqual(counts.get(1), [FRAMES, FRAMES, 0]);
    }
    assert.equal(sameFrames(ports.output(1), ports.inputs[0]), "");
    assert.equal(sameFrames(ports.output(0), ports.inputs[1]), "");
  } finally {
    for (const p of procs) p.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.status()));
    ports.remove();
  }
  finishGroup(prefix, c.primary !== undefined || c.secondary !== undefined);
}

Deno.test("symmetric_mp: two TypeScript processes forward every packet of their queues", () => pair({}));

Deno.test("symmetric_mp: DPDK's C primary (queue 0) and a TypeScript secondary (queue 1)", async () =>
  pair({ primary: await buildCExample("multi_process/symmetric_mp") }));

Deno.test("symmetric_mp: a TypeScript primary and DPDK's C secondary", async () =>
  pair({ secondary: await buildCExample("multi_process/symmetric_mp") }));

Deno.test("symmetric_mp: the primary's port set-up prints the C app's lines", async () => {
  const prefix = uniquePrefix("symmp_lines");
  const ports = PcapPorts.create(2, 2, 2, 10);
  const proc = await start(ports, prefix, 0);
  try {
    for (const port of [0, 1]) {
      await proc.waitFor(
        new RegExp(
          `Port ${port} modified RSS hash function based on hardware support,requested:0xa38c configured:0`,
        ),
      );
      await proc.waitFor(
        new RegExp(`^Port ${port} configuration failed. Re-attempting with HW checksum disabled.`),
      );
      await proc.waitFor(new RegExp(`^Port ${port} Link up`));
    }
    await proc.waitFor(/^Lcore 0 using ports 0 1 $/);
    await drained(ports, 20);
    assert.deepEqual(await stop(proc), new Map([[0, [10, 10, 0]], [1, [10, 10, 0]]]));
  } finally {
    proc.kill("SIGKILL");
    await proc.status();
    ports.remove();
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("symmetric_mp: frames that arrive after the primary is killed (SIGKILL) are forwarded by a secondary", async () => {
  // Port 0's rx queue 1 is a FIFO: the frames are written into it only once the primary is dead.
  const prefix = uniquePrefix("symmp_kill");
  const ports = PcapPorts.create(2, 2, 2, FRAMES);
  const fifo = `${ports.dir}/0r1`;
  Deno.removeSync(fifo);
  assert.ok((await new Deno.Command("mkfifo", { args: [fifo] }).output()).success);
  const late = makeFrames(7, 500);
  const header = encodePcap([]);
  const writerOpened = Deno.open(fifo, { write: true }); // resolves when the primary's net_pcap opens it
  let writer: Deno.FsFile | undefined;
  let writing = true;
  let primary: Proc | undefined;
  let secondary: Proc | undefined;
  try {
    const started = start(ports, prefix, 0);
    writer = await Promise.race([writerOpened, started.then(() => writerOpened)]);
    await writer.write(header); // the pcap header the primary reads at probe
    primary = await started;
    secondary = ports.startApp("symmetric_mp", args(prefix, ports, 1));
    await writer.write(header); // the secondary opens the files again and reads its own header
    await secondary.waitFor(/^lcore 1 using queue 1 of each port/);
    ports.keep(1);
    primary.kill("SIGKILL");
    await primary.status();
    await writer.write(encodePcap(late).subarray(header.length));
    writer.close();
    writing = false;
    const sentBySecondary = (partial = false) => ports.output(1, partial, 1); // its files: the second keep()
    await eventually("the late frames", () => sentBySecondary(true).length >= late.length);
    const counts = await stop(secondary);
    assert.deepEqual(counts.get(0), [late.length, FRAMES, 0]); // RX, TX (port 1's frames), Drop
    assert.deepEqual(counts.get(1), [FRAMES, late.length, 0]);
    assert.equal(sameFrames(sentBySecondary(), late), "");
  } finally {
    if (!writer) {
      // no process opened the FIFO: answer the pending open so that it ends
      for (const f of await Promise.all([writerOpened, Deno.open(fifo, { read: true })])) f.close();
    } else if (writing) writer.close();
    primary?.kill("SIGKILL");
    secondary?.kill("SIGKILL");
    await Promise.all([primary?.status(), secondary?.status()]);
    ports.remove();
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("symmetric_mp: a secondary restarted with the same --proc-id rejoins and forwards", async () => {
  const prefix = uniquePrefix("symmp_rejoin");
  const ports = PcapPorts.create(2, 2, 2, FRAMES);
  const procs: Proc[] = [];
  try {
    procs.push(await start(ports, prefix, 0));
    const first = await start(ports, prefix, 1);
    procs.push(first);
    await drained(ports, 4 * FRAMES);
    first.kill("SIGKILL");
    await first.status();
    const again = await start(ports, prefix, 1); // net_pcap re-reads queue 1's input in the new process
    procs.push(again);
    await drained(ports, 6 * FRAMES);
    const counts = await stop(again);
    assert.deepEqual(counts.get(0), [FRAMES, FRAMES, 0]);
    assert.deepEqual(counts.get(1), [FRAMES, FRAMES, 0]);
    assert.deepEqual((await stop(procs[0])).get(0), [FRAMES, FRAMES, 0]);
    assert.equal(ports.output(0).length, 3 * FRAMES);
    assert.equal(ports.output(1).length, 3 * FRAMES);
  } finally {
    for (const p of procs) p.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.status()));
    ports.remove();
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

for (
  const [what, extra, cause] of [
    ["a missing proc-id", ["-p", "3", "--num-procs", "2"], /invalid or missing proc-id parameter/],
    ["a missing num-procs", ["-p", "3", "--proc-id", "0"], /invalid or missing num-procs parameter/],
    ["a bad port mask", ["-p", "zz", "--num-procs", "1", "--proc-id", "0"], /invalid port mask 'zz'/],
    ["an odd number of ports", ["-p", "1", "--num-procs", "1", "--proc-id", "0"], /even number of ports/],
    [
      "a proc-id not below num-procs",
      ["-p", "3", "--num-procs", "2", "--proc-id", "2"],
      /not below num-procs/,
    ],
    [
      "an unknown option",
      ["-p", "3", "--num-procs=1", "--proc-id=0", "--frob"],
      /unrecognized option '--frob'$/,
    ],
  ] as const
) {
  Deno.test(`symmetric_mp: ${what} ends with one line`, async () => {
    const prefix = uniquePrefix("symmp_bad");
    const proc = startApp("symmetric_mp", [...nullPortsEal(prefix), "--", ...extra], 20000);
    await expectOneLineFailure(proc, "symmetric_mp", cause);
    assert.deepEqual(groupLeftovers(prefix), []);
  });
}
