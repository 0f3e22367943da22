/**
 * The objects simple_mp shares, with the C app's names and parameters.
 */
import { Mempool } from "../../ffi/mempool.ts";
import { Ring } from "../../ffi/ring.ts";
import type { ProcessType } from "../../ffi/eal.ts";

/** Ring from the primary to the secondaries. */
export const PRI_2_SEC = "PRI_2_SEC";
/** Ring from the secondaries to the primary. */
export const SEC_2_PRI = "SEC_2_PRI";
/** Pool of message buffers. */
export const MSG_POOL = "MSG_POOL";
/** `STR_TOKEN_SIZE` of DPDK's cmdline: the size of one message buffer. */
export const STR_TOKEN_SIZE = 128;
/** The longest message the C app's cmdline accepts (a token of STR_TOKEN_SIZE - 2 bytes). */
export const MAX_MESSAGE_BYTES = STR_TOKEN_SIZE - 2;

const RING_SIZE = 64;
const POOL_SIZE = 1024;
const POOL_CACHE = 32;

/** The rings and pool as this process sees them. */
export interface SimpleMpObjects {
  /** Where this process sends. */
  sendRing: Ring;
  /** Where this process receives from. */
  recvRing: Ring;
  /** The message pool. */
  pool: Mempool;
}

/** The names of this process's send and receive rings. */
export function ringNames(type: ProcessType): { send: string; recv: string } {
  return type === "primary" ? { send: PRI_2_SEC, recv: SEC_2_PRI } : { send: SEC_2_PRI, recv: PRI_2_SEC };
}

/** The primary creates the rings and pool; a secondary looks them up. */
export function attachObjects(type: ProcessType): SimpleMpObjects {
  const names = ringNames(type);
  if (type === "primary") {
    return {
      sendRing: Ring.create(names.send, RING_SIZE),
      recvRing: Ring.create(names.recv, RING_SIZE),
      pool: Mempool.create(MSG_POOL, POOL_SIZE, STR_TOKEN_SIZE, { cacheSize: POOL_CACHE }),
    };
  }
  return {
    sendRing: Ring.lookup(names.send),
    recvRing: Ring.lookup(names.recv),
    pool: Mempool.lookup(MSG_POOL),
  };
}
