/** The README's demo: client/server on virtual ports, live screen, clean exit, also on Ctrl-C. */
import assert from "node:assert/strict";
import { Proc, ROOT } from "./helpers.ts";

function startDemo(): Proc {
  // its own process group, so that a Ctrl-C can reach every process in it as a terminal's would
  return new Proc("demo", "setsid", [Deno.execPath(), "task", "-q", "demo"], { cwd: ROOT, timeoutMs: 60000 });
}

function assertClean(demo: Proc): void {
  assert.ok(
    demo.lines.some((l) => /^Client\s+1 - rx:\s+[1-9]\d*/.test(l)),
    `clients received:\n${demo.output()}`,
  );
  assert.equal(
    demo.lines.at(-1),
    "demo: the server dealt packets to both clients, which sent them on; all exited cleanly.",
  );
}

Deno.test("demo: runs the client/server pattern with its statistics screen and exits 0", async () => {
  const demo = startDemo();
  assert.equal((await demo.status()).code, 0, demo.output());
  assertClean(demo);
});

Deno.test("demo: Ctrl-C (SIGINT to the whole process group) stops every process cleanly", async () => {
  const demo = startDemo();
  await demo.waitFor(/^Client\s+1 - rx:\s+[1-9]\d*/, 30000);
  Deno.kill(-demo.child.pid, "SIGINT");
  assert.equal((await demo.status()).code, 0, demo.output());
  assertClean(demo);
});
