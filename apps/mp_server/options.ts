/** mp_server's options: `-p PORTMASK -n NUM_CLIENTS`, checked as the C server does, plus range checks. */
import { UsageError } from "../../ffi/errors.ts";
import { maskBits, parseHexMask, parseUint } from "../common/cli.ts";
import { getoptValues } from "../common/getopt.ts";
import { MAX_CLIENTS } from "../client_server_mp/shared.ts";

/** What the server was asked to do. */
export interface ServerOptions {
  /** Port ids to use, in order. */
  ports: number[];
  /** Number of client processes (and rings). */
  numClients: number;
  /** Mask bits that name no available port (the C server warns and ignores them). */
  leftover: number[];
}

/** Parses the app's arguments against the available port ids. @throws {UsageError} */
export function parseServerOptions(args: readonly string[], available: readonly number[]): ServerOptions {
  const values = getoptValues(args, "n:p:");
  const maskText = values.get("p");
  const clientsText = values.get("n");
  if (maskText === undefined) throw new UsageError("missing port mask (-p PORTMASK)");
  if (clientsText === undefined) throw new UsageError("missing number of clients (-n NUM_CLIENTS)");
  const bits = maskBits(parseHexMask(maskText, "port mask"));
  const numClients = parseUint(clientsText, "number of clients");
  if (numClients < 1 || numClients > MAX_CLIENTS) {
    throw new UsageError(`invalid number of clients '${clientsText}' (1 to ${MAX_CLIENTS})`);
  }
  const ports = bits.filter((b) => available.includes(b));
  const leftover = bits.filter((b) => !available.includes(b));
  if (ports.length === 0) {
    throw new UsageError(`port mask '${maskText}' names no available port (ports: ${available.join(" ")})`);
  }
  if (ports.length % 2 !== 0) throw new UsageError("application requires an even number of ports to use");
  return { ports, numClients, leftover };
}
