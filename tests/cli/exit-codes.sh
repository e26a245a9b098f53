#!/bin/sh
# Exit status: 0 after success, 1 after a terminating error or a failed
# last command, N after `exit N`, for -Command, script files and stdin.
. "$ROOT/tests/cli/common.inc"

t "-c success" 0 "" -NoProfile -c '$null'
t "-c exit 7" 7 "" -NoProfile -c 'exit 7'
t "-c exit 0 after output" 0 "a" -NoProfile -c '"a"; exit 0'
t "-c throw" 1 "" -NoProfile -c 'throw "boom"'
err_has "-c throw" "boom"
t "-c last command failed" 1 "" -NoProfile -c 'Write-Error "bad"'
t "-c failure then success" 0 "ok" -NoProfile -c 'Write-Error "bad"; "ok"'
t "-c output stops at exit" 3 "before" -NoProfile -c '"before"; exit 3; "after"'

printf '"in script"\nexit 5\n"not reached"\n' >"$tmp/five.ps1"
t "script exit 5" 5 "in script" -NoProfile "$tmp/five.ps1"
printf 'throw "stop here"\n' >"$tmp/throws.ps1"
t "script throw" 1 "" -NoProfile "$tmp/throws.ps1"
err_has "script throw" "stop here"

printf '"piped"; exit 9\n' | "$HVSH" -NoProfile >"$tmp/out" 2>"$tmp/err"
rc=$?
check "stdin script exit 9" 9 "piped"

finish
