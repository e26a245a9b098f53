#!/bin/sh
# -Command: the remaining arguments joined with spaces, `-c -` from
# standard input, case-insensitive option names and prefixes.
. "$ROOT/tests/cli/common.inc"

t "-Command" 0 "hello" -NoProfile -Command '"hello"'
t "-c joins arguments" 0 "a b c" -NoProfile -c '("a",' '"b",' '"c")' -join '" "'
t "-c with an expression" 0 "3" -NoProfile -c '1 + 2'
t "-COMMAND upper case" 0 "x" -NOPROFILE -COMMAND '"x"'
t "-comm prefix" 0 "y" -nop -comm '"y"'
t "--command" 0 "z" --noprofile --command '"z"'
t "options after -c belong to it" 0 "-NoProfile" -c 'Write-Output' '"-NoProfile"'
t "-c several statements" 0 "1
2" -nop -c '1; 2'

printf '"from stdin"\n4 * 5\n' | "$HVSH" -NoProfile -c - >"$tmp/out" 2>"$tmp/err"
rc=$?
check "-c - reads stdin" 0 "from stdin
20"

t "-NonInteractive -noni" 0 "q" -noni -nop -nol -c '"q"'
t "-ExecutionPolicy accepted" 0 "ep" -ExecutionPolicy Bypass -NoProfile -c '"ep"'
t "-WorkingDirectory" 0 "/" -NoProfile -WorkingDirectory / -c '(Get-Location).Path'

finish
