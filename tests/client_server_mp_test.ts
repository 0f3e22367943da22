/**
 * client_server_mp on net_pcap ports: the TypeScript mp_server and
 * mp_client with each other and with DPDK's C apps. Every packet read from
 * a port is either sent by a client on the paired port or counted as
 * dropped; the output pcaps hold exactly the input frames of the paired
 * port. Faults: a client killed and restarted, a server killed (the
 * client exits with one line), bad options; SIGINT exits 0.
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
  uniquePrefix,
} from "./helpers.ts";
import { eventually, PcapPorts, sameFrames } from "./pcap_mp.ts";
import { MBUF_PORT_OFFSET } from "../apps/mp_client/forward.ts";

const FRAMES = 100; // per port: 2 x 100 fit in two client rings of 128 before the clients start

const serverArgs = (prefix: string, ports: PcapPorts) => [
  "-l",
  "0-1",
  "--no-pci",
  "--file-prefix",
  prefix,
  ...ports.vdevs(),
  "--",
  "-p",
  "3",
  "-n",
  "2",
];
// every process of a group needs its own lcore id (mempool caches are per lcore id, in shared memory):
// the server has 0 and 1, client N gets lcore id 2 + N on CPU 1
const clientArgs = (prefix: string, id: number) => [
  "--lcores",
  `${2 + id}@1`,
  "--proc-type=secondary",
  "--no-pci",
  "--file-prefix",
  prefix,
  "--",
  "-n",
  String(id),
];

interface ClientLine {
  rx: number;
  rxDrop: number;
  tx: number;
  txDrop: number;
}

/** The clients' figures on the server's latest statistics screen. */
function screen(server: Proc): Map<number, ClientLine> {
  const result = new Map<number, ClientLine>();
  const lines = server.lines;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = /Client\s+(\d+) - rx:\s+(\d+), rx_drop:\s+(\d+)/.exec(lines[i]);
    const b = /^\s+tx:\s+(\d+), tx_drop:\s+(\d+)/.exec(lines[i + 1]);
    if (a && b) result.set(Number(a[1]), { rx: +a[2], rxDrop: +a[3], tx: +b[1], txDrop: +b[2] });
  }
  return result;
}

const forwarded = (server: Proc, total: number) => () => {
  const s = [...screen(server).values()];
  return s.length === 2 && s.reduce((n, c) => n + c.tx + c.txDrop + c.rxDrop, 0) === total;
};

async function startClient(ports: PcapPorts, prefix: string, id: number, c?: string): Promise<Proc> {
  const proc = c
    ? ports.startC("mp_client", c, clientArgs(prefix, id))
    : ports.startApp("mp_client", clientArgs(prefix, id));
  await proc.waitFor(new RegExp(`Client process ${id} handling packets`));
  ports.keep(id);
  return proc;
}

/** SIGINT; a TypeScript app must exit 0. DPDK's C apps are only given 5 s (mp_server's
 * handler closes ports inside the signal handler and can deadlock). */
async function stop(proc: Proc, c = false): Promise<void> {
  proc.kill("SIGINT");
  if (c) {
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
    await proc.status();
    clearTimeout(timer);
    return;
  }
  assert.equal((await proc.status()).code, 0, proc.output());
}

/** Server and two clients (TypeScript unless a C binary is given); checks every packet. */
async function run(c: { server?: string; client?: string }): Promise<void> {
  const prefix = uniquePrefix("csmp");
  const ports = PcapPorts.create(2, 1, 2, FRAMES);
  const server = c.server
    ? ports.startC("mp_server", c.server, serverArgs(prefix, ports))
    : ports.startApp("mp_server", serverArgs(prefix, ports));
  const clients: Proc[] = [];
  try {
    await server.waitFor(/Finished Process Init/);
    clients.push(await startClient(ports, prefix, 0, c.client));
    clients.push(await startClient(ports, prefix, 1, c.client));
    await eventually("the screen to count every packet", forwarded(server, 2 * FRAMES));
    const s = screen(server);
    for (const id of [0, 1]) {
      assert.deepEqual(s.get(id), { rx: FRAMES, rxDrop: 0, tx: FRAMES, txDrop: 0 }, server.output());
    }
    assert.ok(server.lines.some((l) => /Port 0 - rx:\s+100\ttx:\s+100$/.test(l)), server.output());
    for (const client of clients) await stop(client, c.client !== undefined);
    await stop(server, c.server !== undefined);
    assert.equal(sameFrames(ports.output(1), ports.inputs[0]), "");
    assert.equal(sameFrames(ports.output(0), ports.inputs[1]), "");
  } finally {
    for (const p of [...clients, server]) p.kill("SIGKILL");
    await Promise.all([...clients, server].map((p) => p.status()));
    ports.remove();
  }
  finishGroup(prefix, c.server !== undefined || c.client !== undefined);
}

Deno.test("client_server_mp: TypeScript server and two TypeScript clients forward every packet", () =>
  run({}));

Deno.test("client_server_mp: TypeScript server with DPDK's C clients", async () =>
  run({ client: await buildCExample("multi_process/client_server_mp/mp_client") }));

Deno.test("client_server_mp: DPDK's C server with TypeScript clients", async () =>
  run({ server: await buildCExample("multi_process/client_server_mp/mp_server") }));

Deno.test("client_server_mp: a client killed and restarted leaves the server and its counters running", async () => {
  const prefix = uniquePrefix("csmp_restart");
  const ports = PcapPorts.create(2, 1, 2, FRAMES);
  const server = ports.startApp("mp_server", serverArgs(prefix, ports));
  const procs = [server];
  try {
    await server.waitFor(/Finished Process Init/);
    const first = await startClient(ports, prefix, 0);
    procs.push(first);
    procs.push(await startClient(ports, prefix, 1));
    await eventually("every packet forwarded", forwarded(server, 2 * FRAMES));
    first.kill("SIGKILL");
    await first.status();
    const again = await startClient(ports, prefix, 0);
    procs.push(again);
    const from = server.lines.length;
    await server.waitFor(/CLIENTS/, 5000, from); // the screen still refreshes
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(screen(server).get(0), { rx: FRAMES, rxDrop: 0, tx: FRAMES, txDrop: 0 });
    await stop(again);
    await stop(procs[2]);
    await stop(server);
    assert.equal(sameFrames(ports.output(1), ports.inputs[0]), "");
  } finally {
    for (const p of procs) p.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.status()));
    ports.remove();
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("client_server_mp: a client whose server is killed exits with one clear line", async () => {
  const prefix = uniquePrefix("csmp_gone");
  const ports = PcapPorts.create(2, 1, 2, FRAMES);
  const server = ports.startApp("mp_server", serverArgs(prefix, ports));
  let client: Proc | undefined;
  try {
    await server.waitFor(/Finished Process Init/);
    client = await startClient(ports, prefix, 0);
    server.kill("SIGKILL");
    await server.status();
    const status = await client.status();
    assert.equal(status.code, 1, client.output());
    assert.match(client.lines.at(-1)!, /^mp_client: the server \(primary process\) of .* is gone; exiting$/);
  } finally {
    server.kill("SIGKILL");
    client?.kill("SIGKILL");
    await Promise.all([server.status(), client?.status()]);
    ports.remove();
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

for (
  const [what, app, extra, cause] of [
    ["a bad port mask", "mp_server", ["-p", "zz", "-n", "2"], /invalid port mask 'zz'/],
    ["an odd number of ports", "mp_server", ["-p", "1", "-n", "2"], /even number of ports/],
    ["-n 0", "mp_server", ["-p", "3", "-n", "0"], /invalid number of clients '0'/],
    ["-n 17", "mp_server", ["-p", "3", "-n", "17"], /invalid number of clients '17'/],
    ["an unknown option", "mp_server", ["-p", "3", "-n", "2", "-x"], /invalid option -- 'x'$/],
    ["a client with no server", "mp_client", ["-n", "0"], /no server is running/],
    ["a bad client id", "mp_client", ["-n", "x"], /invalid client id 'x'/],
  ] as const
) {
  Deno.test(`client_server_mp: ${what} ends with one line`, async () => {
    const prefix = uniquePrefix("csmp_bad");
    await expectOneLineFailure(startApp(app, [...nullPortsEal(prefix), "--", ...extra], 20000), app, cause);
    assert.deepEqual(groupLeftovers(prefix), []);
  });
}

Deno.test("client_server_mp: the mbuf's port field is where the client reads it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = `#include <stdio.h>\n#include <stddef.h>\n#include <rte_mbuf.h>\n` +
      `int main(void) { printf("%zu", offsetof(struct rte_mbuf, port)); return 0; }\n`;
    await Deno.writeTextFile(`${dir}/o.c`, src);
    const cflags = new TextDecoder().decode(
      (await new Deno.Command("pkg-config", { args: ["--cflags", "libdpdk"] }).output()).stdout,
    ).trim().split(/\s+/);
    const cc = await new Deno.Command("cc", { args: [...cflags, "-o", `${dir}/o`, `${dir}/o.c`] }).output();
    assert.ok(cc.success);
    const out = new TextDecoder().decode((await new Deno.Command(`${dir}/o`).output()).stdout);
    assert.equal(Number(out), MBUF_PORT_OFFSET);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
