/**
 * simple_mp's command line: `send <message>`, `help`, `quit`, with the C
 * app's replies. One command per line.
 */
import { byteLength } from "../../ffi/cstring.ts";
import { ObjectTable } from "../../ffi/object_table.ts";
import { MAX_MESSAGE_BYTES, type SimpleMpObjects, STR_TOKEN_SIZE } from "./shared.ts";

/** The prompt, as the C app prints it. */
export const PROMPT = "\nsimple_mp > ";

const HELP = "Simple demo example of multi-process in RTE\n\n" +
  "This is a readline-like interface that can be used to\n" +
  "send commands to the simple app. Commands supported are:\n\n" +
  "- send [string]\n- help\n- quit\n";

/** What a command line asks the app to do next. */
export type CommandResult = "continue" | "quit";

/** Runs simple_mp's commands against the shared objects. */
export class Commands {
  readonly #objects: SimpleMpObjects;
  readonly #table = new ObjectTable(1);
  readonly #encoder = new TextEncoder();
  readonly #print: (line: string) => void;

  constructor(objects: SimpleMpObjects, print: (line: string) => void = console.log) {
    this.#objects = objects;
    this.#print = print;
  }

  /** Runs one input line. */
  run(line: string): CommandResult {
    const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
    if (words.length === 0) return "continue";
    const [command, ...args] = words;
    if (command === "quit" && args.length === 0) return "quit";
    if (command === "help" && args.length === 0) this.#print(HELP);
    else if (command === "send" && args.length === 1) this.#send(args[0]);
    else if (command === "send" || command === "help" || command === "quit") this.#print("Bad arguments");
    else this.#print("Command not found");
    return "continue";
  }

  #send(message: string): void {
    const length = byteLength(message);
    if (length > MAX_MESSAGE_BYTES) {
      this.#print(`Message not sent: it is ${length} bytes, the limit is ${MAX_MESSAGE_BYTES}`);
      return;
    }
    const { pool, sendRing } = this.#objects;
    if (!pool.getBulk(this.#table, 1)) {
      this.#print("Failed to get message buffer - message discarded");
      return;
    }
    const buffer = pool.bytesAt(this.#table.get(0), STR_TOKEN_SIZE);
    buffer.fill(0);
    this.#encoder.encodeInto(message, buffer);
    if (sendRing.enqueueBurst(this.#table, 1) !== 1) {
      this.#print("Failed to send message - message discarded");
      pool.putBulk(this.#table, 1);
    }
  }
}
