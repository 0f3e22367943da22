/**
 * l2fwd: a drop-in for DPDK's `dpdk-l2fwd`, forwarding in TypeScript.
 *
 *   deno task -q l2fwd -l 0-1 --no-pci --vdev net_null0 --vdev net_null1 -- -p 3 -T 1
 */
import { runApp } from "../common/cli.ts";

await runApp("l2fwd", async () => (await import("./app.ts")).main(Deno.args));
