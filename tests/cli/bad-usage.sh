#!/bin/sh
# Command lines hvsh cannot use exit with 64 and say why on stderr.
. "$ROOT/tests/cli/common.inc"

t "unknown option" 64 "" -x
[ "$(head -1 "$tmp/err")" = "hvsh: unknown option '-x'" ] || fail "unknown option: first line: $(head -1 "$tmp/err")"
err_has "unknown option usage" "Usage: hvsh "
t "ambiguous prefix" 64 "" -no -c 1
err_has "ambiguous prefix" "hvsh: unknown option '-no'"

t "missing script" 64 "" -NoProfile missing.ps1
[ "$(cat "$tmp/err")" = "The argument 'missing.ps1' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again." ] ||
	fail "missing script: stderr: $(cat "$tmp/err")"
t "missing -File script" 64 "" -File "$tmp/none.hvsh" a b
err_has "missing -File script" "The argument '$tmp/none.hvsh' is not recognized"
t "directory as script" 64 "" "$tmp"
err_has "directory as script" "is not recognized as the name of a script file"

t "-Command without text" 64 "" -Command
err_has "-Command without text" "A command must follow -Command."
t "-File without path" 64 "" -File
err_has "-File without path" "the File parameter requires a file path"
t "-c - with more arguments" 64 "" -c - x
err_has "-c - with more arguments" "no other arguments to -Command are permitted"

finish
