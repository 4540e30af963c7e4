/**
 * The line-breaking rules of Japanese (kinsoku) as a check over lines of
 * output, for the tests of help pages and messages.
 *
 * @module
 */

/** Why `line` breaks a line-breaking rule of Japanese (kinsoku), or undefined when it does not. */
export function kinsokuFault(line: string): string | undefined {
  const text = line.trim();
  if (/^[、。，．）」』】〕ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]/u.test(text)) {
    return "starts with a closing mark or a small kana";
  }
  // `:`, `,` and `)` start no line either (`.` may: `./report.sh`, `...`).
  if (/^[:;,)]/u.test(text)) return "starts with a closing mark";
  if (/[（「『【]$/u.test(text)) return "ends with an opening bracket";
  if ([...text].length === 1 && !/^[ -~]$/u.test(text)) return "one character alone";
  return undefined;
}
