#!/bin/sh
# Write-Progress in a real terminal (tmux): the bar is drawn on the
# terminal, updated in place, a child bar sits under its parent, and
# -Completed removes it, leaving the output and the prompt intact. The
# script waits for files the test creates, so each state stays on the
# screen until it has been checked.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)

# screen_lacks TEXT: the last captured screen does not show TEXT.
screen_lacks() {
	tmux -S "$sock" capture-pane -p -t hvsh >"$tmp/screen"
	if grep -qF -- "$1" "$tmp/screen"; then
		fail "screen still shows '$1'"
		grep -v '^$' "$tmp/screen" | sed 's/^/    screen: /'
	fi
}

# screen_loses TEXT: waits up to 10 s for TEXT to leave the screen.
screen_loses() {
	i=0
	while [ $i -lt 100 ]; do
		tmux -S "$sock" capture-pane -p -t hvsh >"$tmp/screen"
		grep -qF -- "$1" "$tmp/screen" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen still shows '$1'"
	grep -v '^$' "$tmp/screen" | sed 's/^/    screen: /'
}

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys 'function Wait-Step($n) { while (-not (Test-Path "./step$n")) { Start-Sleep -Milliseconds 20 } }' Enter
	keys 'Write-Progress -Activity "Copying disks" -Status "Disk 1 of 4" -PercentComplete 25; Wait-Step 1; Write-Progress -Activity "Copying disks" -Status "Disk 3 of 4" -PercentComplete 75; Wait-Step 2; Write-Progress -Activity "Copying disks" -Completed; "co" + "pied"' Enter
	# 100 columns: a 33-tick bar, 25% is 8 ticks
	screen_has 'Copying disks [oooooooo                         ] Disk 1 of 4'
	: >"$tmp/step1"
	screen_has 'Copying disks [oooooooooooooooooooooooo         ] Disk 3 of 4'
	screen_lacks '] Disk 1 of 4'
	[ "$(grep -c 'Copying disks \[' "$tmp/screen")" = 1 ] || fail "the bar was not updated in place"
	: >"$tmp/step2"
	screen_has 'copied'
	screen_lacks 'Copying disks ['
	screen_has "PS $dir> "

	rm -f "$tmp/step1" "$tmp/step2"
	keys 'Clear-Host' Enter
	keys 'Write-Progress -Id 1 -Activity "Updating VMs" -Status "web01" -PercentComplete 50; Write-Progress -Id 2 -ParentId 1 -Activity "Checkpoint" -Status "Saving memory" -CurrentOperation "disk0.vhdx" -PercentComplete 10; Wait-Step 1; Write-Progress -Id 2 -Completed; Wait-Step 2; Write-Progress -Id 1 -Completed; "all" + " done"' Enter
	screen_has '  Checkpoint [ooo                              ] Saving memory disk0.vhdx'
	above=$(grep -B1 '^  Checkpoint \[' "$tmp/screen" | head -1)
	case $above in
	'Updating VMs [oooooooooooooooo                 ] web01'*) ;;
	*) fail "the child bar is not under its parent: '$above'" ;;
	esac
	: >"$tmp/step1"
	screen_loses 'Checkpoint ['
	screen_has 'Updating VMs [oooooooooooooooo                 ] web01'
	: >"$tmp/step2"
	screen_has 'all done'
	screen_lacks 'Updating VMs ['
	screen_has "PS $dir> "

	keys '$ProgressPreference = "SilentlyContinue"; Write-Progress -Activity "Hidden work" -PercentComplete 50; "qu" + "iet"' Enter
	screen_has 'quiet'
	screen_lacks 'Hidden work ['
	keys 'exit' Enter
	code_is 0
fi
stop

finish
