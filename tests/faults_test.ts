/**
 * Bad input and broken environments end with one clear line and a non-zero
 * exit, never a stack trace: a second primary, a secondary with no primary,
 * bad core masks and lcore lists, bad options, missing hugepages, a missing
 * shim.
 */
import assert from "node:assert/strict";
import { expectOneLineFailure, groupLeftovers, startApp, uniquePrefix } from "./helpers.ts";

function expectFailure(args: string[], cause: RegExp, env?: Record<string, string>): Promise<void> {
  return expectOneLineFailure(startApp("simple_mp", args, 20000, { env }), "simple_mp", cause);
}

Deno.test("fault: a second primary on the same file prefix names the running primary", async () => {
  const prefix = uniquePrefix("fault_2nd");
  const first = startApp("simple_mp", ["-l", "0", "--no-pci", "--file-prefix", prefix]);
  try {
    await first.waitFor(/Finished Process Init/);
    await expectFailure(
      ["-l", "0", "--no-pci", "--proc-type=primary", "--file-prefix", prefix],
      /cannot init EAL: Cannot create lock on '.*\/config'\. Is another primary process running\?$/,
    );
  } finally {
    await first.send("quit");
    assert.equal((await first.status()).code, 0, first.output());
  }
  assert.deepEqual(groupLeftovers(prefix), []);
});

Deno.test("fault: a secondary with no primary says so instead of hanging", async () => {
  const prefix = uniquePrefix("fault_nopri");
  await expectFailure(
    ["-l", "0", "--no-pci", "--proc-type=secondary", "--file-prefix", prefix],
    /no primary process is running with file prefix/,
  );
  // and again once a primary that died left its config file behind
  const dead = startApp("simple_mp", ["-l", "0", "--no-pci", "--file-prefix", prefix]);
  await dead.waitFor(/Finished Process Init/);
  dead.kill("SIGKILL");
  await dead.status();
  await expectFailure(
    ["-l", "0", "--no-pci", "--proc-type=secondary", "--file-prefix", prefix],
    /no primary process is running with file prefix/,
  );
  Deno.removeSync(`/var/run/dpdk/${prefix}`, { recursive: true });
  for (const f of groupLeftovers(prefix)) Deno.removeSync(f, { recursive: true });
});

Deno.test("fault: a bad core mask", () =>
  expectFailure(["-c", "zz", "--no-pci", "--file-prefix", uniquePrefix("fault_mask")], /coremask/));

Deno.test("fault: a core mask naming no available core", () =>
  expectFailure(["-c", "0x100", "--no-pci", "--file-prefix", uniquePrefix("fault_mask2")], /coremask|lcore/));

Deno.test("fault: a bad lcore list", () =>
  expectFailure(
    ["-l", "0-99", "--no-pci", "--file-prefix", uniquePrefix("fault_list")],
    /lcore .*unavailable/,
  ));

Deno.test("fault: an unknown EAL option", () =>
  expectFailure(["-l", "0", "--frobnicate", "--file-prefix", uniquePrefix("fault_opt")], /Invalid/));

Deno.test("fault: no hugepages to be had", async () => {
  const prefix = uniquePrefix("fault_huge");
  await expectFailure(
    ["-l", "0", "--no-pci", "--huge-dir", "/nonexistent", "--file-prefix", prefix],
    /hugepage.*reserve hugepages/,
  );
  assert.deepEqual(groupLeftovers(prefix), [], "a failed primary leaves no runtime folder");
});

Deno.test("fault: the shim cannot be found", () =>
  expectFailure(["-l", "0"], /cannot find libdeno_dpdk_shim\.so/, {
    DENO_DPDK_SHIM: "/nonexistent/libdeno_dpdk_shim.so",
  }));
