/**
 * Shim lookup, as the sources and compiled executables use it; and the EAL
 * argv helpers.
 */
import assert from "node:assert/strict";
import {
  DEFAULT_BASE_VIRTADDR,
  ealOption,
  SHIM_FILE,
  shimCandidates,
  withDefaultBaseVirtaddr,
} from "../mod.ts";
import { Proc, ROOT } from "./helpers.ts";

const moduleUrl = "file:///opt/deno-dpdk/ffi/library.ts";

Deno.test("shim lookup: the environment variable wins", () => {
  assert.deepEqual(
    shimCandidates({ env: "/x/libshim.so", execPath: "/usr/bin/deno", standalone: false, moduleUrl }),
    ["/x/libshim.so"],
  );
});

Deno.test("shim lookup: from the sources, the build output next to ffi/", () => {
  assert.deepEqual(
    shimCandidates({ execPath: "/usr/bin/deno", standalone: false, moduleUrl }),
    [`/opt/deno-dpdk/shim-c/build/${SHIM_FILE}`],
  );
});

Deno.test("shim lookup: a compiled executable tries the file beside it, then its embedded copy", () => {
  assert.deepEqual(
    shimCandidates({ execPath: "/usr/local/bin/l2fwd", standalone: true, moduleUrl }),
    [`/usr/local/bin/${SHIM_FILE}`, `/opt/deno-dpdk/shim-c/build/${SHIM_FILE}`],
  );
});

Deno.test("shim lookup: DENO_DPDK_SHIM really loads the library it names", async () => {
  const copy = await Deno.makeTempFile({ suffix: ".so" });
  try {
    await Deno.copyFile(`${ROOT}/shim-c/build/${SHIM_FILE}`, copy);
    const code = `import { shimCandidates } from "${ROOT}/mod.ts"; console.log("loaded")`;
    const proc = new Proc("env shim", Deno.execPath(), ["eval", code], {
      env: { DENO_DPDK_SHIM: copy },
      timeoutMs: 20000,
    });
    assert.equal((await proc.status()).code, 0, proc.output());
    assert.ok(proc.lines.includes("loaded"));
    const maps = new Proc("maps", Deno.execPath(), [
      "eval",
      `await import("${ROOT}/mod.ts"); console.log(Deno.readTextFileSync("/proc/self/maps").includes("${copy}"))`,
    ], { env: { DENO_DPDK_SHIM: copy }, timeoutMs: 20000 });
    await maps.status();
    assert.ok(maps.lines.includes("true"), `the copy was mapped:\n${maps.output()}`);
  } finally {
    await Deno.remove(copy);
  }
});

Deno.test("EAL argv: a high --base-virtaddr is added unless the user gives one", () => {
  assert.deepEqual(withDefaultBaseVirtaddr(["app", "-l", "0", "--", "-p", "3"]), [
    "app",
    `--base-virtaddr=${DEFAULT_BASE_VIRTADDR}`,
    "-l",
    "0",
    "--",
    "-p",
    "3",
  ]);
  assert.deepEqual(withDefaultBaseVirtaddr(["app", "--base-virtaddr", "0x1000"]), [
    "app",
    "--base-virtaddr",
    "0x1000",
  ]);
  assert.deepEqual(withDefaultBaseVirtaddr(["app", "--base-virtaddr=0x1000"]), [
    "app",
    "--base-virtaddr=0x1000",
  ]);
  assert.equal(ealOption(["app", "--file-prefix", "x", "--", "--file-prefix", "y"], "--file-prefix"), "x");
  assert.equal(ealOption(["app", "--", "--file-prefix=y"], "--file-prefix"), undefined);
});
