#!/bin/sh
# -NoExit keeps reading commands after -Command: with no terminal each line
# is read plainly, after a "PS dir> " prompt, and ">> " while the input is
# incomplete; exit ends it with its code.
. "$ROOT/tests/cli/common.inc"

cd "$tmp" || exit 1
printf '1 + 1\nif ($true) {\n"inside"\n}\n$v = 5\n$v * 2\nexit 4\n"not reached"\n' |
	"$HVSH" -NoProfile -NoExit -c '"start"' >"$tmp/out" 2>"$tmp/err"
rc=$?
dir=$(pwd -P)
check "REPL without a terminal" 4 "start
PS $dir> 2
PS $dir> >> >> inside
PS $dir> PS $dir> 10
PS $dir> "

printf '"a"\n' | "$HVSH" -NoProfile -NoExit -c '"b"' >"$tmp/out" 2>"$tmp/err"
rc=$?
check "REPL ends at end of input" 0 "b
PS $dir> a
PS $dir> "

finish
