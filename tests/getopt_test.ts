/** The apps' option reader behaves as glibc's getopt_long (what the C apps use). */
import assert from "node:assert/strict";
import { getopt } from "../apps/common/getopt.ts";
import { UsageError } from "../ffi/errors.ts";

const LONG = [{ name: "portmap", hasArg: true }, { name: "no-mac-updating", hasArg: false }, {
  name: "mac-updating",
  hasArg: false,
}];
const parse = (...args: string[]) => getopt(args, "p:Pq:", LONG).map(({ name, value }) => `${name}=${value}`);

Deno.test("getopt: short options clustered, glued or apart; long options with = or apart; prefixes", () => {
  assert.deepEqual(parse("-Pp3", "-q", "2", "word", "--portmap=(0,1)", "--port", "(2,3)", "--no"), [
    "P=",
    "p=3",
    "q=2",
    "portmap=(0,1)",
    "portmap=(2,3)",
    "no-mac-updating=",
  ]);
  assert.deepEqual(parse("-p", "1", "--", "-q", "2"), ["p=1"], "-- ends the options");
});

Deno.test("getopt: errors carry getopt's messages", () => {
  const fails = (args: string[], message: string) =>
    assert.throws(() => getopt(args, "p:Pq:", LONG), (e) => e instanceof UsageError && e.message === message);
  fails(["-x"], "invalid option -- 'x'");
  fails(["-p"], "option requires an argument -- 'p'");
  fails(["--frob"], "unrecognized option '--frob'");
  assert.throws(
    () => getopt(["--num"], "", [{ name: "num-procs", hasArg: true }, { name: "num-ports", hasArg: true }]),
    /option '--num' is ambiguous/,
  );
  fails(["--portmap"], "option '--portmap' requires an argument");
  fails(["--mac-updating=1"], "option '--mac-updating' doesn't allow an argument");
});
