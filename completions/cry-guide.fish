# fish completion for cry-guide
#
# Commands, each command's own options, --format/--color/--fail-on values,
# files for --answers and --journal, folders for --content, section ids asked
# from cry-guide itself (honouring a -c DIR on the line) and journal ids.
# Keep the option lists in step with src/cli.c and src/cmd_*.c:
# tests/cli/t_completion.sh compares them.

set -l __cg_commands walk list show prompts search crisis journal check help

# __cg_cmd: the command on the line (the first word that is not a global
# option or its value), empty when there is none yet.
function __cg_cmd
    set -l toks (commandline -opc)
    set -l skip 0
    for t in $toks[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case -c --content --color --colour -w --width
                set skip 1
            case '-*'
            case '*'
                echo $t
                return
        end
    end
end

function __cg_no_cmd
    set -l c (__cg_cmd)
    test -z "$c"
end

# __cg_cmd_is NAME...: the command is one of NAME.
function __cg_cmd_is
    contains -- (__cg_cmd) $argv
end

# __cg_run ARGS...: cry-guide with the -c/--content already on the line.
function __cg_run
    set -l toks (commandline -opc)
    set -l bin $toks[1]
    set -l dir
    for i in (seq 2 (count $toks))
        switch $toks[$i]
            case -c --content
                set -l j (math $i + 1)
                test $j -le (count $toks); and set dir $toks[$j]
            case '--content=?*'
                set dir (string replace -- --content= '' $toks[$i])
        end
    end
    set -l args
    test -n "$dir"; and set args --content $dir
    # An encrypted journal would ask for a passphrase: make it fail at once.
    env CRY_GUIDE_PASSPHRASE_FD=- $bin $args $argv </dev/null 2>/dev/null
end

function __cg_sections
    __cg_run list | string split -f1 \t
end

function __cg_journal_ids
    set -l toks (commandline -opc)
    set -l args
    for i in (seq 2 (count $toks))
        switch $toks[$i]
            case --journal
                set -l j (math $i + 1)
                test $j -le (count $toks); and set args --journal $toks[$j]
            case '--journal=?*'
                set args --journal (string replace -- --journal= '' $toks[$i])
        end
    end
    __cg_run journal $args list | string split -f1 \t
end

# __cg_journal_needs_sub: true when the journal command has no subcommand yet.
function __cg_journal_needs_sub
    __cg_cmd_is journal; or return 1
    not __fish_seen_subcommand_from list show search export trend delete encrypt decrypt
end

complete -c cry-guide -f

# Global options (before the command)
complete -c cry-guide -n __cg_no_cmd -s c -l content -x -a '(__fish_complete_directories)' -d 'Content folder'
complete -c cry-guide -n __cg_no_cmd -l color -x -a 'auto always never' -d 'Colour'
complete -c cry-guide -n __cg_no_cmd -s w -l width -x -d 'Wrap width'
complete -c cry-guide -n __cg_no_cmd -l no-pager -d 'Never page long output'
complete -c cry-guide -n __cg_no_cmd -s h -l help -d 'Show help'
complete -c cry-guide -n __cg_no_cmd -s V -l version -d 'Show the version'

# Commands
complete -c cry-guide -n __cg_no_cmd -a walk -d 'The guided reflection session'
complete -c cry-guide -n __cg_no_cmd -a list -d 'The sections in order'
complete -c cry-guide -n __cg_no_cmd -a show -d "A section's text, key points and prompts"
complete -c cry-guide -n __cg_no_cmd -a prompts -d 'Only the reflection prompts'
complete -c cry-guide -n __cg_no_cmd -a search -d 'Paragraphs that contain every term'
complete -c cry-guide -n __cg_no_cmd -a crisis -d 'Crisis and support resources'
complete -c cry-guide -n __cg_no_cmd -a journal -d 'Your private journal of saved reflections'
complete -c cry-guide -n __cg_no_cmd -a check -d 'Validate content for CI'
complete -c cry-guide -n __cg_no_cmd -a help -d 'Help for a command'

# Every command takes --help
complete -c cry-guide -n "not __cg_no_cmd" -s h -l help -d 'Show help'

# walk
complete -c cry-guide -n '__cg_cmd_is walk' -s b -l brief -d 'Summaries and key points only'
complete -c cry-guide -n '__cg_cmd_is walk' -s a -l answers -r -F -d 'Read the answers from FILE'
complete -c cry-guide -n '__cg_cmd_is walk' -l save -d 'Save to the journal at the end'
complete -c cry-guide -n '__cg_cmd_is walk' -l no-save -d 'Do not save, do not ask'
complete -c cry-guide -n '__cg_cmd_is walk' -l journal -r -F -d 'The journal to save to'
complete -c cry-guide -n '__cg_cmd_is walk' -l encrypt -d 'A new journal starts encrypted'

# show, prompts, list, search, crisis
complete -c cry-guide -n '__cg_cmd_is show list prompts search crisis' -s f -l format -x -a 'text markdown json' -d 'Output format'
complete -c cry-guide -n '__cg_cmd_is show' -s a -l all -d 'Every section'
complete -c cry-guide -n '__cg_cmd_is walk show prompts' -a '(__cg_sections)'

# journal
complete -c cry-guide -n __cg_journal_needs_sub -a 'list show search export trend delete encrypt decrypt'
complete -c cry-guide -n '__cg_cmd_is journal; and __fish_seen_subcommand_from show delete' -a '(__cg_journal_ids)'
complete -c cry-guide -n '__cg_cmd_is journal' -l journal -r -F -d 'The journal file'
complete -c cry-guide -n '__cg_cmd_is journal' -s f -l format -x -a 'text markdown json jsonl' -d 'Output format'
complete -c cry-guide -n '__cg_cmd_is journal' -l since -x -d 'From DATE (YYYY-MM-DD)'
complete -c cry-guide -n '__cg_cmd_is journal' -l until -x -d 'To DATE (YYYY-MM-DD)'
complete -c cry-guide -n '__cg_cmd_is journal' -s n -l limit -x -d 'At most N'
complete -c cry-guide -n '__cg_cmd_is journal' -s y -l yes -d 'Do not ask'
complete -c cry-guide -n '__cg_cmd_is journal' -s a -l all -d 'Every reflection (delete)'

# check
complete -c cry-guide -n '__cg_cmd_is check' -s f -l format -x -a 'text json sarif github junit' -d 'Output format'
complete -c cry-guide -n '__cg_cmd_is check' -l ignore -x -d 'Rule codes to drop'
complete -c cry-guide -n '__cg_cmd_is check' -l fail-on -x -a 'error warning' -d 'Fail on'
complete -c cry-guide -n '__cg_cmd_is check' -l list-rules -d 'List the rules'
complete -c cry-guide -n '__cg_cmd_is check' -s j -l jobs -x -d 'Threads'
complete -c cry-guide -n '__cg_cmd_is check' -F

# help
complete -c cry-guide -n '__cg_cmd_is help' -a "$__cg_commands"
