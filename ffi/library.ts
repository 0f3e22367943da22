/**
 * Finds and loads the shim, `libdeno_dpdk_shim.so`.
 *
 * Lookup order: the `DENO_DPDK_SHIM` environment variable; the file next to a
 * compiled executable; the build output relative to this module (which is
 * also where `deno compile --include` puts it inside a compiled executable).
 *
 * @module
 */
import { ShimLoadError } from "./errors.ts";
import { type Symbols, symbols } from "./symbols.ts";

/** File name of the shim library. */
export const SHIM_FILE = "libdeno_dpdk_shim.so";
/** ABI version the TypeScript side expects from the shim. */
export const SHIM_ABI_VERSION = 1;
/** Environment variable that overrides the shim's path. */
export const SHIM_ENV = "DENO_DPDK_SHIM";

/** What {@link shimCandidates} looks at; defaults are this process's. */
export interface ShimLookup {
  /** Value of `DENO_DPDK_SHIM`, if set. */
  env?: string;
  /** Path of the running executable (`Deno.execPath()`). */
  execPath: string;
  /** Whether this is a compiled executable (`Deno.build.standalone`). */
  standalone: boolean;
  /** URL of a module in `ffi/`, for the path relative to the source tree. */
  moduleUrl: string;
}

/** The paths tried for the shim, in order. */
export function shimCandidates(lookup: ShimLookup): string[] {
  if (lookup.env) return [lookup.env];
  const paths: string[] = [];
  if (lookup.standalone) {
    paths.push(lookup.execPath.replace(/[^/]*$/, SHIM_FILE));
  }
  paths.push(new URL(`../shim-c/build/${SHIM_FILE}`, lookup.moduleUrl).pathname);
  return paths;
}

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
