#!/bin/sh
# The interactive shell in a real terminal (tmux): banner, prompt, results,
# continuation lines, Ctrl+C discarding the line being typed or stopping
# the running command, Ctrl+L, Ctrl+D on an empty line, `exit N`, the
# user's prompt function, the width following the window, TAB, and a
# login shell (argv[0] starting with '-').
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

# Ctrl+C stops a running loop and a sleep; the shell lives on. Each command
# shows a marker first, so the key is known to arrive while it runs.
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys '"spinning"; while ($true) {}' Enter
	screen_has "spinning"
	keys C-c
	screen_has "The pipeline has been stopped."
	keys '1000 + 234' Enter
	screen_has "1234"
	keys '"sleeping"; Start-Sleep 100; "resumed" + "!"' Enter
	screen_has "sleeping"
	keys C-c
	keys '1000 + 567' Enter
	screen_has "1567"
	screen_lacks "resumed!"

	# Ctrl+L clears the screen and keeps the line being typed
	keys '"after clear"' C-l
	wait_first_line "PS $dir> \"after clear\""
	screen_lacks "1567"
	keys Enter
	screen_has "after clear"

	# the prompt function replaces the prompt; a failing one gives "PS> "
	keys 'function prompt { "at $(Get-Location) # " }' Enter
	screen_has "at $dir #"
	keys 'cd /' Enter
	screen_has "at / #"
	keys 'function prompt { throw "broken" }' Enter
	screen_has "PS>"
	keys 'function prompt { "spin " + (1..3 | ForEach-Object { $_ }) + "> " }' Enter
	screen_has "spin 1 2 3>"
	keys '"x"; while ($true) {}' Enter
	screen_has "x"
	keys C-c
	keys 'C-l'
	wait_first_line "spin 1 2 3>"

	# TAB completes a command name
	keys 'Get-Chil' Tab
	screen_has "Get-ChildItem"
	keys C-u 'exit 3' Enter
	code_is 3
fi
stop

# The output width follows the window, also when it changes.
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	tmux -S "$sock" resize-window -t hvsh -x 60 -y 30
	keys '"a" * 100' Enter
	screen_has "aaaa"
	keys '[pscustomobject]@{A = 1; B = "z" * 150}' Enter
	screen_has "zzz"
	line=$(grep 'zzz' "$tmp/screen" | head -1)
	[ "$line" = "1 $(printf 'z%.0s' $(seq 56))…" ] ||
		fail "a 60-column table row: '$line'"
	keys exit Enter
	code_is 0
fi
stop

# A login shell: argv[0] is "-hvsh".
printf '#!/bin/bash\nexec -a -hvsh "$@"\n' >"$tmp/login"
chmod +x "$tmp/login"
real=$HVSH
HVSH=$tmp/login
start "'$real'" -NoProfile
HVSH=$real
if screen_has "PS $dir>"; then
	keys '(Get-Content /proc/$PID/cmdline) -replace "\0.*", ""' Enter
	screen_has "-hvsh"
	keys 'exit 5' Enter
	code_is 5
fi
stop

finish
