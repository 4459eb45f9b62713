_netriage() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="netriage"
                ;;
            netriage,ask)
                cmd="netriage__subcmd__ask"
                ;;
            netriage,assess)
                cmd="netriage__subcmd__assess"
                ;;
            netriage,batch)
                cmd="netriage__subcmd__batch"
                ;;
            netriage,completions)
                cmd="netriage__subcmd__completions"
                ;;
            netriage,grade)
                cmd="netriage__subcmd__grade"
                ;;
            netriage,help)
                cmd="netriage__subcmd__help"
                ;;
            netriage,man)
                cmd="netriage__subcmd__man"
                ;;
            netriage,sources)
                cmd="netriage__subcmd__sources"
                ;;
            netriage__subcmd__help,ask)
                cmd="netriage__subcmd__help__subcmd__ask"
                ;;
            netriage__subcmd__help,assess)
                cmd="netriage__subcmd__help__subcmd__assess"
                ;;
            netriage__subcmd__help,batch)
                cmd="netriage__subcmd__help__subcmd__batch"
                ;;
            netriage__subcmd__help,completions)
                cmd="netriage__subcmd__help__subcmd__completions"
                ;;
            netriage__subcmd__help,grade)
                cmd="netriage__subcmd__help__subcmd__grade"
                ;;
            netriage__subcmd__help,help)
                cmd="netriage__subcmd__help__subcmd__help"
                ;;
            netriage__subcmd__help,man)
                cmd="netriage__subcmd__help__subcmd__man"
                ;;
            netriage__subcmd__help,sources)
                cmd="netriage__subcmd__help__subcmd__sources"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        netriage)
            opts="-h -V --color --knowledge --help --version ask assess grade batch sources completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__ask)
            opts="-h --color --knowledge --ki67 --mitoses --differentiation --primary --necrosis --primary-resected --extrahepatic --lesions --largest-cm --liver-burden --bilobar --pattern --resectable --age --ecog --sstr --syndrome --progression --stable-months --prior --biliary-anastomosis --portal-vein-thrombosis --liver-function --profile --save --force --output --format --detail --no-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ki67)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mitoses)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --differentiation)
                    COMPREPLY=($(compgen -W "well poor" -- "${cur}"))
                    return 0
                    ;;
                --primary)
                    COMPREPLY=($(compgen -W "pancreas stomach duodenum small-intestine appendix colon rectum lung thymus other unknown" -- "${cur}"))
                    return 0
                    ;;
                --necrosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --primary-resected)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --extrahepatic)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --lesions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --largest-cm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --liver-burden)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bilobar)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --pattern)
                    COMPREPLY=($(compgen -W "simple complex diffuse" -- "${cur}"))
                    return 0
                    ;;
                --resectable)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ecog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sstr)
                    COMPREPLY=($(compgen -W "positive negative" -- "${cur}"))
                    return 0
                    ;;
                --syndrome)
                    COMPREPLY=($(compgen -W "none carcinoid insulinoma gastrinoma glucagonoma vipoma other" -- "${cur}"))
                    return 0
                    ;;
                --progression)
                    COMPREPLY=($(compgen -W "stable progressive" -- "${cur}"))
                    return 0
                    ;;
                --stable-months)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prior)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --biliary-anastomosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --portal-vein-thrombosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --liver-function)
                    COMPREPLY=($(compgen -W "normal impaired" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --save)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json markdown" -- "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "brief standard full" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__assess)
            opts="-h --color --knowledge --ki67 --mitoses --differentiation --primary --necrosis --primary-resected --extrahepatic --lesions --largest-cm --liver-burden --bilobar --pattern --resectable --age --ecog --sstr --syndrome --progression --stable-months --prior --biliary-anastomosis --portal-vein-thrombosis --liver-function --profile --format --detail --no-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ki67)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mitoses)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --differentiation)
                    COMPREPLY=($(compgen -W "well poor" -- "${cur}"))
                    return 0
                    ;;
                --primary)
                    COMPREPLY=($(compgen -W "pancreas stomach duodenum small-intestine appendix colon rectum lung thymus other unknown" -- "${cur}"))
                    return 0
                    ;;
                --necrosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --primary-resected)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --extrahepatic)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --lesions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --largest-cm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --liver-burden)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bilobar)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --pattern)
                    COMPREPLY=($(compgen -W "simple complex diffuse" -- "${cur}"))
                    return 0
                    ;;
                --resectable)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ecog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sstr)
                    COMPREPLY=($(compgen -W "positive negative" -- "${cur}"))
                    return 0
                    ;;
                --syndrome)
                    COMPREPLY=($(compgen -W "none carcinoid insulinoma gastrinoma glucagonoma vipoma other" -- "${cur}"))
                    return 0
                    ;;
                --progression)
                    COMPREPLY=($(compgen -W "stable progressive" -- "${cur}"))
                    return 0
                    ;;
                --stable-months)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prior)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --biliary-anastomosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --portal-vein-thrombosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --liver-function)
                    COMPREPLY=($(compgen -W "normal impaired" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json markdown" -- "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "brief standard full" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__batch)
            opts="-h --color --knowledge --input --format --detail --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --input)
                    COMPREPLY=($(compgen -W "csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "jsonl csv" -- "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "brief standard full" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__completions)
            opts="-h --color --knowledge --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__grade)
            opts="-h --color --knowledge --ki67 --mitoses --differentiation --primary --necrosis --format --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ki67)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mitoses)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --differentiation)
                    COMPREPLY=($(compgen -W "well poor" -- "${cur}"))
                    return 0
                    ;;
                --primary)
                    COMPREPLY=($(compgen -W "pancreas stomach duodenum small-intestine appendix colon rectum lung thymus other unknown" -- "${cur}"))
                    return 0
                    ;;
                --necrosis)
                    COMPREPLY=($(compgen -W "yes no" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json markdown" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help)
            opts="ask assess grade batch sources completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__ask)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__assess)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__batch)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__grade)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__help__subcmd__sources)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__man)
            opts="-h --color --knowledge --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        netriage__subcmd__sources)
            opts="-h --color --knowledge --format --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --knowledge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _netriage -o nosort -o bashdefault -o default netriage
else
    complete -F _netriage -o bashdefault -o default netriage
fi
