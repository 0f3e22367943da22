/**
 * Loads the shim, `libdeno_dpdk_shim.so` (see `shim_path.ts` for where it is
 * looked for), and checks its ABI version.
 *
 * @module
 */
import { ShimLoadError } from "./errors.ts";
import { type Symbols, symbols } from "./symbols.ts";
import { SHIM_ENV, SHIM_FILE, shimCandidates, type ShimLookup } from "./shim_path.ts";

/** ABI version the TypeScript side expects from the shim. */
export const SHIM_ABI_VERSION = 1;

function currentLookup(): ShimLookup {
  return {
    env: Deno.env.get(SHIM_ENV) || undefined,
    execPath: Deno.execPath(),
    standalone: Deno.build.standalone ?? false,
    moduleUrl: import.meta.url,
  };
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function load(): Symbols {
  const candidates = shimCandidates(currentLookup());
  const path = candidates.find(exists);
  if (!path) {
    throw new ShimLoadError(
      `cannot find ${SHIM_FILE} (tried ${
        candidates.join(", ")
      }); build it with 'deno task build' or set ${SHIM_ENV}`,
    );
  }
  let lib: Deno.DynamicLibrary<typeof symbols>;
  try {
    lib = Deno.dlopen(path, symbols);
  } catch (cause) {
    throw new ShimLoadError(`cannot load ${path}: ${(cause as Error).message}`, { cause });
  }
  const abi = lib.symbols.shim_abi_version();
  if (abi !== SHIM_ABI_VERSION) {
    throw new ShimLoadError(
      `${path} has ABI ${abi}, expected ${SHIM_ABI_VERSION}; rebuild it with 'deno task build'`,
    );
  }
  return lib.symbols;
}

/** The loaded symbols of the shim (loaded once per thread, on first import). */
export const ffi: Symbols = load();
