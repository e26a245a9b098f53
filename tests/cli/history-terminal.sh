#!/bin/sh
# The history in a real terminal (tmux): saved under $XDG_STATE_HOME/hvsh
# (else ~/.local/state/hvsh) with private modes, no repeats in a row, no
# empty lines, never the answers typed at Read-Host or Get-Credential;
# recalled with the up arrow by a later session; two sessions at once both
# keep their lines; bounded; Get-History, Invoke-History (r) and
# Clear-History on the session's own list.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)
file=$tmp/state/hvsh/history

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys '"one" + 1' Enter
	screen_has "one1"
	keys '"one" + 1' Enter '' Enter '   ' Enter
	keys '$c = Get-Credential' Enter
	screen_has "User:"
	keys 'admin' Enter
	screen_has "Password for user admin:"
	keys 'pa55-typed-at-prompt' Enter
	keys '$a = Read-Host "City"' Enter
	screen_has "City:"
	keys 'answer-typed-at-prompt' Enter
	keys 'if ($true) {' Enter '"multi" + "line"' Enter '}' Enter
	screen_has "multiline"
	keys '"last of " + "one"' Enter
	screen_has "last of one"
	keys exit Enter
	code_is 0
fi
stop

printf '%s\n' '"one" + 1' '$c = Get-Credential' '$a = Read-Host "City"' \
	'if ($true) {`' '"multi" + "line"`' '}' '"last of " + "one"' 'exit' >"$tmp/want"
if ! cmp -s "$tmp/want" "$file"; then
	fail "the history file differs"
	sed 's/^/    want: /' "$tmp/want"
	sed 's/^/    got:  /' "$file" 2>/dev/null
fi
[ "$(stat -c %a "$file" 2>/dev/null)" = 600 ] || fail "history file mode: $(stat -c %a "$file")"
[ "$(stat -c %a "$tmp/state/hvsh")" = 700 ] || fail "history directory mode: $(stat -c %a "$tmp/state/hvsh")"
grep -q 'typed-at-prompt' "$file" && fail "an answer to a prompt reached the history"

# a later session recalls the earlier one's lines, multi-line ones whole
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys Up Up
	screen_has '"last of " + "one"'
	keys Up Enter
	screen_has "multiline"
	keys C-d
	code_is 0
fi
stop

# two sessions at once: both keep their lines, in the order they ran
sed -i '$d' "$file"
start -NoProfile -NoLogo
first=$sock
screen_has "PS $dir>"
start -NoProfile -NoLogo
second=$sock
screen_has "PS $dir>"
sock=$first
keys '"from " + "A1"' Enter
screen_has "from A1"
sock=$second
keys '"from " + "B1"' Enter
screen_has "from B1"
keys Up
screen_has '"from " + "B1"'
keys C-u
sock=$first
keys '"from " + "A2"' Enter
screen_has "from A2"
tail -3 "$file" >"$tmp/got"
printf '%s\n' '"from " + "A1"' '"from " + "B1"' '"from " + "A2"' >"$tmp/want"
cmp -s "$tmp/want" "$tmp/got" || fail "two sessions: $(tr '\n' '|' <"$tmp/got")"
sock=$second
stop
sock=$first
stop

# the session history: Get-History, r, Clear-History
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys '"alpha" + "beta"' Enter
	screen_has "alphabeta"
	keys 'Get-History' Enter
	screen_has '   1 "alpha" + "beta"'
	keys 'r 1' Enter '7' Enter
	screen_has 'PS '"$dir"'> 7'
	grep -qx '"alpha" + "beta"' "$tmp/screen" || fail "r 1 did not show the command line"
	[ "$(grep -cx alphabeta "$tmp/screen")" = 2 ] || fail "r 1 did not run the command line" 
	keys '7 * 6' Enter
	screen_has "42"
	keys 'r' Enter 'ihy "al"' Enter
	screen_has 'PS '"$dir"'> ihy "al"'
	grep -qx '7 \* 6' "$tmp/screen" || fail "r did not show the last command line"
	[ "$(grep -cx 42 "$tmp/screen")" = 2 ] || fail "r did not run the last command line"
	keys '"n=" + (Get-History).Count' Enter
	screen_has "n=7"
	keys 'Clear-History; (Get-History).Count' Enter
	keys 'clhy; "count=" + @(Get-History).Count' Enter
	screen_has "count=0"
	keys 'r 99' Enter
	screen_has "Cannot locate history for Id 99."
	keys exit Enter
	code_is 0
fi
stop

# bounded: a file past twice the limit is cut back to the newest entries
seq 1 10001 | sed 's/^/"entry" + /' >"$file"
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys '"trim" + "med"' Enter
	screen_has "trimmed"
	[ "$(wc -l <"$file")" = 5000 ] || fail "after trimming the file holds $(wc -l <"$file") lines"
	[ "$(tail -1 "$file")" = '"trim" + "med"' ] || fail "the newest entry was not kept"
	[ "$(head -1 "$file")" = '"entry" + 5003' ] || fail "the oldest kept: $(head -1 "$file")"
	keys exit Enter
	code_is 0
fi
stop

# without XDG_STATE_HOME: ~/.local/state/hvsh/history
HVSH_ENV="-u XDG_STATE_HOME" start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys '"in " + "home"' Enter
	screen_has "in home"
	keys exit Enter
	code_is 0
fi
stop
grep -qx '"in " + "home"' "$tmp/home/.local/state/hvsh/history" ||
	fail "no history under ~/.local/state/hvsh"

finish
