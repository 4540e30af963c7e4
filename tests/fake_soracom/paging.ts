/**
 * Lazy `last_evaluated_key` / `x-soracom-next-key` paging over lists whose items are made on demand,
 * so a page of a 100,000-item list costs only the page.
 *
 * @module
 */

/** A list sorted by key, ascending, whose items are built only when asked for. */
export interface KeyedList {
  readonly size: number;
  keyAt(index: number): string;
  /** The item as JSON text (text, so huge integers survive verbatim). */
  itemJson(index: number): string;
}

/** One page: the JSON array text and the key to send for the next page, if more remain. */
export interface Page {
  readonly json: string;
  readonly count: number;
  readonly nextKey?: string;
}

/**
 * The page after `lastEvaluatedKey` (the first page when absent): items whose key is greater,
 * at most `limit` of them.
 *
 * @example
 * ```ts ignore
 * const page = pageOf(list, undefined, 10); // page.nextKey is the 10th key when the list is longer
 * ```
 */
export function pageOf(list: KeyedList, lastEvaluatedKey: string | undefined, limit: number): Page {
  const start = lastEvaluatedKey === undefined ? 0 : firstIndexAfter(list, lastEvaluatedKey);
  const end = Math.min(list.size, start + limit);
  const items: string[] = [];
  for (let i = start; i < end; i++) items.push(list.itemJson(i));
  const json = `[${items.join(",")}]`;
  return end < list.size && end > start
    ? { json, count: items.length, nextKey: list.keyAt(end - 1) }
    : { json, count: items.length };
}

/** Binary search: the first index whose key sorts after `key`. */
function firstIndexAfter(list: KeyedList, key: string): number {
  let low = 0;
  let high = list.size;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (list.keyAt(mid) <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Reads the `limit` query value: `fallback` when absent, capped at `max`, `undefined` when it is not
 * a positive integer.
 *
 * @example
 * ```ts ignore
 * parseLimit("500", 100, 100); // 100
 * parseLimit("abc", 100, 100); // undefined
 * ```
 */
export function parseLimit(raw: string | null, fallback: number, max?: number): number | undefined {
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) return undefined;
  return max === undefined ? value : Math.min(value, max);
}
