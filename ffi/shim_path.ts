/**
 * Where the shim library is looked for. Pure: loading is `library.ts`'s job.
 *
 * Lookup order: the `DENO_DPDK_SHIM` environment variable; the file next to a
 * compiled executable; the build output relative to this module (which is
 * also where `deno compile --include` puts it inside a compiled executable).
 *
 * @module
 */

/** File name of the shim library. */
export const SHIM_FILE = "libdeno_dpdk_shim.so";
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
