complete --keep-order --exclusive --command netriage --arguments "(NETRIAGE_COMPLETE=fish netriage -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
