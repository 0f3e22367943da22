/**
 * mp_client's main: attach to the server's group, look up the client's
 * ring, the mbuf pool and `port_info`, then forward on the main lcore until
 * SIGINT/SIGTERM, or until the server is gone (checked a few times a
 * second, not per packet), which ends with one line naming the cause.
 */
import { Eal } from "../../ffi/eal.ts";
import { DpdkError, ObjectError } from "../../ffi/errors.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import { primaryAlive } from "../../ffi/group_files.ts";
import { Mempool } from "../../ffi/mempool.ts";
import { Memzone } from "../../ffi/memzone.ts";
import { Ring } from "../../ffi/ring.ts";
import {
  beforeBusyLoop,
  installStopSignals,
  listenForStopSignals,
  stopRequested,
} from "../../ffi/signals.ts";
import { out } from "../common/console.ts";
import {
  clientRingName,
  MZ_PORT_INFO,
  PKTMBUF_POOL_NAME,
  PortInfo,
  SharedCounters,
} from "../client_server_mp/shared.ts";
import { ClientForwarder } from "./forward.ts";
import { parseClientId } from "./options.ts";

/** How often the client checks that the server still runs. */
const SERVER_CHECK_MS = 250;

/** The server exited while the client was running. */
export class ServerGoneError extends DpdkError {}

function attach(eal: Eal, clientId: number): ClientForwarder {
  if (EthPort.count() === 0) throw new DpdkError("No Ethernet ports - bye");
  if (eal.processType === "primary") {
    throw new ObjectError("no server is running on this file prefix (this process became the primary)");
  }
  let ring: Ring;
  try {
    ring = Ring.lookup(clientRingName(clientId));
  } catch {
    throw new ObjectError(
      `cannot find ring '${
        clientRingName(clientId)
      }': is the server running with more than ${clientId} clients?`,
    );
  }
  const pool = Mempool.lookup(PKTMBUF_POOL_NAME);
  const zone = Memzone.lookup(MZ_PORT_INFO);
  const bytes = zone.bytes.subarray(0, PortInfo.size);
  const info = zone.view(PortInfo);
  return new ClientForwarder(
    clientId,
    ring,
    pool,
    Array.from(info.id.subarray(0, info.num_ports)),
    new SharedCounters(bytes),
  );
}

/** Runs mp_client with the C app's argv (without argv[0]). */
export async function main(args: readonly string[]): Promise<void> {
  installStopSignals(); // a signal during EAL's init only sets the stop flag
  const eal = Eal.init(["mp_client", ...args]);
  listenForStopSignals(); // kept to the end: Deno's handler may take the signals back while we await
  try {
    const clientId = parseClientId(eal.appArgs);
    const forwarder = attach(eal, clientId);
    await beforeBusyLoop(); // the loop below ends at once if a stop came before
    out("APP: Finished Process Init.\n");
    out(`\nClient process ${clientId} handling packets\n[Press Ctrl-C to quit ...]\n`);
    let iterations = 0;
    let nextCheck = performance.now() + SERVER_CHECK_MS;
    while (!stopRequested()) {
      forwarder.poll();
      if ((++iterations & 1023) === 0 && performance.now() >= nextCheck) {
        nextCheck = performance.now() + SERVER_CHECK_MS;
        if (!primaryAlive(eal.runtimeDir)) {
          forwarder.flush();
          throw new ServerGoneError(`the server (primary process) of '${eal.runtimeDir}' is gone; exiting`);
        }
      }
    }
    forwarder.flush();
  } finally {
    eal.cleanup();
  }
}
