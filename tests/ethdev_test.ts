/**
 * The ethdev API against a real EAL on net_null, net_ring and net_pcap
 * ports; each check runs in its own process with its own file prefix.
 */
import { runFixtureCheck } from "./helpers.ts";
import { makeFrames, writePcap } from "../apps/common/pcap.ts";

function runCheck(check: string, ealArgs: string[], env?: Record<string, string>): Promise<void> {
  return runFixtureCheck("ethdev_checks", check, ["-l", "0", ...ealArgs], env);
}

Deno.test("ethdev on net_null: ports, info, configure with 2 queues and RSS, link, MAC, promiscuous, bursts, TX buffer, stats, xstats, reset, close", () =>
  runCheck("null", ["--vdev", "net_null0", "--vdev", "net_null1"]));

Deno.test("ethdev on net_ring: crafted packets loop back byte for byte; bursts through an rte_ring", () =>
  runCheck("ring", ["--vdev", "net_ring0"]));

Deno.test("ethdev on net_pcap: received frames equal the rx pcap, sent frames land in the tx pcap", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ethdev_pcap_" });
  try {
    writePcap(`${dir}/in.pcap`, makeFrames(0, 100));
    await runCheck("pcap", ["--vdev", `net_pcap0,rx_pcap=${dir}/in.pcap,tx_pcap=${dir}/out.pcap`], {
      ETHDEV_IN: `${dir}/in.pcap`,
      ETHDEV_OUT: `${dir}/out.pcap`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ethdev: a freed mbuf pool detaches its packet views; bursts over it throw UseAfterFreeError", () =>
  runCheck("uaf", ["--vdev", "net_null0"]));
