/**
 * mp_server's statistics screen, in the C server's format: port MACs, per
 * port rx (server) and tx (summed over clients), per client rx, rx_drop
 * (server) and tx, tx_drop (written by the client into `port_info`).
 */
import { PortInfo, rxOffset, SharedCounters, txDropOffset, txOffset } from "../client_server_mp/shared.ts";

/** What the screen shows, read from shared memory. */
export interface StatsSource {
  /** The `port_info` memzone's bytes. */
  portInfo: Uint8Array<ArrayBuffer>;
  /** The MAC address text of each port, by index in `port_info.id`. */
  macs: readonly string[];
  /** Per client: [rx, rx_drop] at [2c, 2c + 1] (the server's own counters). */
  clientStats: Float64Array;
  /** Number of clients. */
  numClients: number;
}

const w9 = (n: number) => String(n).padStart(9);

/** The screen: clear, home, then the C server's lines. */
export function statsScreen(src: StatsSource): string {
  const view = PortInfo.view(src.portInfo.buffer, src.portInfo.byteOffset);
  const counters = new SharedCounters(src.portInfo);
  const ids = Array.from(view.id.subarray(0, view.num_ports));
  const portTx = ids.map(() => 0);
  const portDrop = ids.map(() => 0);
  const clientTx: number[] = [];
  const clientDrop: number[] = [];
  for (let c = 0; c < src.numClients; c++) {
    let tx = 0;
    let drop = 0;
    ids.forEach((id, j) => {
      const t = counters.get(txOffset(c, id));
      const d = counters.get(txDropOffset(c, id));
      portTx[j] += t;
      portDrop[j] += d;
      tx += t;
      drop += d;
    });
    clientTx.push(tx);
    clientDrop.push(drop);
  }
  let s = "\x1b[2J\x1b[1;1H" + "PORTS\n-----\n";
  s += ids.map((id, i) => `Port ${id}: '${src.macs[i]}'\t`).join("") + "\n\n";
  s += ids.map((id, i) => `Port ${id} - rx: ${w9(counters.get(rxOffset(i)))}\ttx: ${w9(portTx[i])}\n`).join(
    "",
  );
  s += "\nCLIENTS\n-------\n";
  for (let c = 0; c < src.numClients; c++) {
    s += `Client ${String(c).padStart(2)} - rx: ${w9(src.clientStats[2 * c])}, ` +
      `rx_drop: ${w9(src.clientStats[2 * c + 1])}\n` +
      `            tx: ${w9(clientTx[c])}, tx_drop: ${w9(clientDrop[c])}\n`;
  }
  return s + "\n";
}
