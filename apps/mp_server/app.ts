/**
 * mp_server's main: EAL, the `port_info` memzone, the mbuf pool, the ports
 * (one rx queue, a tx queue per client), the client rings, the statistics
 * display on the first worker lcore, then distribution on the main lcore
 * until SIGINT/SIGTERM.
 */
import { Eal } from "../../ffi/eal.ts";
import { UsageError } from "../../ffi/errors.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import { LcoreWorker } from "../../ffi/lcore.ts";
import { Memzone } from "../../ffi/memzone.ts";
import { createPktmbufPool } from "../../ffi/packets.ts";
import { Ring } from "../../ffi/ring.ts";
import {
  beforeBusyLoop,
  installStopSignals,
  listenForStopSignals,
  stopRequested,
} from "../../ffi/signals.ts";
import { checkLinks, out } from "../common/console.ts";
import {
  CLIENT_QUEUE_RINGSIZE,
  clientRingName,
  MZ_PORT_INFO,
  PKTMBUF_POOL_NAME,
  PortInfo,
  SharedCounters,
} from "../client_server_mp/shared.ts";
import { Distributor } from "./distribute.ts";
import { parseServerOptions } from "./options.ts";
import { statsScreen } from "./stats.ts";
import type { DisplayParams } from "./stats_lcore.ts";

const MBUF_CACHE_SIZE = 512;
const RX_DESC = 1024;
const TX_DESC = 1024;

function initPort(port: EthPort, numClients: number, pool: ReturnType<typeof createPktmbufPool>): void {
  out(`Port ${port.id} init ... `);
  port.configure(1, numClients);
  port.setupQueues(1, numClients, { rx: RX_DESC, tx: TX_DESC }, pool);
  port.promiscuous = true;
  port.start();
  out("done: \n");
}

/** Runs mp_server with the C app's argv (without argv[0]). */
export async function main(args: readonly string[]): Promise<void> {
  installStopSignals(); // a signal during EAL's init only sets the stop flag
  const eal = Eal.init(["mp_server", ...args]);
  listenForStopSignals(); // kept to the end: Deno's handler may take the signals back while we await
  try {
    if (eal.processType !== "primary") {
      throw new UsageError(
        "the server must be the primary process (another primary runs on this file prefix)",
      );
    }
    await serve(eal);
  } finally {
    eal.cleanup();
  }
}

async function serve(eal: Eal): Promise<void> {
  const zone = Memzone.reserve(MZ_PORT_INFO, PortInfo.size);
  const bytes = zone.bytes.subarray(0, PortInfo.size);
  bytes.fill(0);
  const info = zone.view(PortInfo);
  const options = parseServerOptions(eal.appArgs, EthPort.ids());
  if (options.leftover.length > 0) {
    const left = options.leftover.reduce((m, b) => m + 2 ** b, 0);
    out(`WARNING: leftover ports in mask 0x${left.toString(16)} - ignoring\n`);
  }
  info.num_ports = options.ports.length;
  info.id.set(options.ports);
  const { numClients } = options;
  const numPorts = options.ports.length;
  const mbufs = RX_DESC * numPorts + numClients * (CLIENT_QUEUE_RINGSIZE + TX_DESC * numPorts) +
    (numClients + 1) * MBUF_CACHE_SIZE;
  out(`Creating mbuf pool '${PKTMBUF_POOL_NAME}' [${mbufs} mbufs] ...\n`);
  const pool = createPktmbufPool(PKTMBUF_POOL_NAME, mbufs, { cacheSize: MBUF_CACHE_SIZE });
  const ports = options.ports.map((id) => new EthPort(id));
  for (const port of ports) initPort(port, numClients, pool);
  await checkLinks(ports);
  const rings = Array.from(
    { length: numClients },
    (_, i) =>
      Ring.create(clientRingName(i), CLIENT_QUEUE_RINGSIZE, { singleProducer: true, singleConsumer: true }),
  );

  const clientStats = new SharedArrayBuffer(16 * numClients);
  const stats = new Float64Array(clientStats);
  const counters = new SharedCounters(bytes);
  const distributor = new Distributor(pool, ports.map((p) => p.rxQueue(0)), rings, counters, stats);
  const display = eal.workerLcores.length > 0
    ? await LcoreWorker.launch(
      eal.workerLcores[0],
      new URL("./stats_lcore.ts", import.meta.url),
      {
        clientStats,
        numClients,
      } satisfies DisplayParams,
    )
    : undefined;
  const macs = ports.map((p) => p.macAddress().toString());
  await beforeBusyLoop(); // the loop below ends at once if a stop came before
  out("APP: Finished Process Init.\n");
  try {
    let iterations = 0;
    let nextScreen = performance.now() + 3000;
    while (!stopRequested()) {
      distributor.poll();
      // with no worker lcore, the main lcore shows the screen itself (the C server shows none)
      if (display === undefined && (++iterations & 4095) === 0 && performance.now() >= nextScreen) {
        nextScreen += 1000;
        out(statsScreen({ portInfo: bytes, macs, clientStats: stats, numClients }));
      }
    }
  } finally {
    display?.stop();
    await display?.wait();
    for (const port of ports) {
      try {
        port.stop();
        port.close();
      } catch {
        // already stopped
      }
    }
  }
}
