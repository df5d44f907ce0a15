# bash completion for cry-guide
_cry_guide()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}
	local commands="walk list show prompts search crisis journal check help"
	local globals="--content --color --width --no-pager --help --version"

	case $prev in
	-c|--content) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--answers|--journal) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--since|--until|-n|--limit) return ;;
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	-f|--format)
		if [[ " ${words[*]} " == *" check "* ]]; then
			COMPREPLY=($(compgen -W "text json sarif github junit" -- "$cur"))
		elif [[ " ${words[*]} " == *" journal "* ]]; then
			COMPREPLY=($(compgen -W "text markdown json jsonl" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "text markdown json" -- "$cur"))
		fi
		return ;;
	--fail-on) COMPREPLY=($(compgen -W "error warning" -- "$cur")); return ;;
	-w|--width|-j|--jobs) return ;;
	esac

	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-c|--content|--color|-w|--width) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
		return
	fi
	case $cmd in
	journal)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--journal --format --since --until --limit --yes --all --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "list show search export trend delete encrypt decrypt" -- "$cur"))
		fi ;;
	show|prompts|walk)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--format --all --brief --answers --save --no-save --journal --encrypt --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(cry-guide list 2>/dev/null | cut -f1)" -- "$cur"))
		fi ;;
	check)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--format --ignore --fail-on --list-rules --jobs --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
	*) COMPREPLY=($(compgen -W "--format --help" -- "$cur")) ;;
	esac
}
complete -F _cry_guide cry-guide
