/**
 * The emulator's state while it runs: the {@link WorldData} (what `--state`
 * saves), the seed its made-up data comes from, its clock, and the lookups the
 * resources share. A handler that changes something calls {@link World.changed}
 * so the state file is written before the answer goes out.
 *
 * @module
 */

import { notFound } from "./errors.ts";
import { Random } from "./random.ts";
import { Sessions } from "./sessions.ts";
import { SimStore } from "./sim_store.ts";
import type { OperatorRecord, UserRecord, WorldData } from "./world_data.ts";

/** The kinds of ID the emulator makes, each with its own counter. */
export type IdKind =
  | "group"
  | "handler"
  | "role"
  | "authKey"
  | "sim"
  | "operator"
  | "backup"
  | "mfa";

/** The shared state of one emulator. */
export class World {
  /** SIMs: the seeded ones made on demand, the changed and added ones from {@link data}. */
  readonly sims: SimStore;
  /** API keys and tokens. */
  readonly sessions: Sessions;
  /** When this emulator started (ms): made-up times are near it, the same for a request each time. */
  readonly startedAt: number;
  #changed = false;

  /** The world of `data`, on the clock `now`. */
  constructor(readonly data: WorldData, readonly now: () => number) {
    this.sims = new SimStore(data, now);
    this.sessions = new Sessions(data, now);
    this.startedAt = now();
  }

  /** The seed of made-up data. */
  get seed(): number {
    return this.data.seed;
  }

  /** Marks the state as changed: it is saved before the answer is sent. */
  changed(): void {
    this.#changed = true;
  }

  /** Whether anything changed since the last call (and forgets it). */
  takeChanged(): boolean {
    const was = this.#changed;
    this.#changed = false;
    return was;
  }

  /**
   * A new ID of `kind`, the same sequence for the same seed: a UUID for
   * groups, letters and digits otherwise.
   */
  newId(kind: IdKind): string {
    const n = (this.data.counters[kind] ?? 0) + 1;
    this.data.counters[kind] = n;
    this.changed();
    const r = Random.of(this.seed, "id", kind, n);
    switch (kind) {
      case "group":
        return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
      case "operator":
        return `OP${r.digits(10)}`;
      case "authKey":
        return `keyId-${r.text(32)}`;
      case "role":
        return `role-${r.text(10)}`;
      default:
        return r.text(20);
    }
  }

  /** Removes `item` from one of the world's lists (and marks the state as changed). */
  remove<K extends "groups" | "harvest" | "soralets" | "eventHandlers">(
    list: K,
    item: WorldData[K][number],
  ): void {
    const items: WorldData[K][number][] = this.data[list];
    this.data[list] = items.filter((x) => x !== item) as WorldData[K];
    this.changed();
  }

  /** The operator with this ID, or a 404. */
  operator(operatorId: string): OperatorRecord {
    const found = this.data.operators.find((o) => o.operatorId === operatorId);
    if (found === undefined) throw notFound("operator", operatorId);
    return found;
  }

  /** The SAM user of an operator, or a 404. */
  user(operatorId: string, userName: string): UserRecord {
    const found = this.operator(operatorId).users.find((u) => u.userName === userName);
    if (found === undefined) throw notFound("user", userName);
    return found;
  }

  /** A stable random source for something named by `parts`. */
  random(...parts: readonly (string | number)[]): Random {
    return Random.of(this.seed, ...parts);
  }
}
