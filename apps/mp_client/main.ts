/**
 * mp_client: a drop-in for DPDK's `dpdk-mp_client` (client_server_mp).
 *
 *   deno task -q mp_client -l 1 --proc-type=secondary --no-pci --file-prefix x -- -n 0
 */
import { runApp } from "../common/cli.ts";

await runApp("mp_client", async () => (await import("./app.ts")).main(Deno.args));
