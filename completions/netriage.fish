# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_netriage_global_optspecs
    string join \n color= knowledge= h/help V/version
end

function __fish_netriage_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_netriage_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_netriage_using_subcommand
    set -l cmd (__fish_netriage_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c netriage -n "__fish_netriage_needs_command" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_needs_command" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netriage -n "__fish_netriage_needs_command" -s V -l version -d 'Print version'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "ask" -d 'How much of a report to show, and whether to page it'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "assess" -d 'How much of a report to show, and whether to page it'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "grade" -d 'WHO grade only'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "batch" -d 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "sources" -d 'Every citation of the knowledge base (id, reference, year)'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c netriage -n "__fish_netriage_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l ki67 -d 'Ki-67 proliferation index, 0–100 (%)' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l mitoses -d 'Mitotic count per 2 mm², ≥ 0' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l differentiation -d 'Morphology (poor = neuroendocrine carcinoma)' -r -f -a "well\t''
poor\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l primary -d 'Primary site' -r -f -a "pancreas\t''
stomach\t''
duodenum\t''
small-intestine\t''
appendix\t''
colon\t''
rectum\t''
lung\t''
thymus\t''
other\t''
unknown\t'The primary site is unknown (cancer of unknown primary), not unanswered'"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l necrosis -d 'Tumour necrosis (lung and thymus classification only)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l primary-resected -d 'Primary tumour already removed' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l extrahepatic -d 'Disease outside the liver (besides the primary)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l lesions -d 'Number of liver metastases, ≥ 1' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l largest-cm -d 'Diameter of the largest liver metastasis, cm (> 0)' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l liver-burden -d 'Share of liver volume replaced by tumour, 0–100 (%)' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l bilobar -d 'Metastases in both lobes' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l pattern -d 'Liver metastasis pattern (Frilling type I, II, III)' -r -f -a "simple\t''
complex\t''
diffuse\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l resectable -d 'Surgeon\'s judgement: all liver disease removable with an adequate remnant' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l age -d 'Age in years, 0–120' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l ecog -d 'ECOG performance status, 0–4' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l sstr -d 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)' -r -f -a "positive\t''
negative\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l syndrome -d 'Hormonal syndrome' -r -f -a "none\t''
carcinoid\t''
insulinoma\t''
gastrinoma\t''
glucagonoma\t''
vipoma\t''
other\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l progression -d 'Course on imaging over the last 6–12 months' -r -f -a "stable\t''
progressive\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l stable-months -d 'Months of stable disease (transplant criteria), ≥ 0' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l prior -d 'Treatments already given: comma list of option ids, or none' -r
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l biliary-anastomosis -d 'Bilio-enteric anastomosis or stent (e.g. after Whipple)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l portal-vein-thrombosis -d 'Main portal vein occluded' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l liver-function -d 'Bilirubin / synthetic function' -r -f -a "normal\t''
impaired\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l profile -d 'Pre-filled answers from a profile (TOML, keys = the patient flag names); flags override it' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l save -d 'Write the answers to FILE as a profile (an existing file is refused unless --force)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l output -d 'Write the report to FILE (atomically) instead of standard output' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l format -d 'Output format' -r -f -a "text\t''
json\t''
markdown\t''"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l detail -d 'How much to show [default: standard for text and markdown, full for json]' -r -f -a "brief\t'The grade, its warnings and the summary'
standard\t'The summary, then each option in a line or two (text and Markdown default)'
full\t'Everything: every criterion\'s note, all evidence, every seed correction (JSON default)'"
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l force -d 'Let --save (and --output) replace an existing file'
complete -c netriage -n "__fish_netriage_using_subcommand ask" -l no-pager -d 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)'
complete -c netriage -n "__fish_netriage_using_subcommand ask" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l ki67 -d 'Ki-67 proliferation index, 0–100 (%)' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l mitoses -d 'Mitotic count per 2 mm², ≥ 0' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l differentiation -d 'Morphology (poor = neuroendocrine carcinoma)' -r -f -a "well\t''
poor\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l primary -d 'Primary site' -r -f -a "pancreas\t''
stomach\t''
duodenum\t''
small-intestine\t''
appendix\t''
colon\t''
rectum\t''
lung\t''
thymus\t''
other\t''
unknown\t'The primary site is unknown (cancer of unknown primary), not unanswered'"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l necrosis -d 'Tumour necrosis (lung and thymus classification only)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l primary-resected -d 'Primary tumour already removed' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l extrahepatic -d 'Disease outside the liver (besides the primary)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l lesions -d 'Number of liver metastases, ≥ 1' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l largest-cm -d 'Diameter of the largest liver metastasis, cm (> 0)' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l liver-burden -d 'Share of liver volume replaced by tumour, 0–100 (%)' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l bilobar -d 'Metastases in both lobes' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l pattern -d 'Liver metastasis pattern (Frilling type I, II, III)' -r -f -a "simple\t''
complex\t''
diffuse\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l resectable -d 'Surgeon\'s judgement: all liver disease removable with an adequate remnant' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l age -d 'Age in years, 0–120' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l ecog -d 'ECOG performance status, 0–4' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l sstr -d 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)' -r -f -a "positive\t''
negative\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l syndrome -d 'Hormonal syndrome' -r -f -a "none\t''
carcinoid\t''
insulinoma\t''
gastrinoma\t''
glucagonoma\t''
vipoma\t''
other\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l progression -d 'Course on imaging over the last 6–12 months' -r -f -a "stable\t''
progressive\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l stable-months -d 'Months of stable disease (transplant criteria), ≥ 0' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l prior -d 'Treatments already given: comma list of option ids, or none' -r
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l biliary-anastomosis -d 'Bilio-enteric anastomosis or stent (e.g. after Whipple)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l portal-vein-thrombosis -d 'Main portal vein occluded' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l liver-function -d 'Bilirubin / synthetic function' -r -f -a "normal\t''
impaired\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l profile -d 'Answers from a profile (TOML, keys = the patient flag names); flags override it' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l format -d 'Output format' -r -f -a "text\t''
json\t''
markdown\t''"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l detail -d 'How much to show [default: standard for text and markdown, full for json]' -r -f -a "brief\t'The grade, its warnings and the summary'
standard\t'The summary, then each option in a line or two (text and Markdown default)'
full\t'Everything: every criterion\'s note, all evidence, every seed correction (JSON default)'"
complete -c netriage -n "__fish_netriage_using_subcommand assess" -l no-pager -d 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)'
complete -c netriage -n "__fish_netriage_using_subcommand assess" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l ki67 -d 'Ki-67 proliferation index, 0–100 (%)' -r
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l mitoses -d 'Mitotic count per 2 mm², ≥ 0' -r
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l differentiation -d 'Morphology (poor = neuroendocrine carcinoma)' -r -f -a "well\t''
poor\t''"
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l primary -d 'Primary site' -r -f -a "pancreas\t''
stomach\t''
duodenum\t''
small-intestine\t''
appendix\t''
colon\t''
rectum\t''
lung\t''
thymus\t''
other\t''
unknown\t'The primary site is unknown (cancer of unknown primary), not unanswered'"
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l necrosis -d 'Tumour necrosis (lung and thymus classification only)' -r -f -a "yes\t''
no\t''"
complete -c netriage -n "__fish_netriage_using_subcommand grade" -l format -d 'Output format' -r -f -a "text\t''
json\t''
markdown\t''"
complete -c netriage -n "__fish_netriage_using_subcommand grade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netriage -n "__fish_netriage_using_subcommand batch" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand batch" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand batch" -l input -d 'Input format [default: from the file extension; JSON Lines on standard input]' -r -f -a "csv\t'Comma-separated values with a header row of flag names'
jsonl\t'One JSON object per line, keyed by flag names'"
complete -c netriage -n "__fish_netriage_using_subcommand batch" -l format -d 'Output format: one JSON record per line, or one table row per patient' -r -f -a "jsonl\t'One compact JSON record per input record (the full report, or the error)'
csv\t'One table row per patient: grade and each option\'s status (for a spreadsheet)'"
complete -c netriage -n "__fish_netriage_using_subcommand batch" -l detail -d 'JSON Lines records: brief (grade, statuses with reasons, missing answers, warnings) or the full report' -r -f -a "brief\t'The grade, its warnings and the summary'
standard\t'The summary, then each option in a line or two (text and Markdown default)'
full\t'Everything: every criterion\'s note, all evidence, every seed correction (JSON default)'"
complete -c netriage -n "__fish_netriage_using_subcommand batch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netriage -n "__fish_netriage_using_subcommand sources" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand sources" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand sources" -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c netriage -n "__fish_netriage_using_subcommand sources" -s h -l help -d 'Print help'
complete -c netriage -n "__fish_netriage_using_subcommand completions" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand completions" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand completions" -s h -l help -d 'Print help'
complete -c netriage -n "__fish_netriage_using_subcommand man" -l color -d 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netriage -n "__fish_netriage_using_subcommand man" -l knowledge -d 'An institution\'s overrides of thresholds (TOML, the format of data/thresholds.toml)' -r -F
complete -c netriage -n "__fish_netriage_using_subcommand man" -s h -l help -d 'Print help'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "ask" -d 'Guided questionnaire on a terminal: flags and --profile values are pre-filled, the rest is asked'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "assess" -d 'One-shot assessment from flags: never prompts; what is not given is unknown'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "grade" -d 'WHO grade only'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "batch" -d 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "sources" -d 'Every citation of the knowledge base (id, reference, year)'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c netriage -n "__fish_netriage_using_subcommand help; and not __fish_seen_subcommand_from ask assess grade batch sources completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
