# bash completion for cry-guide                      -*- shell-script -*-
#
# Works on its own (it does not need bash-completion's main script): commands,
# each command's own options, --format/--color/--fail-on values (also after
# "="), files for --answers and --journal, folders for --content, section ids
# asked from cry-guide itself (honouring a -c DIR already on the line, so
# custom content completes) and journal ids for journal show/delete.
#
# Keep the option lists in step with the option tables in src/cli.c and
# src/cmd_*.c: tests/cli/t_completion.sh compares them.

# _cry_guide_run ARGS...: the cry-guide being completed (as typed, else the
# one on PATH), with any -c/--content on the line, stdin and stderr closed off.
_cry_guide_run()
{
	local bin=${COMP_WORDS[0]} i w dir=""
	bin=${bin/#\~/$HOME}
	[[ -x $bin || $bin != */* ]] || bin=cry-guide
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-c|--content)
			dir=${COMP_WORDS[i+1]}
			[[ $dir == = ]] && dir=${COMP_WORDS[i+2]} ;;
		--content=?*) dir=${w#--content=} ;;
		esac
	done
	dir=${dir/#\~/$HOME}
	# An encrypted journal would ask for its passphrase on the terminal: an
	# unusable CRY_GUIDE_PASSPHRASE_FD makes it fail at once instead.
	CRY_GUIDE_PASSPHRASE_FD=- "$bin" ${dir:+--content "$dir"} "$@" </dev/null 2>/dev/null
}

# _cry_guide_words WORDS: the reply is those of WORDS that start with $cur.
_cry_guide_words()
{
	local w
	COMPREPLY=()
	for w in $1; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$prefix$w")
	done
}

_cry_guide_files()
{
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	COMPREPLY=($(compgen "$1" -- "$cur"))
	[[ -z $prefix ]] || COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
}

_cry_guide()
{
	local cur prev prefix="" cmd="" sub="" i w
	local words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
	cur=${words[cword]}
	prev=${words[cword-1]}
	# "--color=al": bash splits at "=" (COMP_WORDBREAKS) into "--color" "="
	# "al"; without "=" in COMP_WORDBREAKS it is one word.
	if [[ $cur == = ]]; then
		cur=""
	elif [[ $prev == = && $cword -ge 2 ]]; then
		prev=${words[cword-2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		prefix=$prev=
		cur=${cur#*=}
	fi

	local commands="walk list show prompts search crisis journal check help"
	local globals="--content --color --width --no-pager --help --version"

	# The command: the first word that is not a global option or its value.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-c|--content|--color|--colour|-w|--width)
			((i++))
			[[ ${words[i]} == = ]] && ((i++)) ;;
		-*|=) ;;
		*) cmd=$w; break ;;
		esac
	done
	# journal's subcommand: the first operand after "journal".
	if [[ $cmd == journal ]]; then
		for ((i++; i < cword; i++)); do
			w=${words[i]}
			case $w in
			-c|--content|--color|--colour|-w|--width|--journal|-f|--format|--since|--until|-n|--limit)
				((i++))
				[[ ${words[i]} == = ]] && ((i++)) ;;
			-*|=) ;;
			*) sub=$w; break ;;
			esac
		done
	fi

	# The value of an option.
	case $prev in
	-c|--content) _cry_guide_files -d; return ;;
	--color|--colour) _cry_guide_words "auto always never"; return ;;
	-w|--width|--since|--until|-n|--limit|-j|--jobs|--ignore) return ;;
	--journal) _cry_guide_files -f; return ;;
	--answers) _cry_guide_files -f; return ;;
	-a) [[ $cmd == walk ]] && { _cry_guide_files -f; return; } ;;
	--fail-on) _cry_guide_words "error warning"; return ;;
	-f|--format)
		case $cmd in
		check) _cry_guide_words "text json sarif github junit" ;;
		journal) _cry_guide_words "text markdown json jsonl" ;;
		*) _cry_guide_words "text markdown json" ;;
		esac
		return ;;
	esac
	[[ -n $prefix ]] && return # --all=..., --save=...: no value to offer

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_cry_guide_words "$globals"
		else
			_cry_guide_words "$commands"
		fi
		return
	fi

	if [[ $cur == -* ]]; then
		case $cmd in
		walk) _cry_guide_words "--brief --answers --save --no-save --journal --encrypt --help" ;;
		show) _cry_guide_words "--format --all --help" ;;
		list|prompts|search|crisis) _cry_guide_words "--format --help" ;;
		journal) _cry_guide_words "--journal --format --since --until --limit --yes --all --help" ;;
		check) _cry_guide_words "--format --ignore --fail-on --list-rules --jobs --help" ;;
		*) _cry_guide_words "--help" ;;
		esac
		return
	fi

	case $cmd in
	walk|show|prompts)
		_cry_guide_words "$(_cry_guide_run list | cut -f1)" ;;
	journal)
		if [[ -z $sub ]]; then
			_cry_guide_words "list show search export trend delete encrypt decrypt"
		elif [[ $sub == show || $sub == delete ]]; then
			local jargs=() j
			for ((j = 1; j < cword; j++)); do
				if [[ ${words[j]} == --journal ]]; then
					w=${words[j+1]}
					[[ $w == = ]] && w=${words[j+2]}
					jargs=(--journal "${w/#\~/$HOME}")
				elif [[ ${words[j]} == --journal=?* ]]; then
					jargs=(--journal "${words[j]#--journal=}")
				fi
			done
			_cry_guide_words "$(_cry_guide_run journal "${jargs[@]}" list | cut -f1)"
		fi ;;
	check) _cry_guide_files -f ;;
	help) _cry_guide_words "$commands" ;;
	*) COMPREPLY=() ;;
	esac
}
complete -F _cry_guide cry-guide
