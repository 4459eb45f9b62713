#!/usr/bin/env bash
# Completes a command line with a bash completion script, as bash does on Tab.
# usage: bash complete.bash SCRIPT WORD... (the last word is the one completed; may be empty)
# prints the candidates, one a line.
set -u
# shellcheck source=/dev/null
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
COMP_TYPE=9
func=$(complete -p "$1" | sed -E 's/.*-F ([^ ]+).*/\1/')
prev=""
if ((COMP_CWORD > 0)); then prev="${COMP_WORDS[COMP_CWORD - 1]}"; fi
"$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "$prev"
printf '%s\n' "${COMPREPLY[@]}"
