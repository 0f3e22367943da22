/** 200 of 200 consecutive Deno secondaries attach to a running primary. */
import assert from "node:assert/strict";
import { Proc, ROOT } from "./helpers.ts";

Deno.test("200 consecutive Deno secondaries attach to a TypeScript primary", async () => {
  const proc = new Proc("attach_200", Deno.execPath(), ["run", "-A", `${ROOT}/tests/attach_200.ts`, "200"], {
    timeoutMs: 300_000,
  });
  const status = await proc.status();
  assert.ok(proc.lines.includes("secondary attaches: 200/200 succeeded"), proc.output());
  assert.equal(status.code, 0, proc.output());
});
