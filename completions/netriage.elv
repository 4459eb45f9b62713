
set edit:completion:arg-completer[netriage] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) NETRIAGE_COMPLETE="elvish" netriage -- $@words) | to-lines
}

