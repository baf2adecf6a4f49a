# Used by scripts/package-test.sh: a real TAB in zsh, in a pseudo-terminal (zpty), with the
# completion system as installed (compinit, which finds _wgns in vendor-completions).
#   zsh -f package-test-tab.zsh 'wgns down '     prints what zsh lists after that line and TAB
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; autoload -Uz compinit; compinit -u -D; setopt autolist nolistbeep nobeep; LISTMAX=1000; COLUMNS=200"
zpty -w -n z "$1"$'\t'
sleep 1.5
local line out
while zpty -r -t z line; do out+=$line; done
print -r -- "$out" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
zpty -d z
