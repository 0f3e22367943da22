/**
 * simple_mp: a drop-in for DPDK's `dpdk-simple_mp`. Run it as primary and
 * secondary (or `--proc-type=auto`); `send <msg>` at the `simple_mp > `
 * prompt reaches the other process's worker lcores.
 *
 *   deno task -q simple_mp -l 0-1 --proc-type=primary --file-prefix x
 *   deno task -q simple_mp -l 0-1 --proc-type=secondary --file-prefix x
 */
import { runApp } from "../common/cli.ts";

await runApp("simple_mp", async () => (await import("./app.ts")).main(Deno.args));
