/**
 * mp_server: a drop-in for DPDK's `dpdk-mp_server` (client_server_mp).
 *
 *   deno task -q mp_server -l 0-1 --no-pci --vdev ... -- -p 3 -n 2
 */
import { runApp } from "../common/cli.ts";

await runApp("mp_server", async () => (await import("./app.ts")).main(Deno.args));
