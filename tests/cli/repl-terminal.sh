#!/bin/sh
# The interactive shell in a real terminal (tmux): banner, prompt, results,
# continuation lines, Ctrl+C discarding the line being typed, Ctrl+D on an
# empty line and `exit N`.
. "$ROOT/tests/cli/common.inc"

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed (make deps)"; exit 1; }
session=0
export LC_ALL=C.UTF-8
unset TMUX

# screen_has TEXT: waits up to 10 s for TEXT to appear on the screen.
screen_has() {
	i=0
	while [ $i -lt 100 ]; do
		tmux -S "$sock" capture-pane -p -t hvsh >"$tmp/screen" 2>/dev/null &&
			grep -qF -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen never showed '$1'"
	grep -v '^$' "$tmp/screen" | sed 's/^/    screen: /'
	return 1
}

# start ARGS: runs hvsh ARGS in a new 100x30 terminal; its exit code lands in $tmp/code.
start() {
	rm -f "$tmp/code"
	# a new server and socket each time: a server still shutting down
	# must not be asked to start the next session
	session=$((session + 1))
	sock=$tmp/tmux$session.sock
	tmux -S "$sock" -f /dev/null new-session -d -s hvsh -x 100 -y 30 \
		"cd '$tmp' && env -u COLUMNS '$HVSH' $*; echo \"exit=\$?\" >'$tmp/code'; sleep 60"
}

stop() {
	tmux -S "$sock" kill-server 2>/dev/null
}

# code_is N: waits for hvsh to end and checks its exit code.
code_is() {
	i=0
	while [ ! -s "$tmp/code" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	got=$(cat "$tmp/code" 2>/dev/null)
	[ "$got" = "exit=$1" ] || fail "exit code: '$got', expected exit=$1"
}

keys() {
	tmux -S "$sock" send-keys -t hvsh "$@"
}

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
