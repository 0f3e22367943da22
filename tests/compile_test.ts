/**
 * `deno task compile`: builds every app into dist/ where Deno's runtime for
 * executables can be had, and otherwise says so in one line and exits 1.
 */
import assert from "node:assert/strict";
import { Proc, ROOT } from "./helpers.ts";

Deno.test("compile: executables in dist/, or one clear line where denort cannot be downloaded", async () => {
  const proc = new Proc("compile", Deno.execPath(), ["run", "-A", `${ROOT}/apps/compile.ts`], {
    timeoutMs: 300_000,
  });
  const { code } = await proc.status();
  if (code === 0) {
    for (const app of ["simple_mp", "libdeno_dpdk_shim.so"]) {
      assert.ok(Deno.statSync(`${ROOT}/dist/${app}`).isFile, `dist/${app}`);
    }
  } else {
    assert.equal(code, 1);
    const lines = proc.lines.filter((l) => l.trim());
    assert.equal(lines.length, 1, proc.output());
    assert.match(lines[0], /^compile: cannot download Deno's runtime for compiled executables \(denort\)/);
  }
});
