/**
 * Issue 27: a flag's description says what the flag does in its command, and
 * for an ID where to find one; it does not just restate the flag's name
 * (`--tag-name`: "tag name"). Measured over every (operation, flag) pair as
 * `soracom help` shows it, in English and in Japanese; at most 2% may stay that
 * short. Every command a text cites (`soracom sims list`) exists, with the
 * flags it is given.
 *
 * @module
 */

import assert from "node:assert/strict";
import { textStrings } from "../helpers/text_strings.ts";
import {
  handWrittenFlagNames,
  readAuthoredText,
  renderHelpFiles,
} from "../../scripts/gen_help_text.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import type { Catalog, CatalogOperation } from "../../src/catalog/types.ts";
import type { GroupText } from "../../src/cli/help.ts";
import { apiCommand } from "../../src/cli/api_run.ts";
import { HAND_WRITTEN } from "../../src/cli/commands/registry.ts";
import { runInProcess } from "../helpers/context.ts";

/**
 * The most descriptions that may restate their flag's name, as a share of all
 * of them, per language. The count was 626 (en) and 711 (ja) of 1208 when this
 * check was written; it is 0 since the rewrite.
 */
const MAX_SHARE = 0.02;

/**
 * Words that carry no meaning of their own in a description: articles,
 * prepositions, conjunctions, pronouns and forms of "be".
 */
const SMALL_WORDS = new Set(
  (
    "a an the of for to in on at by with from as or and nor into onto per than then " +
    "is are be been was were it its this that these those which who whose one ones " +
    "your you their them they there here e g eg ie etc"
  ).split(" "),
);

/**
 * What an abbreviated flag word stands for: these words restate it too
 * (`--cid`: "cell ID", `--msisdn`: "phone number").
 */
const SPELLED_OUT: Readonly<Record<string, readonly string[]>> = {
  id: ["identifier"],
  cid: ["cell", "id"],
  lac: ["location", "area", "code"],
  tac: ["tracking", "area", "code"],
  mcc: ["mobile", "country", "code"],
  mnc: ["mobile", "network", "code"],
  eci: ["e", "utran", "cell", "id"],
  ecid: ["enhanced", "cell", "id"],
  msisdn: ["phone", "number"],
  ipaddr: ["ip", "address"],
  userdata: ["user", "data"],
  username: ["user", "name"],
  unixtime: ["unix", "time"],
  otpcode: ["one", "time", "code", "otp"],
  mfa: ["multi", "factor", "authentication"],
  vpg: ["virtual", "private", "gateway"],
  ns: ["network", "set"],
  pcx: ["vpc", "peering", "connection"],
  tgw: ["transit", "gateway"],
  yyyy: ["year"],
  mm: ["month"],
  ms: ["millisecond"],
  zip: ["postal"],
};

/** One form per word: lower case, no possessive, no plural `s`. */
function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, "");
  return w.length >= 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

/** A format hint says how to write a value, not what it is for: `OP00...`, `YYYYMM`, `3G`. */
function isFormatHint(word: string): boolean {
  return /\d/.test(word) || /^[ymdhs]{4,}$/i.test(word);
}

/** The flag's words, each with the words it stands for. */
function flagWords(flag: string): string[][] {
  return flag.split("-").filter((w) => !isFormatHint(w) && !SMALL_WORDS.has(w)).map((w) => [
    stem(w),
    ...(SPELLED_OUT[w] ?? []).map(stem),
  ]);
}

/**
 * English: a description restates its flag when, once small words, format
 * hints and the flag's own words (or what they stand for) are set aside, at
 * most one word of its own is left. "device ID", "IMEI of the device" and
 * "operator ID (OP00...)" restate; "SIM to move to the group; `soracom sims
 * list` shows them" does not.
 */
export function restatesEn(flag: string, text: string): boolean {
  const own = new Set(flagWords(flag).flat());
  const words = (text.match(/[A-Za-z0-9'’]+/g) ?? [])
    .map(stem)
    .filter((w) => !SMALL_WORDS.has(w) && !isFormatHint(w) && !own.has(w));
  return words.length <= 1;
}

/**
 * Japanese: the flag's words may come back translated (`--tag-name`:
 * "タグ名"), so a description restates its flag when it has no more words than
 * those translations plus one. The flag's words that appear in Latin letters
 * (`ID`, `IMSI`) and small words are set aside; each flag word that does not
 * may be translated as one word (an abbreviation as the words it stands for).
 * Japanese words are counted without a dictionary: a katakana run is one word,
 * a kanji run one word per two characters (most kanji words are two), each
 * Latin word one; hiragana (particles, verb endings) and format hints count
 * for nothing. "デバイス ID", "SIM の IMSI" and "タグ名" restate;
 * "グループに入れる SIM。`soracom sims list` で確認できます" does not.
 */
export function restatesJa(flag: string, text: string): boolean {
  const words = flagWords(flag);
  const latin = (text.match(/[A-Za-z0-9'’]+/g) ?? []).map(stem);
  const present = new Set(latin);
  const translated = words
    .filter((forms) => !forms.some((f) => present.has(f)))
    .reduce((n, forms) => n + Math.max(1, forms.length - 1), 0);
  const own = new Set(words.flat());
  let count = latin.filter((w) => !SMALL_WORDS.has(w) && !isFormatHint(w) && !own.has(w)).length;
  count += (text.match(/[\u30a1-\u30fa\u30fc]+/g) ?? []).length;
  for (const run of text.match(/[\u4e00-\u9fff\u3005]+/g) ?? []) count += Math.ceil(run.length / 2);
  return count <= translated + 1;
}

/** A flag's description as a command's help page shows it. */
interface FlagText {
  readonly op: CatalogOperation;
  readonly flag: string;
  readonly en: string;
  readonly ja: string;
}

/** Every (operation, flag) description, as the generator merges them. */
async function flagTexts(catalog: Catalog): Promise<FlagText[]> {
  const handFlags = await handWrittenFlagNames(catalog);
  const { files, problems } = renderHelpFiles(catalog, await readAuthoredText(), handFlags);
  assert.deepEqual(problems, []);
  const out: FlagText[] = [];
  for (const op of catalog.operations) {
    const file = files.get(`help/${op.names[0].split(" ")[0]}.json`);
    assert.ok(file, op.operationId);
    const params = (JSON.parse(file) as GroupText).operations[op.operationId].params;
    for (const p of [...op.params, ...(op.body?.props ?? [])]) {
      out.push({ op, flag: p.flag, en: params[p.flag].en, ja: params[p.flag].ja });
    }
  }
  return out;
}

Deno.test("flag text: the restatement rules, on examples", () => {
  // [rule, flag, description, whether it only restates the flag]
  const cases: [typeof restatesEn, string, string, boolean][] = [
    [restatesEn, "tag-name", "tag name", true],
    [restatesEn, "device-id", "device ID", true],
    [restatesEn, "imei", "IMEI of the device", true],
    [restatesEn, "operator-id", "operator ID (OP00...)", true],
    [restatesEn, "cid", "cell ID (3G or 2G)", true],
    [restatesEn, "year-month", "month, as YYYYMM", true],
    [restatesEn, "created-time", "time it was created", true],
    [restatesEn, "group-id", "group to put the SIM in; `soracom groups list` shows them", false],
    [restatesEn, "speed-class", "speed class, which sets bandwidth and price", false],
    [restatesEn, "imsi", "SIM whose usage to read; `soracom subscribers list` shows IMSIs", false],
    [restatesJa, "tag-name", "タグ名", true],
    [restatesJa, "device-id", "デバイス ID", true],
    [restatesJa, "imsi", "SIM の IMSI", true],
    [restatesJa, "email", "メールアドレス", true],
    [restatesJa, "last-modified-time", "最終更新日時", true],
    [restatesJa, "lac", "位置登録エリアコード", true],
    [restatesJa, "group-id", "SIM を入れるグループ。`soracom groups list` で確認できます", false],
    [restatesJa, "speed-class", "速度クラス。帯域と料金が決まります", false],
    [restatesJa, "tag-name", "このタグを持つ SIM だけを一覧にします", false],
  ];
  for (const [rule, flag, text, restates] of cases) {
    assert.equal(rule(flag, text), restates, `--${flag}: "${text}"`);
  }
});

Deno.test("flag text: at most 2% of flag descriptions only restate the flag's name, per language", async () => {
  const texts = await flagTexts(await loadCatalog());
  const limit = Math.floor(texts.length * MAX_SHARE);
  const over: string[] = [];
  for (const lang of ["en", "ja"] as const) {
    const restates = lang === "en" ? restatesEn : restatesJa;
    const short = texts.filter((t) => restates(t.flag, t[lang]));
    if (short.length <= limit) continue;
    const list = short.map((t) => `${t.op.names[0]} --${t.flag}: ${t[lang]}`);
    over.push(
      `${lang}: ${short.length} of ${texts.length} descriptions restate the flag's name ` +
        `(at most ${limit}):\n  ${list.join("\n  ")}`,
    );
  }
  assert.deepEqual(over, []);
});

/** The commands a text cites as `` `soracom WORDS [--flag ...]` ``. */
function citations(text: string): string[] {
  return [...text.matchAll(/`soracom ([^`]*)`/g)].map((m) => m[1]);
}

Deno.test("flag text: every command a text cites exists, with its flags, in both languages", async () => {
  const catalog = await loadCatalog();
  const ops = new Map<string, CatalogOperation>();
  for (const op of catalog.operations) for (const name of op.names) ops.set(name, op);
  const texts = await readAuthoredText();
  const problems: string[] = [];
  for (const lang of ["en", "ja"] as const) {
    for (const [path, text] of textStrings(texts[lang])) {
      for (const citation of citations(text)) {
        const words = citation.split(/\s+/);
        const name = words.filter((w) => /^[a-z][a-z0-9-]*$/.test(w)).join(" ");
        const flags = words.filter((w) => w.startsWith("--")).map((w) => w.slice(2).split("=")[0]);
        const op = Object.hasOwn(HAND_WRITTEN, name) ? undefined : ops.get(name);
        if (!op && !Object.hasOwn(HAND_WRITTEN, name)) {
          problems.push(`${lang}${path}: no command "soracom ${name}"`);
          continue;
        }
        const known = op ? apiCommand(op).flags : {};
        for (const f of op ? flags : []) {
          if (!Object.hasOwn(known, f)) {
            problems.push(`${lang}${path}: soracom ${name} has no --${f}`);
          }
        }
      }
    }
  }
  // The same commands in both languages, text by text.
  const ja = new Map(textStrings(texts.ja));
  for (const [path, text] of textStrings(texts.en)) {
    const other = ja.get(path);
    if (other === undefined) continue;
    const a = citations(text).sort();
    const b = citations(other).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      problems.push(
        `${path}: en cites ${a.join(", ") || "nothing"}, ja ${b.join(", ") || "nothing"}`,
      );
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("flag text: a cited command is never split across lines, on any page at 80 columns", async () => {
  const catalog = await loadCatalog();
  const broken: string[] = [];
  let pages = 0;
  for (const op of catalog.operations) {
    const name = op.names[0];
    for (const lang of ["en", "ja"] as const) {
      const env: Record<string, string> = lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {};
      const r = await runInProcess([...name.split(" "), "--help"], { env });
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      pages++;
      for (const line of r.stdout.split("\n")) {
        // Backticks in the --query example are JMESPath literals, not a citation.
        const ticks = line.replace(/'[^']*'/g, "").match(/`/g)?.length ?? 0;
        if (ticks % 2 === 1) broken.push(`${lang}: soracom ${name}: ${line.trim()}`);
      }
    }
  }
  assert.equal(pages, catalog.operations.length * 2);
  assert.deepEqual(broken, []);
});

/** A flag that names a SORACOM resource by its ID: `--sim-id`, `--imsi`, `--group-id`. */
function isIdFlag(flag: string): boolean {
  return /(^|-)(id|imsi|iccid|msisdn)$/.test(flag) || flag === "email-id-list";
}

/**
 * ID flags whose value no command of ours lists: the user chooses it, reads it
 * off a device, or gets it from AWS or from another account.
 */
const ID_FROM_ELSEWHERE: Readonly<Record<string, string>> = {
  "--customer-aws-account-id": "an AWS account",
  "--customer-transit-gateway-id": "made in AWS",
  "--customer-vpc-id": "made in AWS",
  "--peer-owner-id": "an AWS account",
  "--peer-vpc-id": "made in AWS",
  "--product-certification-id": "from the device's maker",
  "--registration-id": "the LwM2M device's own",
  "--object-id": "a number from the LwM2M registry",
  "--vxlan-id": "a number the user chooses",
  "--product-id": "a kind of gadget (button or wimax), not an ID",
  "--transfer-destination-operator-id": "the receiving account gives it",
  "auth --operator-id": "the account the SAM user logs in to",
  "switchUser --operator-id": "the account to switch into gives it",
  "addPermissionToLoraNetworkSet --operator-id": "the other account gives it",
  "sandboxShipOrder --operator-id": "taken from the session",
  "createDevice --device-id": "chosen for the new device",
  "registerLoraDevice --device-id": "printed on the device",
  "registerSigfoxDevice --device-id": "printed on the device",
  "createLoraNetworkSet --network-set-id": "chosen for the new network set",
  "createRole --role-id": "chosen for the new role",
  "createCredential --credentials-id": "chosen for the new credential set",
  "createSoralet --soralet-id": "chosen for the new Soralet",
  "acceptTransitGatewayVpcAttachmentFromCustomer --customer-tgw-vpc-attachment-id": "made in AWS",
};

Deno.test("flag text: an ID flag says which command finds its value, in both languages", async () => {
  const missing: string[] = [];
  for (const t of await flagTexts(await loadCatalog())) {
    if (!isIdFlag(t.flag)) continue;
    if (ID_FROM_ELSEWHERE[`--${t.flag}`] || ID_FROM_ELSEWHERE[`${t.op.operationId} --${t.flag}`]) {
      continue;
    }
    for (const lang of ["en", "ja"] as const) {
      if (citations(t[lang]).length === 0) {
        missing.push(`${lang}: ${t.op.names[0]} --${t.flag}: ${t[lang]}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
