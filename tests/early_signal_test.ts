/**
 * A stop signal that comes before an app's loop or prompt runs (during EAL's
 * init, or while it sets up ports, pools and lcores) still stops it cleanly: exit 0 and
 * nothing left. Deno installs its own signal handler lazily, and a signal it
 * takes reaches only its listeners; the apps keep both (see ffi/signals.ts).
 */
import assert from "node:assert/strict";
import {
  groupLeftovers,
  nullPortsEal,
  type Proc,
  startApp,
  symmetricMpArgs,
  uniquePrefix,
} from "./helpers.ts";

const nullVdevs = ["--vdev", "net_null0", "--vdev", "net_null1"];

const apps: { app: string; args: (prefix: string) => string[]; setUp: RegExp }[] = [
  { app: "l2fwd", args: (p) => [...nullPortsEal(p), "--", "-p", "3", "-q", "2"], setUp: /^MAC updating/ },
  {
    app: "symmetric_mp",
    args: (p) => symmetricMpArgs(p, 0, nullVdevs),
    setUp: /^APP: Finished Process Init/,
  },
  {
    app: "mp_server",
    args: (p) => [...nullPortsEal(p), "--", "-p", "3", "-n", "1"],
    setUp: /^Creating mbuf pool/,
  },
  {
    app: "simple_mp",
    args: (p) => ["-l", "0-1", "--no-pci", "--file-prefix", p],
    setUp: /^APP: Finished Process Init/,
  },
];

async function stopAt(proc: Proc, line: RegExp, signal: Deno.Signal): Promise<void> {
  await proc.waitFor(line);
  proc.kill(signal);
  assert.equal((await proc.status()).code, 0, proc.output());
}

for (const { app, args, setUp } of apps) {
  for (
    const [when, line] of [["during EAL's init", /^EAL: Detected CPU lcores/], [
      "while it sets up",
      setUp,
    ]] as const
  ) {
    Deno.test(`${app}: SIGINT ${when} exits 0 and leaves nothing`, async () => {
      const prefix = uniquePrefix(`early_${app}`);
      await stopAt(startApp(app, args(prefix), 10000), line, "SIGINT");
      assert.deepEqual(groupLeftovers(prefix), []);
    });
  }
}

Deno.test("mp_client: SIGTERM during EAL's init exits 0; the server runs on and stops cleanly", async () => {
  const prefix = uniquePrefix("early_client");
  const server = startApp("mp_server", [...nullPortsEal(prefix), "--", "-p", "3", "-n", "1"], 20000);
  try {
    await server.waitFor(/^APP: Finished Process Init/);
    const client = startApp("mp_client", [
      ...["--lcores", "1@0", "--proc-type=secondary", "--no-pci", "--file-prefix", prefix, "--", "-n", "0"],
    ], 10000);
    await stopAt(client, /^EAL: Detected CPU lcores/, "SIGTERM");
  } finally {
    await stopAt(server, /./, "SIGINT");
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});
