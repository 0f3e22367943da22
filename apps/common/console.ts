/**
 * Output as the C apps print it: text without a newline (`printf` + `fflush`),
 * and `check_all_ports_link_status` (up to 9 s, dots, then one line per port).
 */
import type { EthPort } from "../../ffi/ethdev.ts";
import { stopRequested } from "../../ffi/signals.ts";

const encoder = new TextEncoder();

/** Writes `text` to stdout as is. */
export function out(text: string): void {
  const bytes = encoder.encode(text);
  for (let done = 0; done < bytes.length;) done += Deno.stdout.writeSync(bytes.subarray(done));
}

const CHECK_INTERVAL_MS = 100;
const MAX_CHECK_TIME = 90;

/** Waits up to 9 s for every port's link, printing "Checking link status...done" and each link. */
export async function checkLinks(ports: readonly EthPort[]): Promise<void> {
  out("\nChecking link status");
  for (let count = 0; count <= MAX_CHECK_TIME && !stopRequested(); count++) {
    const down = ports.some((p) => {
      try {
        return !p.link().up;
      } catch {
        return true;
      }
    });
    if (down && count < MAX_CHECK_TIME - 1) {
      out(".");
      await new Promise((r) => setTimeout(r, CHECK_INTERVAL_MS));
      continue;
    }
    out("done\n");
    for (const p of ports) {
      try {
        out(`Port ${p.id} ${p.link().text}\n`);
      } catch (error) {
        out(`Port ${p.id} link get failed: ${(error as Error).message}\n`);
      }
    }
    return;
  }
}
