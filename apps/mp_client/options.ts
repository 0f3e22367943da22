/** mp_client's options: `-n CLIENT_ID` (0 when absent, as in the C client). */
import { UsageError } from "../../ffi/errors.ts";
import { parseUint } from "../common/cli.ts";
import { getoptValues } from "../common/getopt.ts";
import { MAX_CLIENTS } from "../client_server_mp/shared.ts";

/** Parses the client id. @throws {UsageError} */
export function parseClientId(args: readonly string[]): number {
  const text = getoptValues(args, "n:").get("n") ?? "0";
  const id = parseUint(text, "client id");
  if (id >= MAX_CLIENTS) throw new UsageError(`invalid client id '${text}' (0 to ${MAX_CLIENTS - 1})`);
  return id;
}
