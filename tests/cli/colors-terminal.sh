#!/bin/sh
# Colours in a real terminal (tmux): errors red, warnings yellow, verbose
# lines coloured; none with NO_COLOR, with -NoColor, or when the output
# goes to a file.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)
esc=$(printf '\033')
streams='Write-Warning careful; "plain"; Write-Verbose chatty -Verbose; "plain"; Write-Error boom'

# has_line REGEX WHAT: a line of the styled screen matches REGEX.
has_line() {
	grep -q -- "$1" "$tmp/screen" || {
		fail "$2"
		grep -v '^$' "$tmp/screen" | cat -v | sed 's/^/    screen: /'
	}
}

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys "$streams" Enter
	screen_has "CategoryInfo"
	screen_has_styled "CategoryInfo"
	has_line "^$esc\\[91mWrite-Error : boom" "the error is not red"
	has_line "^$esc\\[93mWARNING: careful" "the warning is not yellow"
	has_line "^$esc\\[96mVERBOSE: chatty" "the verbose line is not cyan"
	has_line "^\($esc\\[39m\)\?plain" "plain output is coloured"
	keys exit Enter
	code_is 0
fi
stop

for how in "NO_COLOR" "-NoColor"; do
	if [ "$how" = NO_COLOR ]; then
		HVSH_ENV=NO_COLOR=1 start -NoProfile -NoLogo
	else
		start -NoProfile -NoLogo -NoColor
	fi
	if screen_has "PS $dir>"; then
		keys "$streams" Enter
		screen_has "CategoryInfo"
		screen_has_styled "CategoryInfo"
		grep -q "$esc" "$tmp/screen" && fail "$how: colours on the screen"
		keys exit Enter
		code_is 0
	fi
	stop
done

# standard output to a file, standard error still the terminal
start -NoProfile -NoLogo -c "'Write-Warning redirected'" ">'$tmp/out.txt'"
code_is 0
grep -qx "WARNING: redirected" "$tmp/out.txt" || fail "the warning did not reach the file"
grep -q "$esc" "$tmp/out.txt" && fail "colour codes in a file"
stop

finish
