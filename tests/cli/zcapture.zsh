# zcapture.zsh — zsh -f zcapture.zsh COMPDIR LINE: the matches zsh's
# completion offers for LINE followed by Tab, one a line, sorted.  Runs an
# interactive zsh in a pseudo-terminal (zpty) with COMPDIR first in $fpath
# and compadd wrapped to print what it is given.  Used by t_completion.sh.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PS1= ; PROMPT= ; RPROMPT="
zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd() { builtin compadd -O __hits "$@"; local h; for h in $__hits; do print -r -- "<<$h>>"; done; builtin compadd "$@"; }'
zpty -w z "zstyle ':completion:*' menu no; LISTMAX=0"
zpty -w z "print READY-MARK"
zpty -r z line '*READY-MARK*'
zpty -w z "print READY-MARK"
zpty -r z line '*READY-MARK*'
zpty -n -w z "$2"$'\t'
sleep 1
zpty -w z $'\C-u'
zpty -w z "print DONE-MARK"
out=""
while zpty -r -t z line 2>/dev/null || { sleep 0.2; zpty -r -t z line; }; do
	out+=$line
	[[ $line == *DONE-MARK* && $line != *print* ]] && break
done
print -r -- $out | grep -o '<<[^>]*>>' | sed 's/^<<//; s/>>$//' | grep -vx '\$h' | sort -u
zpty -d z
