/**
 * A stand-in for the 1Password CLI `op`, for tests and the demo. It knows the
 * emulator's accounts as items and prints them like `op` does:
 *
 * - `op item get ITEM --format json`: the item, with `fields[]` (password,
 *   username, notes, one-time password with its current `totp`, operator ID);
 * - `op item get ITEM --otp`: only the current code;
 * - `op item get ITEM --soracom-profile`: the item as a soracom profile
 *   (username, password, operatorId), as the README's jq filter makes it:
 *   for systems without jq (the release smoke test on Windows).
 *
 * Each run appends a line to `$FAKE_OP_LOG` when set, so tests can count runs.
 * `FAKE_OP_NO_OTP=1` leaves the TOTP out (to provoke AUM0063).
 *
 * @module
 */

import { rootMfa, sam, samPlain, totpFor } from "../helpers/accounts.ts";

interface Item {
  readonly username: string;
  readonly password: string;
  readonly operatorId: string;
  readonly mfaSecret?: string;
}

const ITEMS: Readonly<Record<string, Item>> = {
  "soracom-power-sam-user": { username: sam.userName, ...sam },
  "soracom-plain-user": { username: samPlain.userName, ...samPlain },
  "soracom-root": { username: rootMfa.email, ...rootMfa },
};

function itemJson(name: string, item: Item, withOtp: boolean): string {
  const totp = item.mfaSecret && withOtp ? totpFor(item.mfaSecret, Date.now()) : undefined;
  return JSON.stringify(
    {
      id: "fakeitemid",
      title: name,
      category: "LOGIN",
      fields: [
        { id: "password", type: "CONCEALED", label: "password", value: item.password },
        { id: "username", type: "STRING", label: "username", value: item.username },
        { id: "notesPlain", type: "STRING", label: "notesPlain" },
        {
          id: "otp",
          type: "OTP",
          label: "one-time password",
          value: item.mfaSecret ? `otpauth://totp/soracom?secret=${item.mfaSecret}` : undefined,
          totp,
        },
        { id: "operator", type: "STRING", label: "operator id", value: item.operatorId },
      ],
    },
    null,
    2,
  );
}

function main(args: string[]): number {
  const log = Deno.env.get("FAKE_OP_LOG");
  if (log) Deno.writeTextFileSync(log, `${args.join(" ")}\n`, { append: true });
  if (args[0] !== "item" || args[1] !== "get" || args.length < 3) {
    console.error("[ERROR] fake op: usage: op item get ITEM (--format json | --otp)");
    return 1;
  }
  const item = ITEMS[args[2]];
  if (!item) {
    console.error(
      `[ERROR] "${args[2]}" isn't an item. Specify the item with its UUID, name, or domain.`,
    );
    return 1;
  }
  if (args.includes("--otp")) {
    if (!item.mfaSecret) {
      console.error("[ERROR] the item has no one-time password");
      return 1;
    }
    console.log(totpFor(item.mfaSecret, Date.now()));
    return 0;
  }
  if (args.includes("--soracom-profile")) {
    // What `op item get ITEM --format json | jq '{username:...}'` makes of it, without jq.
    const { username, password, operatorId } = item;
    console.log(JSON.stringify({ username, password, operatorId }));
    return 0;
  }
  console.log(itemJson(args[2], item, Deno.env.get("FAKE_OP_NO_OTP") !== "1"));
  return 0;
}

if (import.meta.main) Deno.exit(main(Deno.args));
