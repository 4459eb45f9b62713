
use builtin;
use str;

set edit:completion:arg-completer[netriage] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'netriage'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'netriage'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ask 'How much of a report to show, and whether to page it'
            cand assess 'How much of a report to show, and whether to page it'
            cand grade 'WHO grade only'
            cand batch 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)'
            cand sources 'Every citation of the knowledge base (id, reference, year)'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netriage;ask'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand --ki67 'Ki-67 proliferation index, 0–100 (%)'
            cand --mitoses 'Mitotic count per 2 mm², ≥ 0'
            cand --differentiation 'Morphology (poor = neuroendocrine carcinoma)'
            cand --primary 'Primary site'
            cand --necrosis 'Tumour necrosis (lung and thymus classification only)'
            cand --primary-resected 'Primary tumour already removed'
            cand --extrahepatic 'Disease outside the liver (besides the primary)'
            cand --lesions 'Number of liver metastases, ≥ 1'
            cand --largest-cm 'Diameter of the largest liver metastasis, cm (> 0)'
            cand --liver-burden 'Share of liver volume replaced by tumour, 0–100 (%)'
            cand --bilobar 'Metastases in both lobes'
            cand --pattern 'Liver metastasis pattern (Frilling type I, II, III)'
            cand --resectable 'Surgeon''s judgement: all liver disease removable with an adequate remnant'
            cand --age 'Age in years, 0–120'
            cand --ecog 'ECOG performance status, 0–4'
            cand --sstr 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)'
            cand --syndrome 'Hormonal syndrome'
            cand --progression 'Course on imaging over the last 6–12 months'
            cand --stable-months 'Months of stable disease (transplant criteria), ≥ 0'
            cand --prior 'Treatments already given: comma list of option ids, or none'
            cand --biliary-anastomosis 'Bilio-enteric anastomosis or stent (e.g. after Whipple)'
            cand --portal-vein-thrombosis 'Main portal vein occluded'
            cand --liver-function 'Bilirubin / synthetic function'
            cand --profile 'Pre-filled answers from a profile (TOML, keys = the patient flag names); flags override it'
            cand --save 'Write the answers to FILE as a profile (an existing file is refused unless --force)'
            cand --output 'Write the report to FILE (atomically) instead of standard output'
            cand --format 'Output format'
            cand --detail 'How much to show [default: standard for text and markdown, full for json]'
            cand --force 'Let --save (and --output) replace an existing file'
            cand --no-pager 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'netriage;assess'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand --ki67 'Ki-67 proliferation index, 0–100 (%)'
            cand --mitoses 'Mitotic count per 2 mm², ≥ 0'
            cand --differentiation 'Morphology (poor = neuroendocrine carcinoma)'
            cand --primary 'Primary site'
            cand --necrosis 'Tumour necrosis (lung and thymus classification only)'
            cand --primary-resected 'Primary tumour already removed'
            cand --extrahepatic 'Disease outside the liver (besides the primary)'
            cand --lesions 'Number of liver metastases, ≥ 1'
            cand --largest-cm 'Diameter of the largest liver metastasis, cm (> 0)'
            cand --liver-burden 'Share of liver volume replaced by tumour, 0–100 (%)'
            cand --bilobar 'Metastases in both lobes'
            cand --pattern 'Liver metastasis pattern (Frilling type I, II, III)'
            cand --resectable 'Surgeon''s judgement: all liver disease removable with an adequate remnant'
            cand --age 'Age in years, 0–120'
            cand --ecog 'ECOG performance status, 0–4'
            cand --sstr 'Somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET)'
            cand --syndrome 'Hormonal syndrome'
            cand --progression 'Course on imaging over the last 6–12 months'
            cand --stable-months 'Months of stable disease (transplant criteria), ≥ 0'
            cand --prior 'Treatments already given: comma list of option ids, or none'
            cand --biliary-anastomosis 'Bilio-enteric anastomosis or stent (e.g. after Whipple)'
            cand --portal-vein-thrombosis 'Main portal vein occluded'
            cand --liver-function 'Bilirubin / synthetic function'
            cand --profile 'Answers from a profile (TOML, keys = the patient flag names); flags override it'
            cand --format 'Output format'
            cand --detail 'How much to show [default: standard for text and markdown, full for json]'
            cand --no-pager 'Never page a long report (also: NETRIAGE_PAGER= or PAGER= empty)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'netriage;grade'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand --ki67 'Ki-67 proliferation index, 0–100 (%)'
            cand --mitoses 'Mitotic count per 2 mm², ≥ 0'
            cand --differentiation 'Morphology (poor = neuroendocrine carcinoma)'
            cand --primary 'Primary site'
            cand --necrosis 'Tumour necrosis (lung and thymus classification only)'
            cand --format 'Output format'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'netriage;batch'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand --input 'Input format [default: from the file extension; JSON Lines on standard input]'
            cand --format 'Output format: one JSON record per line, or one table row per patient'
            cand --detail 'JSON Lines records: brief (grade, statuses with reasons, missing answers, warnings) or the full report'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'netriage;sources'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand --format 'Output format'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'netriage;completions'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'netriage;man'= {
            cand --color 'When to use colour: auto honours NO_COLOR and whether stdout is a terminal'
            cand --knowledge 'An institution''s overrides of thresholds (TOML, the format of data/thresholds.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'netriage;help'= {
            cand ask 'Guided questionnaire on a terminal: flags and --profile values are pre-filled, the rest is asked'
            cand assess 'One-shot assessment from flags: never prompts; what is not given is unknown'
            cand grade 'WHO grade only'
            cand batch 'A cohort, streamed: one output record per input record (CSV or JSON Lines in)'
            cand sources 'Every citation of the knowledge base (id, reference, year)'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netriage;help;ask'= {
        }
        &'netriage;help;assess'= {
        }
        &'netriage;help;grade'= {
        }
        &'netriage;help;batch'= {
        }
        &'netriage;help;sources'= {
        }
        &'netriage;help;completions'= {
        }
        &'netriage;help;man'= {
        }
        &'netriage;help;help'= {
        }
    ]
    $completions[$command]
}
