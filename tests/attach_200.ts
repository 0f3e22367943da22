/**
 * Starts a primary, then attaches N Deno secondaries to it one after the
 * other (default 200) and prints how many succeeded:
 *
 *   deno run -A tests/attach_200.ts [N] [PRIMARY_EAL_ARGS...]
 *   -> "secondary attaches: 200/200 succeeded"
 *
 * The primary is this project's simple_mp, which gives itself a high
 * `--base-virtaddr`; `deno run -A tests/attach_200.ts 200 --base-virtaddr=0x100000000`
 * gives it DPDK's own default instead, for comparison: a few percent of Deno
 * secondaries then fail ("Cannot reserve ... please use '--base-virtaddr'").
 *
 * `deno run -A tests/attach_200.ts 200 --c-primary` starts DPDK's C simple_mp
 * as primary (its default base) and attaches this project's simple_mp app,
 * which runs itself again in a new process when its address space holds the
 * primary's window; it also prints how many attaches needed that.
 */
import {
  buildCExample,
  groupLeftovers,
  Proc,
  removeGroup,
  ROOT,
  startApp,
  startC,
  uniquePrefix,
} from "./helpers.ts";

const [countArg, ...rest] = Deno.args;
const count = Number(countArg ?? 200);
const cPrimary = rest.includes("--c-primary");
const primaryArgs = rest.filter((a) => a !== "--c-primary");
const prefix = uniquePrefix("attach");
const eal = ["-l", "0", "--no-pci", "--file-prefix", prefix];
const primary = cPrimary
  ? startC("simple_mp", await buildCExample("multi_process/simple_mp"), [...eal, ...primaryArgs], 600_000)
  : startApp("simple_mp", [...eal, "--proc-type=primary", ...primaryArgs], 600_000);

/** One secondary: the EAL check fixture, or the simple_mp app (end of input quits it) beside a C primary. */
function secondary(i: number): Proc {
  const args = [...eal, "--proc-type=secondary", "--log-level=error"];
  return cPrimary ? startApp("simple_mp", args, 20000) : new Proc(`secondary ${i}`, Deno.execPath(), [
    "run",
    "-A",
    `${ROOT}/tests/fixtures/eal_checks.ts`,
    "attach",
    ...args,
  ], {
    timeoutMs: 20000,
  });
}

let ok = 0;
let ranAgain = 0;
const failures: string[] = [];
try {
  await primary.waitFor(/Finished Process Init/);
  for (let i = 0; i < count; i++) {
    const proc = secondary(i);
    await proc.closeStdin();
    const code = (await proc.status()).code;
    const attached = cPrimary
      ? proc.lines.some((l) => l.includes("Finished Process Init"))
      : proc.lines.includes("attach ok");
    if (code === 0 && attached) ok++;
    else failures.push(proc.lines.filter((l) => /EAL|Error|error/.test(l)).join(" | "));
    if (proc.lines.some((l) => l.includes("running again in a new process"))) ranAgain++;
  }
} finally {
  if (cPrimary) {
    primary.kill("SIGKILL"); // the C app hangs at end of input
    await primary.status();
    removeGroup(prefix);
  } else {
    await primary.send("quit");
    await primary.status();
  }
}
for (const f of failures.slice(0, 5)) console.log(`failure: ${f}`);
console.log(`secondary attaches: ${ok}/${count} succeeded`);
if (cPrimary) console.log(`attaches that ran again in a new process: ${ranAgain}`);
const left = groupLeftovers(prefix);
if (left.length) console.log(`left behind: ${left.join(", ")}`);
Deno.exit(ok === count && left.length === 0 ? 0 : 1);
