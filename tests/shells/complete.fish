# Completes a command line with a fish completion script, as fish does on Tab.
# usage: fish --no-config complete.fish SCRIPT LINE ; prints the candidates, one a line.
source $argv[1]
for candidate in (complete --do-complete=$argv[2])
    echo (string split -f1 \t -- $candidate)
end
