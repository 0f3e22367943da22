/**
 * Rings, mempools, memzones and worker lcores against a real EAL; each check
 * runs in its own process with its own file prefix.
 */
import assert from "node:assert/strict";
import { groupLeftovers, Proc, ROOT, runFixtureCheck, uniquePrefix } from "./helpers.ts";

function runCheck(check: string, ealArgs: string[]): Promise<void> {
  return runFixtureCheck("eal_checks", check, ealArgs);
}

Deno.test("ring: create, lookup, SP/SC bursts and bulks, exact size, errors, use after free", () =>
  runCheck("ring", ["-l", "0"]));

Deno.test("mempool: create, lookup, get/put bulk, object bytes, views detached by free", () =>
  runCheck("mempool", ["-l", "0"]));

Deno.test("memzone: reserve, lookup, C struct layout view, free", () => runCheck("memzone", ["-l", "0"]));

Deno.test("worker lcores: lcore id, pinning, thread name, stop, errors, reuse", () =>
  runCheck("lcores", ["--lcores", "0@0,1@1,2@0"]));

Deno.test("primary and secondary share rings, a mempool and a memzone; the last one out removes the group's files", async () => {
  const prefix = uniquePrefix("share");
  const args = (check: string, type: string) => [
    "run",
    "-A",
    `${ROOT}/tests/fixtures/eal_checks.ts`,
    check,
    "--no-pci",
    "-l",
    "0",
    "--file-prefix",
    prefix,
    `--proc-type=${type}`,
    "--log-level=warning",
  ];
  const primary = new Proc("primary", Deno.execPath(), args("share-primary", "primary"));
  await primary.waitFor(/^primary ready$/);
  const secondary = new Proc("secondary", Deno.execPath(), args("share-secondary", "secondary"));
  try {
    await secondary.waitFor(/^secondary replied$/);
    assert.equal((await primary.status()).code, 0, primary.output());
    assert.ok(primary.lines.includes("share-primary ok"));
    assert.notDeepEqual(groupLeftovers(prefix), [], "files stay while the secondary runs");
  } finally {
    await secondary.closeStdin();
  }
  assert.equal((await secondary.status()).code, 0, secondary.output());
  assert.ok(
    secondary.lines.some((l) => l.startsWith("EAL: lcore 0 also used by another process of this group")),
    `a second process on lcore 0 is warned:\n${secondary.output()}`,
  );
  assert.ok(!primary.lines.some((l) => l.includes("also used by another process")), primary.output());
  assert.deepEqual(groupLeftovers(prefix), [], "the last process removed the group's files");
});
