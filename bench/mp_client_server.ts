/**
 * client_server_mp throughput, one run: mp_server (lcores 0-1) replaying a
 * capture forever on two net_pcap ports (`infinite_rx`, tx to /dev/null)
 * and two mp_clients (lcore ids 2 and 3 on CPU 1), all TypeScript or all C,
 * same ports and cores. The figure is the clients' transmitted packets per
 * second, read from the server's statistics screen. `bench/main.ts mp`
 * alternates C and TypeScript runs.
 *
 * The whole pipeline is measured, net_pcap included, and net_pcap's TX path
 * bounds it: C and TypeScript clients both send about 0.2 Mpps here, so the
 * ratio says that the TypeScript apps are not the bottleneck, not how much
 * faster C's loop is. net_null and net_ring, which would not bound it, are
 * not multi-process aware.
 */
import { buildCExample, type Proc, removeGroup, startApp, startC, uniquePrefix } from "../tests/helpers.ts";
import { makeFrames, writePcap } from "../apps/common/pcap.ts";
import type { Kind } from "./runs.ts";

/** The clients' summed tx on each statistics screen so far. */
function clientTx(lines: readonly string[]): number[] {
  const totals: number[] = [];
  let sum = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "CLIENTS") sum = 0;
    const m = /^\s+tx:\s+(\d+), tx_drop/.exec(lines[i]);
    if (!m) continue;
    sum += Number(m[1]);
    if (/^Client\s+1 /.test(lines[i - 1])) totals.push(sum);
  }
  return totals;
}

let setup: Promise<{ dir: string; server: string; client: string }> | undefined;

/** The capture folder and the C binaries, made once per bench run. */
function prepare(): Promise<{ dir: string; server: string; client: string }> {
  return setup ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "bench_cs_" });
    // secondaries see the primary's device arguments cut to 63 characters: short names ("n" is /dev/null)
    await Deno.symlink("/dev/null", `${dir}/n`);
    for (const p of [0, 1]) writePcap(`${dir}/in${p}`, makeFrames(p, 64, [60]));
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    return {
      dir,
      server: await buildCExample("multi_process/client_server_mp/mp_server"),
      client: await buildCExample("multi_process/client_server_mp/mp_client"),
    };
  })();
}

/** One run: the clients' tx rate in packets per second over `seconds` statistics screens. */
export async function clientServerRun(kind: Kind, seconds = 3): Promise<number> {
  const { dir, server: cServer, client: cClient } = await prepare();
  const prefix = uniquePrefix(`bench_cs_${kind}`);
  const eal = (lcores: string, type: string) => [
    "--lcores",
    lcores,
    "--no-pci",
    `--proc-type=${type}`,
    "--file-prefix",
    prefix,
  ];
  const vdevs = [0, 1].flatMap((
    p,
  ) => ["--vdev", `net_pcap${p},rx_pcap=in${p},infinite_rx=1,tx_pcap=n,tx_pcap=n`]);
  const start = (app: "mp_server" | "mp_client", args: string[]) =>
    kind === "TS"
      ? startApp(app, args, 60000, { cwd: dir })
      : startC(app, app === "mp_server" ? cServer : cClient, args, 60000, { cwd: dir });
  const server = start("mp_server", [...eal("0-1", "primary"), ...vdevs, "--", "-p", "3", "-n", "2"]);
  const procs: Proc[] = [server];
  try {
    await server.waitFor(/Finished Process Init/);
    for (const id of [0, 1]) {
      // each process needs its own lcore id (mempool caches are per lcore id, in shared memory)
      const client = start("mp_client", [...eal(`${2 + id}@1`, "secondary"), "--", "-n", String(id)]);
      procs.push(client);
      await client.waitFor(/handling packets/);
    }
    const screens = () => clientTx(server.lines);
    while (screens().length < 2) await new Promise((r) => setTimeout(r, 100));
    const first = screens().length;
    const t0 = performance.now();
    const a = screens()[first - 1];
    while (screens().length < first + seconds) await new Promise((r) => setTimeout(r, 50));
    const b = screens()[first + seconds - 1];
    return (b - a) / ((performance.now() - t0) / 1000);
  } finally {
    for (const p of procs.reverse()) {
      p.kill("SIGINT");
      const timer = setTimeout(() => p.kill("SIGKILL"), 5000); // C mp_server can hang in its handler
      await p.status();
      clearTimeout(timer);
    }
    removeGroup(prefix);
  }
}
