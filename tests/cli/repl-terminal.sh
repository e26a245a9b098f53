#!/bin/sh
# The interactive shell in a real terminal (tmux): banner, prompt, results,
# continuation lines, Ctrl+C discarding the line being typed, Ctrl+D on an
# empty line and `exit N`.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)
version=$(sed -n 's/^#define HVSH_VERSION_STRING "\(.*\)"$/\1/p' "$ROOT/shell/version.h")

start -NoProfile
if screen_has "PS $dir>"; then
	head -1 "$tmp/screen" | grep -qxF "hvsh $version" || fail "no banner line 'hvsh $version'"
	keys '40 + 2' Enter
	screen_has "42"
	keys 'if ($true) {' Enter
	screen_has ">>"
	keys '"in block"' Enter '}' Enter
	screen_has "in block"
	keys '"typed but cancelled"' C-c
	sleep 0.2
	keys '"after ctrl-c"' Enter
	screen_has "after ctrl-c"
	grep -q '^typed but cancelled' "$tmp/screen" && fail "Ctrl+C did not discard the line"
	keys '$kept = 11' Enter '$kept * 3' Enter
	screen_has "33"
	keys 'exit 6' Enter
	code_is 6
fi
stop

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	grep -qF "hvsh $version" "$tmp/screen" && fail "-NoLogo still shows the banner"
	keys C-d
	code_is 0
fi
stop

finish
