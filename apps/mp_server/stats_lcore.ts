/**
 * mp_server's worker lcore: like the C server's `sleep_lcore`, the first
 * worker prints "Core N displaying statistics", waits 3 s, then shows the
 * statistics screen every second until the server stops.
 */
import { EthPort } from "../../ffi/ethdev.ts";
import { runOnLcore } from "../../ffi/lcore.ts";
import { Memzone } from "../../ffi/memzone.ts";
import { MZ_PORT_INFO, PortInfo } from "../client_server_mp/shared.ts";
import { out } from "../common/console.ts";
import { statsScreen } from "./stats.ts";

/** What the server gives its display lcore. */
export interface DisplayParams {
  /** Per client rx and rx_drop, written by the server's main thread. */
  clientStats: SharedArrayBuffer;
  /** Number of clients. */
  numClients: number;
}

const nap = new Int32Array(new SharedArrayBuffer(4));

runOnLcore<DisplayParams>(({ lcoreId, params, stopped }) => {
  const zone = Memzone.lookup(MZ_PORT_INFO);
  const bytes = zone.bytes.subarray(0, PortInfo.size);
  const ids = Array.from(zone.view(PortInfo).id.subarray(0, zone.view(PortInfo).num_ports));
  const source = {
    portInfo: bytes,
    macs: ids.map((id) => new EthPort(id).macAddress().toString()),
    clientStats: new Float64Array(params.clientStats),
    numClients: params.numClients,
  };
  out(`Core ${lcoreId} displaying statistics\n`);
  const sleep = (ms: number) => {
    const end = performance.now() + ms;
    while (!stopped() && performance.now() < end) Atomics.wait(nap, 0, 0, 50);
  };
  sleep(3000);
  while (!stopped()) {
    sleep(1000);
    if (!stopped()) out(statsScreen(source));
  }
});
