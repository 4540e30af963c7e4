/**
 * The synthetic data the emulator serves: subscribers (made on demand from their index) and a few
 * Soralets.
 *
 * @module
 */

import type { KeyedList } from "./paging.ts";

/** The IMSI of subscriber 0; subscriber `i` has `IMSI_BASE + i`. */
export const IMSI_BASE = 440100000000000;

/**
 * The literal text of every subscriber's `bigNumber` field, beyond 2^64 and far beyond 2^53, for
 * number-precision tests.
 */
export const BIG_NUMBER_TEXT = "12345678901234567890";

/** `createdTime` of subscriber 0 (ms); subscriber `i` has this plus `i`. */
export const SUBSCRIBER_CREATED_TIME = 1700000000000;

/**
 * The IMSI of subscriber `index`, 15 digits.
 *
 * @example
 * ```ts ignore
 * imsiAt(42); // "440100000000042"
 * ```
 */
export function imsiAt(index: number): string {
  return String(IMSI_BASE + index).padStart(15, "0");
}

/**
 * The index of the subscriber with this IMSI, or `undefined` when there is none among `count`.
 *
 * @example
 * ```ts ignore
 * subscriberIndexOf("440100000000004", 5); // 4
 * ```
 */
export function subscriberIndexOf(imsi: string, count: number): number | undefined {
  if (!/^\d{15}$/.test(imsi)) return undefined;
  const index = Number(imsi) - IMSI_BASE;
  return index >= 0 && index < count ? index : undefined;
}

/**
 * Subscriber `index` as JSON text, owned by `operatorId`. The `bigNumber` field is written
 * literally so that a client parsing with plain `JSON.parse` would lose precision.
 *
 * @example
 * ```ts ignore
 * subscriberJson(0, "OP0012345678"); // '{"imsi":"440100000000000",...,"bigNumber":12345678901234567890}'
 * ```
 */
export function subscriberJson(index: number, operatorId: string): string {
  const serial = String(index).padStart(8, "0");
  const fields = {
    imsi: imsiAt(index),
    iccid: `898110${String(index).padStart(13, "0")}`,
    msisdn: `8190${serial}`,
    operatorId,
    status: index % 10 === 9 ? "inactive" : "active",
    speedClass: "s1.standard",
    subscription: "plan01s",
    type: "s1.standard",
    groupId: null,
    tags: { name: `sim-${serial}` },
    sessionStatus: { online: index % 2 === 0 },
    createdTime: SUBSCRIBER_CREATED_TIME + index,
  };
  return `${JSON.stringify(fields).slice(0, -1)},"bigNumber":${BIG_NUMBER_TEXT}}`;
}

/**
 * The first `count` subscribers as a lazily built list keyed by IMSI.
 *
 * @example
 * ```ts ignore
 * const list = subscriberList(100_000, "OP0012345678"); // builds nothing yet
 * ```
 */
export function subscriberList(count: number, operatorId: string): KeyedList {
  return {
    size: count,
    keyAt: imsiAt,
    itemJson: (index) => subscriberJson(index, operatorId),
  };
}

/** The Soralet IDs every operator has, sorted. */
export const SORALET_IDS = ["echo", "hello", "uplink-transform"] as const;

/**
 * The fixed Soralets of `operatorId` as a list keyed by Soralet ID.
 *
 * @example
 * ```ts ignore
 * soraletList("OP0012345678").itemJson(1); // '{"soraletId":"hello",...}'
 * ```
 */
export function soraletList(operatorId: string): KeyedList {
  return {
    size: SORALET_IDS.length,
    keyAt: (index) => SORALET_IDS[index],
    itemJson: (index) =>
      JSON.stringify({
        soraletId: SORALET_IDS[index],
        operatorId,
        description: `Soralet ${SORALET_IDS[index]}`,
        createdTime: 1700000000000 + index * 1000,
        updatedTime: 1700000000000 + index * 1000,
      }),
  };
}
