/**
 * What every app's `main` shares: one clear line and a non-zero exit for any
 * error (never a stack trace), and parsers for the C apps' option values.
 */
import { AddressWindowError, DpdkError, UsageError } from "../../ffi/errors.ts";
import { attempt, runAgain } from "./relaunch.ts";

/** How many processes in all may try to attach before an {@link AddressWindowError} is final. */
export const MAX_ATTEMPTS = 4;

/**
 * Runs an app's main function. Import the app's modules inside `main`
 * (`await import("./app.ts")`): a module that fails to load (no shim) then
 * ends in the same one clear line. An error prints `<app>: <message>` on stderr
 * and exits 1; a bug (not a {@link DpdkError}) also prints its stack when
 * `DENO_DPDK_DEBUG` is set. The exit code is main's result (default 0).
 *
 * A secondary whose address space already holds part of the primary's
 * ({@link AddressWindowError}, a few percent of Deno processes when the
 * primary uses DPDK's default `--base-virtaddr`) says so in one line and runs
 * again in a new process, up to {@link MAX_ATTEMPTS} processes in all.
 */
export async function runApp(
  app: string,
  main: () => Promise<number | void> | number | void,
): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AddressWindowError && attempt() < MAX_ATTEMPTS) {
      console.error(
        `${app}: ${message}; running again in a new process (attempt ${attempt() + 1} of ${MAX_ATTEMPTS})`,
      );
      Deno.exit(await runAgain());
    }
    console.error(`${app}: ${message.split("\n")[0]}`);
    if (!(error instanceof DpdkError) && Deno.env.get("DENO_DPDK_DEBUG")) console.error(error);
    code = 1;
  }
  Deno.exit(code);
}

/** Parses a hexadecimal mask (`-p 3`, `-p 0x3`) as the C apps do, rejecting garbage and 0. */
export function parseHexMask(value: string, what: string): number {
  if (!/^(0[xX])?[0-9a-fA-F]+$/.test(value)) throw new UsageError(`invalid ${what} '${value}'`);
  const mask = parseInt(value, 16);
  if (mask === 0 || !Number.isSafeInteger(mask)) throw new UsageError(`invalid ${what} '${value}'`);
  return mask;
}

/** The bit positions set in a mask, lowest first. */
export function maskBits(mask: number): number[] {
  const bits: number[] = [];
  for (let i = 0; i < 53 && 2 ** i <= mask; i++) if (Math.floor(mask / 2 ** i) % 2 === 1) bits.push(i);
  return bits;
}

/** Parses a non-negative decimal integer option. */
export function parseUint(value: string, what: string, max = 0xffffffff): number {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`invalid ${what} '${value}'`);
  return Number(value);
}
