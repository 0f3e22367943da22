/**
 * l2fwd's main: EAL, options, ports and mbuf pool, the link check, then the
 * forwarding loop on every lcore that has ports (the main lcore on Deno's
 * main thread, the others in `LcoreWorker`s), and a clean shutdown on
 * SIGINT/SIGTERM with the C app's output.
 */
import { RTE_MAX_ETHPORTS } from "../../ffi/constants.ts";
import { Eal } from "../../ffi/eal.ts";
import { DpdkError } from "../../ffi/errors.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import { LcoreWorker } from "../../ffi/lcore.ts";
import { createPktmbufPool } from "../../ffi/packets.ts";
import {
  beforeBusyLoop,
  installStopSignals,
  listenForStopSignals,
  stopRequested,
  stopSignal,
} from "../../ffi/signals.ts";
import { forwardLoop, type LoopParams, MAX_PKT_BURST } from "./forward.ts";
import { checkLinks, out } from "../common/console.ts";
import { parseL2fwdArgs } from "./options.ts";
import { planForwarding, planLcores } from "./plan.ts";

const RX_DESC_DEFAULT = 1024;
const TX_DESC_DEFAULT = 1024;
const MEMPOOL_CACHE_SIZE = 256;
const POOL_NAME = "mbuf_pool";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isEnabled = (mask: number, port: number) => port < 32 && ((mask >>> port) & 1) === 1;

/** Runs l2fwd with `args` (EAL's, then `--` and l2fwd's); returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  installStopSignals(); // a signal during EAL's init only sets the stop flag
  const eal = Eal.init(["l2fwd", ...args]);
  listenForStopSignals(); // kept to the end: Deno's handler may take the signals back while we await
  let code: number;
  try {
    code = await run(eal);
  } finally {
    eal.cleanup();
  }
  out("Bye...\n");
  return code;
}

/** The C app's line for a stop signal (its handler prints it; here the loop that notices the stop does). */
function announceStop(): void {
  if (stopSignal() !== 0) out(`\n\nSignal ${stopSignal()} received, preparing to exit...\n`);
}

async function run(eal: Eal): Promise<number> {
  const opts = parseL2fwdArgs(eal.appArgs);
  out(`MAC updating ${opts.macUpdating ? "enabled" : "disabled"}\n`);

  const portIds = EthPort.ids();
  if (portIds.length === 0) throw new DpdkError("No Ethernet ports - bye");
  const plan = planForwarding(opts.portMask, opts.portPairs, portIds);
  for (const notice of plan.notices) out(`${notice}\n`);
  const mask = plan.portMask;

  const lcores = [eal.mainLcore, ...eal.workerLcores].sort((a, b) => a - b);
  const lcorePlan = planLcores(mask, portIds, lcores, opts.rxPortsPerLcore);
  for (const port of portIds) {
    if (!isEnabled(mask, port)) continue;
    const lcore = [...lcorePlan.rxPorts].find(([, list]) => list.includes(port))![0];
    out(`Lcore ${lcore}: RX port ${port} TX port ${plan.dstPorts[port]}\n`);
  }

  const nbMbufs = Math.max(
    portIds.length *
      (RX_DESC_DEFAULT + TX_DESC_DEFAULT + MAX_PKT_BURST + lcorePlan.lcoreCount * MEMPOOL_CACHE_SIZE),
    8192,
  );
  let pool;
  try {
    pool = createPktmbufPool(POOL_NAME, nbMbufs, { cacheSize: MEMPOOL_CACHE_SIZE });
  } catch (error) {
    throw new DpdkError(`Cannot init mbuf pool: ${(error as Error).message}`);
  }

  const macs: (number[] | null)[] = new Array(RTE_MAX_ETHPORTS).fill(null);
  const ports: EthPort[] = [];
  let nbRxd = RX_DESC_DEFAULT;
  let nbTxd = TX_DESC_DEFAULT;
  for (const id of portIds) {
    if (!isEnabled(mask, id)) {
      out(`Skipping disabled port ${id}\n`);
      continue;
    }
    out(`Initializing port ${id}... `);
    const port = new EthPort(id);
    port.configure(1, 1);
    ({ rx: nbRxd, tx: nbTxd } = port.setupQueues(1, 1, { rx: nbRxd, tx: nbTxd }, pool));
    const mac = port.macAddress();
    macs[id] = Array.from(mac.bytes);
    if (!port.disablePtypeParsing()) out(`Port ${id}, Failed to disable Ptype parsing\n`);
    port.start();
    ports.push(port);
    out("done: \n");
    if (opts.promiscuous) port.promiscuous = true;
    out(`Port ${id}, MAC address: ${mac}\n\n`);
  }
  if (ports.length === 0) throw new DpdkError("All available ports are disabled. Please set portmask.");

  await checkLinks(ports);

  const stats = new SharedArrayBuffer(RTE_MAX_ETHPORTS * 3 * 8);
  const paramsOf = (lcoreId: number): LoopParams => ({
    lcoreId,
    isMain: lcoreId === eal.mainLcore,
    rxPorts: lcorePlan.rxPorts.get(lcoreId) ?? [],
    dstPorts: plan.dstPorts,
    macs,
    macUpdating: opts.macUpdating,
    timerPeriod: opts.timerPeriod,
    portMask: mask,
    poolName: POOL_NAME,
    stats,
  });

  let code = 0;
  const workers: LcoreWorker[] = [];
  const workerModule = new URL("./worker.ts", import.meta.url);
  for (const lcore of eal.workerLcores) {
    if (stopRequested()) break;
    const params = paramsOf(lcore);
    if (params.rxPorts.length === 0) {
      out(`L2FWD: lcore ${lcore} has nothing to do\n`);
      continue;
    }
    workers.push(await LcoreWorker.launch(lcore, workerModule, params));
  }

  const mainParams = paramsOf(eal.mainLcore);
  if (mainParams.rxPorts.length > 0) {
    if (!(await beforeBusyLoop())) forwardLoop(mainParams, stopRequested); // never yields to the event loop
  } else {
    if (mainParams.rxPorts.length === 0) forwardLoop(mainParams, stopRequested);
    while (!stopRequested() && workers.length > 0) await sleep(50);
  }
  announceStop();
  for (const worker of workers) {
    worker.stop();
    try {
      await worker.wait();
    } catch (error) {
      out(`${(error as Error).message}\n`);
      code = 1;
    }
  }

  for (const port of ports) {
    out(`Closing port ${port.id}...`);
    try {
      port.stop();
    } catch (error) {
      out(`rte_eth_dev_stop: ${(error as Error).message}\n`);
    }
    port.close();
    out(" Done\n");
  }
  return code;
}
