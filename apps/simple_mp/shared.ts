/**
 * The objects simple_mp shares, with the C app's names and parameters.
 */
import { Mempool } from "../../ffi/mempool.ts";
import { Ring } from "../../ffi/ring.ts";
import type { Eal, ProcessType } from "../../ffi/eal.ts";

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

/** The primary creates the rings and pool (on its own socket, as the C app); a secondary looks them up. */
export function attachObjects(eal: Eal): SimpleMpObjects {
  const type = eal.processType;
  const names = ringNames(type);
  if (type === "primary") {
    const socketId = eal.socketId;
    return {
      sendRing: Ring.create(names.send, RING_SIZE, { socketId }),
      recvRing: Ring.create(names.recv, RING_SIZE, { socketId }),
      pool: Mempool.create(MSG_POOL, POOL_SIZE, STR_TOKEN_SIZE, { cacheSize: POOL_CACHE, socketId }),
    };
  }
  return {
    sendRing: Ring.lookup(names.send),
    recvRing: Ring.lookup(names.recv),
    pool: Mempool.lookup(MSG_POOL),
  };
}
