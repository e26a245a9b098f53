#!/bin/sh
# Tab completion of what the engine knows, in a real terminal (tmux): VM
# names for the VM cmdlets (quoted when they hold a space), the list of
# several, and the values of an hvsh enum parameter.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/terminal.inc"

run "the VMs" 0 "" \
	'"web1", "web2", "db one" | ForEach-Object { $null = New-VM $_ -MemoryStartupBytes 64MB -NoVHD }'

dir=$(cd "$tmp" && pwd -P)
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys 'Start-VM db' Tab
	screen_has "PS $dir> Start-VM 'db one'"
	keys C-c
	keys 'Get-VM -Name web' Tab Tab
	screen_has "web2"
	grep "web2" "$tmp/screen" | grep -v "^PS " | grep -q "web1" ||
		fail "the list of VM names lacks web1"
	keys C-c
	keys 'Set-VMHost -VirtualizationMode Em' Tab
	screen_has "PS $dir> Set-VMHost -VirtualizationMode Emulated"
	keys C-c
	keys 'exit' Enter
	code_is 0
fi
stop

finish
