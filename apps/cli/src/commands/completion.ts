/**
 * `cloud-images completion bash|zsh`: a completion script made from the command tree itself
 * (every command, subcommand and option), so it never goes stale.
 */
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { Run } from "../run-types.js";
import { stringArg } from "./shared.js";

/** Command path (space-joined, "" for the root) → the words that may follow it. */
function table(program: Command): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const globals = program.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x));
  const walk = (cmd: Command, path: string[]): void => {
    const words = [
      ...cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden).flatMap((c) => [c.name(), ...c.aliases()]),
      ...cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x)),
      ...(path.length === 0 ? [] : globals),
      "--help",
    ];
    out.set(path.join(" "), [...new Set(words)]);
    for (const c of cmd.commands) for (const name of [c.name(), ...c.aliases()]) walk(c, [...path, name]);
  };
  walk(program, []);
  return out;
}

function bash(program: Command): string {
  const cases = [...table(program)].map(([path, words]) => `    "${path}") words="${words.join(" ")}" ;;`).join("\n");
  return `# bash completion for cloud-images: source <(cloud-images completion bash)
_cloud_images() {
  local cur path="" w i words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    if _cloud_images_has "\${path:+$path }$w"; then path="\${path:+$path }$w"; fi
  done
  case "$path" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
_cloud_images_has() {
  case "$1" in
${[...table(program).keys()].filter((k) => k !== "").map((k) => `    "${k}") return 0 ;;`).join("\n")}
  esac
  return 1
}
complete -F _cloud_images cloud-images
`;
}

function zsh(program: Command): string {
  const entries = [...table(program)].map(([path, words]) => `    [${JSON.stringify(path)}]=${JSON.stringify(words.join(" "))}`).join("\n");
  return `#compdef cloud-images
# zsh completion for cloud-images: cloud-images completion zsh > "\${fpath[1]}/_cloud-images"
_cloud_images() {
  local -A table
  table=(
${entries}
  )
  local path="" w i
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    [[ "$w" == -* ]] && continue
    if (( \${+table[\${path:+$path }$w]} )); then path="\${path:+$path }$w"; fi
  done
  local -a next
  next=(\${=table[$path]})
  compadd -- $next
}
compdef _cloud_images cloud-images
`;
}

/** Prints the script for `bash` or `zsh`. */
export async function completion(run: Run): Promise<void> {
  const shell = stringArg(run, 0);
  if (shell === "bash") run.print(bash(run.program));
  else if (shell === "zsh") run.print(zsh(run.program));
  else throw new UsageError(`completion ${shell}: bash or zsh`);
}
