# Completes a command line with an elvish completion script, as elvish does on Tab: the script's
# arg-completer is called with the words of the line (the last one is completed; may be empty).
# Non-interactive elvish has no edit: module, so the completer is bound to a variable instead.
# usage: elvish -norc complete.elv SCRIPT WORD... ; prints the candidates, one a line.
use str
var script = (slurp < $args[0])
var words = $args[1..]
set script = (str:replace 'set edit:completion:arg-completer[netriage] =' 'var completer =' $script)
eval $script &on-end={|ns| $ns[completer] $@words }
