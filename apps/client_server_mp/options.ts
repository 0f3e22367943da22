/**
 * getopt-style parsing of the C apps' short options: `-p 3`, `-p3`, flags
 * given once each; anything else is a {@link UsageError}.
 */
import { UsageError } from "../../ffi/errors.ts";

/** The value of each option given, by letter. */
export function parseShortOptions(args: readonly string[], letters: string): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const letter = arg[1];
    if (arg.length < 2 || arg[0] !== "-" || !letters.includes(letter) || letter === "-") {
      throw new UsageError(`unknown option '${arg}'`);
    }
    const value = arg.length > 2 ? arg.slice(2) : args[++i];
    if (value === undefined) throw new UsageError(`option '-${letter}' needs a value`);
    values.set(letter, value);
  }
  return values;
}
