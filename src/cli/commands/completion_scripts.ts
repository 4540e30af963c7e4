/**
 * The completion scripts `soracom completion` prints, one per shell: shell
 * code, not text of ours (their comments are the scripts' own, so the lint
 * rule on words in `src/cli/` does not apply to this file).
 *
 * The scripts embed no command names: each completion calls back into the
 * binary (`soracom __complete WORDS... CURRENT`, see `../complete.ts`), which
 * answers with one `VALUE<TAB>DESCRIPTION` line per candidate. When the
 * command word is a path (`./soracom`, `/opt/bin/soracom`) that path is
 * called back, otherwise `soracom` from PATH.
 *
 * @module
 */

// deno-lint-ignore-file soracom/words-in-text -- shell code (see above)

/** The shells `soracom completion` writes scripts for. */
export type Shell = "bash" | "zsh" | "fish";

// Bash: written for bash 3.2 (macOS) and later; needs no bash-completion package.
// With `=` in COMP_WORDBREAKS, bash splits `--flag=va` into `--flag`, `=`,
// `va`; the words are joined again for __complete, and only the part after `=`
// is put back (readline replaces just that part).
const BASH = [
  "# bash completion for soracom",
  "#",
  '# This shell:   eval "$(soracom completion bash)"',
  "# Every shell:  soracom completion bash > ~/.local/share/bash-completion/completions/soracom",
  "#               (or add the line above to ~/.bashrc)",
  "",
  "_soracom_complete() {",
  "    local prog=${COMP_WORDS[0]} word line value cur i last",
  "    local -a words",
  "    [[ $prog == */* && -x $prog ]] || prog=soracom",
  "    for ((i = 1; i <= COMP_CWORD; i++)); do",
  "        word=${COMP_WORDS[i]}",
  "        last=$((${#words[@]} - 1))",
  '        if ((last >= 0)) && [[ $word == "=" && ${words[last]} == -* && ${words[last]} != *=* ]]; then',
  '            words[last]+="="',
  '        elif ((last >= 0)) && [[ ${COMP_WORDS[i - 1]} == "=" && ${words[last]} == -*= ]]; then',
  "            words[last]+=$word",
  "        else",
  '            words+=("$word")',
  "        fi",
  "    done",
  '    ((${#words[@]} > 0)) || words=("")',
  "    cur=${words[${#words[@]} - 1]}",
  "    COMPREPLY=()",
  "    while IFS= read -r line; do",
  "        value=${line%%$'\\t'*}",
  "        if [[ $cur == -*=* && $COMP_WORDBREAKS == *=* ]]; then",
  "            value=${value#*=}",
  "        fi",
  '        COMPREPLY+=("$value")',
  '    done < <("$prog" __complete "${words[@]}" 2>/dev/null)',
  "}",
  "",
  "complete -F _soracom_complete soracom",
  "",
].join("\n");

// Zsh: works from a file named _soracom in $fpath (compinit autoloads it and
// runs it as the function _soracom) and when sourced after compinit.
const ZSH = [
  "#compdef soracom",
  "# zsh completion for soracom",
  "#",
  "# This shell:   source <(soracom completion zsh)      (after compinit)",
  '# Every shell:  soracom completion zsh > "${fpath[1]}/_soracom"   (then start a new shell)',
  "",
  "_soracom() {",
  "    local prog=${words[1]} line value description",
  "    local -a args candidates",
  "    [[ $prog == */* && -x $prog ]] || prog=soracom",
  '    args=("${(@Q)words[2,CURRENT]}")',
  '    for line in "${(@f)$("$prog" __complete "${args[@]}" 2>/dev/null)}"; do',
  "        [[ -n $line ]] || continue",
  "        value=${line%%$'\\t'*}",
  "        description=",
  "        [[ $line == *$'\\t'* ]] && description=${line#*$'\\t'}",
  '        candidates+=("${value//:/\\\\:}${description:+:$description}")',
  "    done",
  "    ((${#candidates})) || return 1",
  "    _describe -t soracom-completions 'soracom' candidates",
  "}",
  "",
  "if [[ ${funcstack[1]} == _soracom ]]; then",
  '    _soracom "$@"',
  "else",
  "    compdef _soracom soracom",
  "fi",
  "",
].join("\n");

// Fish reads `VALUE<TAB>DESCRIPTION` lines from -a as they are.
const FISH = [
  "# fish completion for soracom",
  "#",
  "# This shell:   soracom completion fish | source",
  "# Every shell:  soracom completion fish > ~/.config/fish/completions/soracom.fish",
  "",
  "function __soracom_complete",
  "    set -l words (commandline -opc)",
  "    set -l prog $words[1]",
  "    set -e words[1]",
  "    if not string match -q -- '*/*' $prog; or not test -x $prog",
  "        set prog soracom",
  "    end",
  "    $prog __complete $words (commandline -ct) 2>/dev/null",
  "end",
  "",
  "complete -c soracom -f -a '(__soracom_complete)'",
  "",
].join("\n");

const SCRIPTS: Readonly<Record<Shell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };

/**
 * The completion script for `shell`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(completionScript("fish").includes("__complete"));
 * ```
 */
export function completionScript(shell: Shell): string {
  return SCRIPTS[shell];
}
