/**
 * symmetric_mp: a drop-in for DPDK's `dpdk-symmetric_mp`. Every process
 * forwards its own queue (`--proc-id`) of every port to the paired port.
 *
 *   deno task -q symmetric_mp -l 0 --proc-type=auto --no-pci --vdev ... -- -p 3 --num-procs 2 --proc-id 0
 */
import { runApp } from "../common/cli.ts";

await runApp("symmetric_mp", async () => (await import("./app.ts")).main(Deno.args));
