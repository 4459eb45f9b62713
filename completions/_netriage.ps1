
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'netriage' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'netriage'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'netriage' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'How much of a report to show, and whether to page it')
            [CompletionResult]::new('assess', 'assess', [CompletionResultType]::ParameterValue, 'How much of a report to show, and whether to page it')
            [CompletionResult]::new('grade', 'grade', [CompletionResultType]::ParameterValue, 'WHO grade only')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)')
            [CompletionResult]::new('sources', 'sources', [CompletionResultType]::ParameterValue, 'Every citation of the knowledge base (id, reference, year)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netriage;ask' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('--ki67', '--ki67', [CompletionResultType]::ParameterName, 'Ki-67 proliferation index, 0–100 (%)')
            [CompletionResult]::new('--mitoses', '--mitoses', [CompletionResultType]::ParameterName, 'Mitotic count per 2 mm², ≥ 0')
            [CompletionResult]::new('--differentiation', '--differentiation', [CompletionResultType]::ParameterName, 'Morphology (poor = neuroendocrine carcinoma)')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'Primary site')
            [CompletionResult]::new('--necrosis', '--necrosis', [CompletionResultType]::ParameterName, 'Tumour necrosis (lung and thymus classification only)')
            [CompletionResult]::new('--primary-resected', '--primary-resected', [CompletionResultType]::ParameterName, 'Primary tumour already removed')
            [CompletionResult]::new('--extrahepatic', '--extrahepatic', [CompletionResultType]::ParameterName, 'Disease outside the liver (besides the primary)')
            [CompletionResult]::new('--lesions', '--lesions', [CompletionResultType]::ParameterName, 'Number of liver metastases, ≥ 1')
            [CompletionResult]::new('--largest-cm', '--largest-cm', [CompletionResultType]::ParameterName, 'Diameter of the largest liver metastasis, cm (> 0)')
            [CompletionResult]::new('--liver-burden', '--liver-burden', [CompletionResultType]::ParameterName, 'Share of liver volume replaced by tumour, 0–100 (%)')
            [CompletionResult]::new('--bilobar', '--bilobar', [CompletionResultType]::ParameterName, 'Metastases in both lobes')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Liver metastasis pattern (Frilling type I, II, III)')
            [CompletionResult]::new('--resectable', '--resectable', [CompletionResultType]::ParameterName, 'Surgeon''s judgement: all liver disease removable with an adequate remnant')
            [CompletionResult]::new('--age', '--age', [CompletionResultType]::ParameterName, 'Age in years, 0–120')
            [CompletionResult]::new('--ecog', '--ecog', [CompletionResultType]::ParameterName, 'ECOG performance status, 0–4')
            [CompletionResult]::new('--sstr', '--sstr', [CompletionResultType]::ParameterName, 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)')
            [CompletionResult]::new('--syndrome', '--syndrome', [CompletionResultType]::ParameterName, 'Hormonal syndrome')
            [CompletionResult]::new('--progression', '--progression', [CompletionResultType]::ParameterName, 'Course on imaging over the last 6–12 months')
            [CompletionResult]::new('--stable-months', '--stable-months', [CompletionResultType]::ParameterName, 'Months of stable disease (transplant criteria), ≥ 0')
            [CompletionResult]::new('--prior', '--prior', [CompletionResultType]::ParameterName, 'Treatments already given: comma list of option ids, or none')
            [CompletionResult]::new('--biliary-anastomosis', '--biliary-anastomosis', [CompletionResultType]::ParameterName, 'Bilio-enteric anastomosis or stent (e.g. after Whipple)')
            [CompletionResult]::new('--portal-vein-thrombosis', '--portal-vein-thrombosis', [CompletionResultType]::ParameterName, 'Main portal vein occluded')
            [CompletionResult]::new('--liver-function', '--liver-function', [CompletionResultType]::ParameterName, 'Bilirubin / synthetic function')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Pre-filled answers from a profile (TOML, keys = the patient flag names); flags override it')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Write the answers to FILE as a profile (an existing file is refused unless --force)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE (atomically) instead of standard output')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'How much to show [default: standard for text and markdown, full for json]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let --save (and --output) replace an existing file')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'netriage;assess' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('--ki67', '--ki67', [CompletionResultType]::ParameterName, 'Ki-67 proliferation index, 0–100 (%)')
            [CompletionResult]::new('--mitoses', '--mitoses', [CompletionResultType]::ParameterName, 'Mitotic count per 2 mm², ≥ 0')
            [CompletionResult]::new('--differentiation', '--differentiation', [CompletionResultType]::ParameterName, 'Morphology (poor = neuroendocrine carcinoma)')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'Primary site')
            [CompletionResult]::new('--necrosis', '--necrosis', [CompletionResultType]::ParameterName, 'Tumour necrosis (lung and thymus classification only)')
            [CompletionResult]::new('--primary-resected', '--primary-resected', [CompletionResultType]::ParameterName, 'Primary tumour already removed')
            [CompletionResult]::new('--extrahepatic', '--extrahepatic', [CompletionResultType]::ParameterName, 'Disease outside the liver (besides the primary)')
            [CompletionResult]::new('--lesions', '--lesions', [CompletionResultType]::ParameterName, 'Number of liver metastases, ≥ 1')
            [CompletionResult]::new('--largest-cm', '--largest-cm', [CompletionResultType]::ParameterName, 'Diameter of the largest liver metastasis, cm (> 0)')
            [CompletionResult]::new('--liver-burden', '--liver-burden', [CompletionResultType]::ParameterName, 'Share of liver volume replaced by tumour, 0–100 (%)')
            [CompletionResult]::new('--bilobar', '--bilobar', [CompletionResultType]::ParameterName, 'Metastases in both lobes')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Liver metastasis pattern (Frilling type I, II, III)')
            [CompletionResult]::new('--resectable', '--resectable', [CompletionResultType]::ParameterName, 'Surgeon''s judgement: all liver disease removable with an adequate remnant')
            [CompletionResult]::new('--age', '--age', [CompletionResultType]::ParameterName, 'Age in years, 0–120')
            [CompletionResult]::new('--ecog', '--ecog', [CompletionResultType]::ParameterName, 'ECOG performance status, 0–4')
            [CompletionResult]::new('--sstr', '--sstr', [CompletionResultType]::ParameterName, 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)')
            [CompletionResult]::new('--syndrome', '--syndrome', [CompletionResultType]::ParameterName, 'Hormonal syndrome')
            [CompletionResult]::new('--progression', '--progression', [CompletionResultType]::ParameterName, 'Course on imaging over the last 6–12 months')
            [CompletionResult]::new('--stable-months', '--stable-months', [CompletionResultType]::ParameterName, 'Months of stable disease (transplant criteria), ≥ 0')
            [CompletionResult]::new('--prior', '--prior', [CompletionResultType]::ParameterName, 'Treatments already given: comma list of option ids, or none')
            [CompletionResult]::new('--biliary-anastomosis', '--biliary-anastomosis', [CompletionResultType]::ParameterName, 'Bilio-enteric anastomosis or stent (e.g. after Whipple)')
            [CompletionResult]::new('--portal-vein-thrombosis', '--portal-vein-thrombosis', [CompletionResultType]::ParameterName, 'Main portal vein occluded')
            [CompletionResult]::new('--liver-function', '--liver-function', [CompletionResultType]::ParameterName, 'Bilirubin / synthetic function')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Answers from a profile (TOML, keys = the patient flag names); flags override it')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'How much to show [default: standard for text and markdown, full for json]')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'netriage;grade' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('--ki67', '--ki67', [CompletionResultType]::ParameterName, 'Ki-67 proliferation index, 0–100 (%)')
            [CompletionResult]::new('--mitoses', '--mitoses', [CompletionResultType]::ParameterName, 'Mitotic count per 2 mm², ≥ 0')
            [CompletionResult]::new('--differentiation', '--differentiation', [CompletionResultType]::ParameterName, 'Morphology (poor = neuroendocrine carcinoma)')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'Primary site')
            [CompletionResult]::new('--necrosis', '--necrosis', [CompletionResultType]::ParameterName, 'Tumour necrosis (lung and thymus classification only)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'netriage;batch' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Input format [default: from the file extension; JSON Lines on standard input]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: one JSON record per line, or one table row per patient')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'JSON Lines records: brief (grade, statuses with reasons, missing answers, warnings) or the full report')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'netriage;sources' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'netriage;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'netriage;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal')
            [CompletionResult]::new('--knowledge', '--knowledge', [CompletionResultType]::ParameterName, 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'netriage;help' {
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Guided questionnaire on a terminal: flags and --profile values are pre-filled, the rest is asked')
            [CompletionResult]::new('assess', 'assess', [CompletionResultType]::ParameterValue, 'One-shot assessment from flags: never prompts; what is not given is unknown')
            [CompletionResult]::new('grade', 'grade', [CompletionResultType]::ParameterValue, 'WHO grade only')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)')
            [CompletionResult]::new('sources', 'sources', [CompletionResultType]::ParameterValue, 'Every citation of the knowledge base (id, reference, year)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netriage;help;ask' {
            break
        }
        'netriage;help;assess' {
            break
        }
        'netriage;help;grade' {
            break
        }
        'netriage;help;batch' {
            break
        }
        'netriage;help;sources' {
            break
        }
        'netriage;help;completions' {
            break
        }
        'netriage;help;man' {
            break
        }
        'netriage;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
