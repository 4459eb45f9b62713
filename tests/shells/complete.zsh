# Completes a command line with a zsh completion function, as zsh does on Tab: an interactive
# zsh in a pseudo-terminal (zpty) whose `compadd` prints each candidate between two NUL lines.
# usage: zsh -f complete.zsh DIR LINE   (DIR holds _netriage); prints the candidates, one a line.
zmodload zsh/zpty || { print -u2 'zsh/zpty module missing'; exit 3 }
dir=$1
line=$2
init=$(mktemp)
cat > $init <<INIT
PROMPT=
fpath=($dir \$fpath)
autoload -Uz compinit
compinit -u -D
bindkey '^I' complete-word
null-line() { echo -E - \$'\0' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
compadd() {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "\$@"
        return \$?
    fi
    typeset -a __hits
    builtin compadd -A __hits "\$@"
    local h
    for h in \$__hits; do echo -E - "\$IPREFIX\$h"; done
}
echo ok
INIT
zpty z zsh -f -i
zpty -w z "source $init"
repeat 10; do
    zpty -r z out || break
    [[ $out == ok* ]] && break
done
zpty -w z "$line"$'\t'
integer tog=0
# The shell exits after completing (comppostfuncs), which ends the read loop.
while zpty -r z; do :; done | while IFS= read -r out; do
    if [[ $out == *$'\0\r' ]]; then
        (( tog++ )) && break || continue
    fi
    (( tog )) && print -r -- ${out%$'\r'}
done
rm -f $init
