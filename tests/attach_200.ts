/**
 * Starts a TypeScript primary, then attaches N Deno secondaries to it one
 * after the other (default 200) and prints how many succeeded:
 *
 *   deno run -A tests/attach_200.ts [N] [PRIMARY_EAL_ARGS...]
 *   -> "secondary attaches: 200/200 succeeded"
 *
 * `deno run -A tests/attach_200.ts 200 --base-virtaddr=0x100000000` gives the
 * primary DPDK's own default base address instead, for comparison.
 *
 * Without the primary's default `--base-virtaddr`, a few percent of Deno
 * secondaries fail ("Cannot reserve ... please use '--base-virtaddr'").
 */
import { groupLeftovers, Proc, ROOT, startApp, uniquePrefix } from "./helpers.ts";

const [countArg, ...primaryArgs] = Deno.args;
const count = Number(countArg ?? 200);
const prefix = uniquePrefix("attach");
const primary = startApp(
  "simple_mp",
  ["-l", "0", "--no-pci", "--proc-type=primary", "--file-prefix", prefix, ...primaryArgs],
  600_000,
);
let ok = 0;
const failures: string[] = [];
try {
  await primary.waitFor(/Finished Process Init/);
  for (let i = 0; i < count; i++) {
    const secondary = new Proc(`secondary ${i}`, Deno.execPath(), [
      "run",
      "-A",
      `${ROOT}/tests/fixtures/eal_checks.ts`,
      "attach",
      "-l",
      "0",
      "--no-pci",
      "--proc-type=secondary",
      "--file-prefix",
      prefix,
      "--log-level=error",
    ], { timeoutMs: 20000 });
    const code = (await secondary.status()).code;
    if (code === 0 && secondary.lines.includes("attach ok")) ok++;
    else failures.push(secondary.lines.filter((l) => /EAL|Error|error/.test(l)).join(" | "));
  }
} finally {
  await primary.send("quit");
  await primary.status();
}
for (const f of failures.slice(0, 5)) console.log(`failure: ${f}`);
console.log(`secondary attaches: ${ok}/${count} succeeded`);
const left = groupLeftovers(prefix);
if (left.length) console.log(`left behind: ${left.join(", ")}`);
Deno.exit(ok === count && left.length === 0 ? 0 : 1);
