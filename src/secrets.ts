/**
 * The secrets this run knows (passwords, AuthKeys, one-time codes, API keys
 * and tokens), so that stderr can hide them by value wherever they turn up:
 * an API error that echoes the request, a verbose dump, a profileCommand's
 * stderr. Hiding by name (`redact.ts`) misses a secret under an unexpected
 * name or in free text; this does not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hidingSecrets, KnownSecrets } from "./secrets.ts";
 *
 * const secrets = new KnownSecrets();
 * secrets.add("hunter2!");
 * const seen: string[] = [];
 * const stderr = hidingSecrets({ write: (t) => void seen.push(String(t)), isTerminal: () => false }, secrets);
 * stderr.write("Error: bad request {\"pass\":\"hunter2!\"}\n");
 * assert.equal(seen[0], 'Error: bad request {"pass":"<hidden>"}\n');
 * ```
 *
 * @module
 */

/** What a secret is replaced with. */
const HIDDEN = "<hidden>";

/**
 * Shorter values are not hidden by value: a one- to three-character
 * "secret" would hide ordinary words and numbers. (Their names still hide
 * them in dumps.)
 */
const MIN_SECRET_LENGTH = 4;

/** The secrets of one run, and how to hide them in text. */
export class KnownSecrets {
  /** Each form a secret takes, and for a code of digits the pattern that finds it whole. */
  #forms: { readonly text: string; readonly whole?: RegExp }[] = [];

  /** Remembers secrets (undefined and too-short values are passed over). */
  add(...values: readonly (string | undefined)[]): void {
    let added = false;
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      // As written, as it appears inside a JSON string, and as it appears in a URL or form.
      for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        if (!this.#forms.some((f) => f.text === form)) {
          // A code of digits only (an OTP) is hidden as a whole number, not inside a longer one
          // (an IMSI or an ID in the same message).
          const whole = /^\d+$/.test(form) ? new RegExp(`(?<!\\d)${form}(?!\\d)`, "g") : undefined;
          this.#forms.push({ text: form, whole });
          added = true;
        }
      }
    }
    // Longest first, so a secret that contains another is hidden whole.
    if (added) this.#forms.sort((a, b) => b.text.length - a.text.length);
  }

  /** True when no secret is known yet. */
  get empty(): boolean {
    return this.#forms.length === 0;
  }

  /** `text` with every known secret replaced by `<hidden>`. */
  hide(text: string): string {
    let out = text;
    for (const { text: form, whole } of this.#forms) {
      out = whole ? out.replace(whole, HIDDEN) : out.replaceAll(form, HIDDEN);
    }
    return out;
  }
}

/** Something written to, as stderr is. */
export interface Writable {
  /** Writes text or bytes. */
  write(data: string | Uint8Array): void;
  /** True when it is a terminal. */
  isTerminal(): boolean;
}

/** `output` with every known secret hidden from what is written to it. */
export function hidingSecrets(output: Writable, secrets: KnownSecrets): Writable {
  return {
    write(data: string | Uint8Array) {
      if (secrets.empty) return output.write(data);
      if (typeof data === "string") return output.write(secrets.hide(data));
      output.write(new TextEncoder().encode(secrets.hide(new TextDecoder().decode(data))));
    },
    isTerminal: () => output.isTerminal(),
  };
}
