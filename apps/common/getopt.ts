/**
 * Command-line options read the way glibc's `getopt_long` reads them, so
 * that the apps take the C apps' argv unchanged and fail with the same
 * messages: clustered short options (`-Pp3`), a short option's value glued
 * or next (`-p3`, `-p 3`), `--name=value` or `--name value`, unambiguous
 * prefixes of long options, `--` ends the options, other words are skipped
 * (getopt moves them to the end). `node:util`'s `parseArgs` knows neither
 * prefixes nor getopt's messages, and loading it costs ~5 ms of start-up.
 */
import { UsageError } from "../../ffi/errors.ts";

/** A long option. */
export interface LongOption {
  /** Its name, without `--`. */
  name: string;
  /** Whether it takes a value. */
  hasArg: boolean;
}

/** One option found: its letter or long name, and its value ("" for flags). */
export interface FoundOption {
  /** The option's letter (short) or name (long). */
  name: string;
  /** Its value; "" for an option without one. */
  value: string;
}

/**
 * The options in `args`, in order. `short` is getopt's optstring ("p:Pq:"):
 * a letter followed by ':' takes a value.
 * @throws {UsageError} with getopt's message (e.g. "invalid option -- 'x'").
 */
export function getopt(
  args: readonly string[],
  short: string,
  long: readonly LongOption[] = [],
): FoundOption[] {
  const found: FoundOption[] = [];
  const takesValue = (letter: string) => short[short.indexOf(letter) + 1] === ":";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const key = arg.slice(2, eq < 0 ? undefined : eq);
      const exact = long.find((o) => o.name === key);
      const matches = exact ? [exact] : long.filter((o) => o.name.startsWith(key));
      if (matches.length === 0) throw new UsageError(`unrecognized option '--${key}'`);
      if (matches.length > 1) throw new UsageError(`option '--${key}' is ambiguous`);
      const spec = matches[0];
      if (!spec.hasArg) {
        if (eq >= 0) throw new UsageError(`option '--${spec.name}' doesn't allow an argument`);
        found.push({ name: spec.name, value: "" });
      } else if (eq >= 0) {
        found.push({ name: spec.name, value: arg.slice(eq + 1) });
      } else {
        if (i + 1 >= args.length) throw new UsageError(`option '--${spec.name}' requires an argument`);
        found.push({ name: spec.name, value: args[++i] });
      }
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") continue;
    for (let k = 1; k < arg.length; k++) {
      const letter = arg[k];
      if (letter === ":" || !short.includes(letter)) throw new UsageError(`invalid option -- '${letter}'`);
      if (!takesValue(letter)) {
        found.push({ name: letter, value: "" });
        continue;
      }
      if (k + 1 < arg.length) found.push({ name: letter, value: arg.slice(k + 1) });
      else if (i + 1 < args.length) found.push({ name: letter, value: args[++i] });
      else throw new UsageError(`option requires an argument -- '${letter}'`);
      break;
    }
  }
  return found;
}

/** The last value of each option found (as a C app's `switch` over getopt leaves them). */
export function getoptValues(
  args: readonly string[],
  short: string,
  long: readonly LongOption[] = [],
): Map<string, string> {
  return new Map(getopt(args, short, long).map(({ name, value }) => [name, value]));
}
