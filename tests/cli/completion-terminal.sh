#!/bin/sh
# Tab completion in a real terminal (tmux): TAB completes a command name, a
# second TAB lists the candidates when there are several, TAB completes a
# parameter name, a parameter value and a path that needs quoting; a list
# shows names (members, file names), not the whole words.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)
mkdir "$tmp/my dir"
: >"$tmp/my dir/inside-the-dir.txt"

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	# a unique command: completed, and a space follows it
	keys 'Get-Chil' Tab
	screen_has "PS $dir> Get-ChildItem"
	# a parameter name of that command, typed right after the space
	keys -- '-Rec' Tab
	screen_has "PS $dir> Get-ChildItem -Recurse"
	keys C-c

	# several candidates: the second TAB lists them (the alias's name is
	# built so that only the list can show it)
	keys "Set-Alias -Name ('Get-VaTab' + 'Listed') -Value Get-Date" Enter
	keys 'Get-Va' Tab Tab
	screen_has "Get-VaTabListed"
	grep "Get-VaTabListed" "$tmp/screen" | grep -v "^PS " | grep -q "Get-Variable" ||
		fail "the list of candidates lacks Get-Variable"
	keys C-c

	# a parameter value from the cmdlet table
	keys "Write-Host ('colour' + 'ed') -ForegroundColor Gree" Tab
	screen_has "-ForegroundColor Green"
	keys Enter
	screen_has "coloured"

	# a path with a space: quoted, and the listing it names runs
	keys 'Get-ChildItem my' Tab
	screen_has "PS $dir> Get-ChildItem './my dir/'"
	keys Enter
	screen_has "inside-the-dir.txt"

	# a list of members shows the members' names, not the whole words
	keys '$listed = @{ alphakey = 1; betakey = 2 }' Enter
	keys '$listed.' Tab Tab
	screen_has "betakey"
	grep -v "^PS " "$tmp/screen" | grep -q "^alphakey " ||
		fail "the list of members does not show alphakey by its name"
	grep -v "^PS " "$tmp/screen" | grep -q '\$listed\.' &&
		fail "the list shows whole words instead of member names"
	keys C-c
	keys 'exit' Enter
	code_is 0
fi
stop

finish
