/**
 * Multi-process throughput, TypeScript vs C, one run each: the same apps'
 * argv, ports and cores, all TypeScript or all C.
 *
 * - client/server: mp_server (lcores 0-1) reading two net_null ports and
 *   dealing the packets to one or two mp_clients (lcore ids 2 and 3 on CPU
 *   1; with two, three busy-polling processes share two CPUs and the
 *   scheduler decides the figure, which spreads widely from run to run);
 * - symmetric_mp: two processes (lcore 0 and 1), each forwarding its queue
 *   of the two net_null ports.
 *
 * The figure is the packets sent on both ports per second, from the
 * primary's ethdev statistics read through `dpdk-telemetry.py` twice, a
 * fixed interval apart, after a warm-up. net_null generates packets as fast
 * as they are asked for, so the apps (and the rings between them) are what
 * is measured; its secondaries work for these apps (its state lives in the
 * shared device data).
 */
import {
  buildCExample,
  Proc,
  removeGroup,
  startApp,
  startC,
  symmetricMpArgs,
  uniquePrefix,
} from "../tests/helpers.ts";
import type { Kind } from "./runs.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PORTS = ["--vdev", "net_null0", "--vdev", "net_null1"];

/** Packets sent on ports 0 and 1 per second, measured over `seconds` through the group's telemetry. */
async function txRate(prefix: string, seconds: number): Promise<number> {
  const telemetry = new Proc("telemetry", "dpdk-telemetry.py", ["-f", prefix], { timeoutMs: 60000 });
  const sample = async () => {
    const from = telemetry.lines.length;
    await telemetry.send("/ethdev/stats,0");
    await telemetry.send("/ethdev/stats,1");
    await telemetry.waitFor(/"\/ethdev\/stats"/, 10000, from);
    while (telemetry.lines.slice(from).filter((l) => l.startsWith('{"/ethdev/stats"')).length < 2) {
      await sleep(5);
    }
    const at = performance.now();
    const sent = telemetry.lines.slice(from).filter((l) => l.startsWith('{"/ethdev/stats"'))
      .reduce((n, l) => n + JSON.parse(l)["/ethdev/stats"].opackets, 0);
    return { at, sent };
  };
  try {
    const a = await sample();
    await sleep(seconds * 1000);
    const b = await sample();
    return (b.sent - a.sent) / ((b.at - a.at) / 1000);
  } finally {
    await telemetry.status();
  }
}

async function stopAll(procs: Proc[], prefix: string): Promise<void> {
  for (const p of procs.reverse()) {
    p.kill("SIGINT");
    const timer = setTimeout(() => p.kill("SIGKILL"), 5000); // C mp_server can hang in its handler
    await p.status();
    clearTimeout(timer);
  }
  removeGroup(prefix);
}

const binaries: Record<string, Promise<string>> = {};
const cBinary = (path: string) => binaries[path] ??= buildCExample(path);

function start(kind: Kind, app: string, example: string, args: string[]): Promise<Proc> {
  return kind === "TS"
    ? Promise.resolve(startApp(app, args, 60000))
    : cBinary(example).then((binary) => startC(app, binary, args, 60000));
}

/** mp_server + `clients` mp_clients: packets the clients send per second. */
export async function clientServerRun(kind: Kind, seconds = 2, clients = 2): Promise<number> {
  const prefix = uniquePrefix(`bench_cs_${kind}`);
  const eal = ["--no-pci", "--file-prefix", prefix];
  const procs: Proc[] = [];
  try {
    const server = await start(kind, "mp_server", "multi_process/client_server_mp/mp_server", [
      "-l",
      "0-1",
      ...eal,
      ...PORTS,
      "--",
      "-p",
      "3",
      "-n",
      String(clients),
    ]);
    procs.push(server);
    await server.waitFor(/Finished Process Init/);
    for (let id = 0; id < clients; id++) {
      // each process needs its own lcore id (mempool caches are per lcore id, in shared memory)
      const client = await start(kind, "mp_client", "multi_process/client_server_mp/mp_client", [
        "--lcores",
        `${2 + id}@1`,
        "--proc-type=secondary",
        ...eal,
        "--",
        "-n",
        String(id),
      ]);
      procs.push(client);
      await client.waitFor(/handling packets/);
    }
    await sleep(1000);
    return await txRate(prefix, seconds);
  } finally {
    await stopAll(procs, prefix);
  }
}

/** symmetric_mp with 2 processes: packets forwarded per second by both. */
export async function symmetricRun(kind: Kind, seconds = 2): Promise<number> {
  const prefix = uniquePrefix(`bench_sym_${kind}`);
  const procs: Proc[] = [];
  try {
    for (const id of [0, 1]) {
      const args = symmetricMpArgs(prefix, id, PORTS);
      const proc = await start(kind, "symmetric_mp", "multi_process/symmetric_mp", args);
      procs.push(proc);
      await proc.waitFor(new RegExp(`lcore ${id} using queue ${id} of each port`));
    }
    await sleep(1000);
    return await txRate(prefix, seconds);
  } finally {
    await stopAll(procs, prefix);
  }
}

if (import.meta.main) {
  for (const kind of ["C", "TS"] as const) {
    console.log(`${kind} client/server ${((await clientServerRun(kind)) / 1e6).toFixed(2)} Mpps`);
    console.log(`${kind} symmetric_mp ${((await symmetricRun(kind)) / 1e6).toFixed(2)} Mpps`);
  }
}
