/**
 * The demo: DPDK's client/server pattern (client_server_mp) in TypeScript on
 * this machine, no NIC. mp_server reads two virtual ports (net_pcap replaying
 * a small capture forever) and deals the packets round-robin to two mp_client
 * processes, which send them out of the paired port; the server's statistics
 * screen refreshes every second. Runs for a few seconds, or until Ctrl-C.
 *
 *   deno task demo
 */
import { runApp } from "./common/cli.ts";
import { Proc } from "./common/process.ts";
import { makeFrames, writePcap } from "./common/pcap.ts";
import { groupHugepageFiles, runtimeDirFor } from "../ffi/group_files.ts";
import { listenForStopSignals } from "../ffi/signals.ts";

const RUN_MS = 6000;
const prefix = `demo_${Deno.pid}`;
const app = (name: string) => new URL(`./${name}/main.ts`, import.meta.url).pathname;

function start(name: string, dir: string, args: string[], show: (line: string) => void): Proc {
  console.log(`$ deno task ${name} ${args.join(" ")}`);
  // net_pcap's secondaries re-read the primary's device arguments cut to 63 characters: short relative names
  return new Proc(name, Deno.execPath(), ["run", "-A", app(name), ...args], {
    cwd: dir,
    timeoutMs: 60_000,
    onLine: show,
  });
}

await runApp("demo", async () => {
  const dir = await Deno.makeTempDir({ prefix: "deno_dpdk_demo_" });
  const eal = (lcores: string, type: string) => [
    "--lcores",
    lcores,
    "--no-pci",
    `--proc-type=${type}`,
    "--file-prefix",
    prefix,
    "--log-level=warning",
  ];
  // secondaries see the primary's device arguments cut to 63 characters: short names ("n" is /dev/null)
  await Deno.symlink("/dev/null", `${dir}/n`);
  const vdevs = [0, 1].flatMap((p) => {
    writePcap(`${dir}/in${p}`, makeFrames(p, 64, [60]));
    return ["--vdev", `net_pcap${p},rx_pcap=in${p},infinite_rx=1,tx_pcap=n,tx_pcap=n`];
  });
  const procs: Proc[] = [];
  const failed: string[] = [];
  let stopEarly = () => {};
  const stopped = new Promise<void>((resolve) => stopEarly = resolve);
  // Ctrl-C reaches the whole process group (the apps too, and `deno task` forwards it once more):
  // keep listening until every app has exited
  let signalled = false;
  const unlisten = listenForStopSignals(() => {
    signalled = true;
    stopEarly();
  });
  try {
    const server = start(
      "mp_server",
      dir,
      [...eal("0-1", "primary"), ...vdevs, "--", "-p", "3", "-n", "2"],
      (l) => console.log(l),
    );
    procs.push(server);
    await server.waitFor(/Finished Process Init/);
    for (const id of [0, 1]) {
      // each process needs its own lcore id (mempool caches are per lcore id, in shared memory)
      const client = start(
        "mp_client",
        dir,
        [...eal(`${2 + id}@1`, "secondary"), "--", "-n", String(id)],
        (l) => {
          if (l.trim()) console.log(`[client ${id}] ${l}`);
        },
      );
      procs.push(client);
      await client.waitFor(/handling packets/);
    }
    await Promise.race([stopped, new Promise((r) => setTimeout(r, RUN_MS))]);
  } finally {
    for (const proc of procs.reverse()) {
      // a Ctrl-C from the terminal has reached the apps already: a second one would force them down
      if (!signalled) {
        console.log(`> ${proc.name}: SIGINT`);
        proc.kill("SIGINT");
      }
      const { code } = await proc.status();
      if (code !== 0) failed.push(`${proc.name} exited with ${code}`);
    }
    await Deno.remove(dir, { recursive: true });
    unlisten();
  }
  if (failed.length > 0) throw new Error(failed.join("; "));
  const left = groupHugepageFiles({ runtimeDir: runtimeDirFor(prefix), filePrefix: prefix });
  if (left.length > 0) throw new Error(`files left behind: ${left.join(" ")}`);
  console.log("demo: the server dealt packets to both clients, which sent them on; all exited cleanly.");
});
