/**
 * The SIMs: each has one subscriber, and SIM `i` has IMSI `440100000000000 + i`.
 * The seeded ones (`--sims N`) are made from their index and the seed when
 * asked for, so serving 100,000 of them keeps nothing in memory; a SIM that
 * changes (or is added) is kept in the state by IMSI and wins over its seeded
 * self. IMSI order is index order, which is what lists page by.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SimStore } from "./sim_store.ts";
 * import { emptyWorld } from "./seed.ts";
 *
 * const data = emptyWorld(1, 3);
 * const sims = new SimStore(data, () => 0);
 * assert.equal(sims.get("440100000000002")?.imsi, "440100000000002");
 * assert.equal(sims.get("440100000000003"), undefined);
 * ```
 *
 * @module
 */

import { Random } from "./random.ts";
import type { SimRecord, SimStatus, WorldData } from "./world_data.ts";

/** The IMSI of SIM 0. */
export const IMSI_BASE = 440100000000000;
/** When the seeded SIMs were made (ms): a fixed day, so the same seed gives the same SIMs. */
export const SEEDED_AT: number = Date.UTC(2025, 0, 1);

const SPEED_CLASSES = ["s1.minimum", "s1.slow", "s1.standard", "s1.standard", "s1.fast"];
const MODULE_TYPES = ["nano", "micro", "mini", "embedded"];

/** The IMSI of SIM `index`. */
export function imsiAt(index: number): string {
  return String(IMSI_BASE + index).padStart(15, "0");
}

function statusOf(r: Random): SimStatus {
  const x = r.next();
  return x < 0.75 ? "active" : x < 0.85 ? "inactive" : x < 0.95 ? "ready" : "suspended";
}

/** Seeded SIM `index` of `operatorId`, as it is until something changes it. */
export function seededSim(seed: number, index: number, operatorId: string): SimRecord {
  const r = Random.of(seed, "sim", index);
  const serial = String(index).padStart(8, "0");
  const iccid = `898110${String(index).padStart(13, "0")}`;
  const status = statusOf(r);
  return {
    imsi: imsiAt(index),
    simId: iccid,
    iccid,
    msisdn: `8190${serial}`,
    serialNumber: `SN${serial}`,
    operatorId,
    status,
    speedClass: r.pick(SPEED_CLASSES),
    subscription: "plan01s",
    moduleType: r.pick(MODULE_TYPES),
    type: "uicc",
    tags: { name: `sim-${serial}` },
    terminationEnabled: false,
    imei: `35${r.digits(13)}`,
    online: status === "active" && r.next() < 0.6,
    createdTime: SEEDED_AT + index * 60_000,
    lastModifiedTime: SEEDED_AT + index * 60_000,
  };
}

/** The SIMs of one world. */
export class SimStore {
  /** The SIMs of `data`; a change is stamped with `now`. */
  constructor(private readonly data: WorldData, private readonly now: () => number) {}

  /** How many SIMs there are (seeded and added). */
  get size(): number {
    return this.data.simCount + (this.data.counters.sim ?? 0);
  }

  #indexOf(imsi: string): number | undefined {
    if (!/^\d{15}$/.test(imsi)) return undefined;
    const index = Number(imsi) - IMSI_BASE;
    return index >= 0 && index < this.size ? index : undefined;
  }

  #at(index: number): SimRecord | undefined {
    const imsi = imsiAt(index);
    const kept = this.data.sims[imsi];
    if (kept !== undefined) return kept;
    if (index >= this.data.simCount) return undefined;
    return seededSim(this.data.seed, index, this.data.operators[0]?.operatorId ?? "");
  }

  /** The SIM with this IMSI. */
  get(imsi: string): SimRecord | undefined {
    const index = this.#indexOf(imsi);
    return index === undefined ? undefined : this.#at(index);
  }

  /** The SIM with this SIM ID (an ICCID for seeded SIMs). */
  bySimId(simId: string): SimRecord | undefined {
    if (/^898110\d{13}$/.test(simId)) {
      const sim = this.#at(Number(simId.slice(6)));
      if (sim?.simId === simId) return sim;
    }
    return Object.values(this.data.sims).find((s) => s.simId === simId);
  }

  /** Keeps a changed SIM (a copy), stamped with the time. */
  put(sim: SimRecord): SimRecord {
    const kept = { ...sim, tags: { ...sim.tags }, lastModifiedTime: this.now() };
    this.data.sims[sim.imsi] = kept;
    return kept;
  }

  /** A new SIM made by `make` from its IMSI and index. */
  add(make: (imsi: string, index: number) => SimRecord): SimRecord {
    const index = this.size;
    this.data.counters.sim = (this.data.counters.sim ?? 0) + 1;
    const sim = make(imsiAt(index), index);
    this.data.sims[sim.imsi] = sim;
    return sim;
  }

  /** Every SIM whose IMSI sorts after `after` (all without it), in IMSI order. */
  *after(after: string | undefined): Generator<SimRecord> {
    for (let i = after === undefined ? 0 : this.#firstAfter(after); i < this.size; i++) {
      const sim = this.#at(i);
      if (sim !== undefined) yield sim;
    }
  }

  /** The first index whose IMSI sorts after `key`. */
  #firstAfter(key: string): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (imsiAt(mid) <= key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
