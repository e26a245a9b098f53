#!/bin/sh
# Tab completion of VM names for the network adapter cmdlets, in a real
# terminal (tmux): -VMName completes a VM's name (quoted when it holds a
# space), by name and by position.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/terminal.inc"

run "a VM" 0 "" '$null = New-VM "lan one" -MemoryStartupBytes 64MB -NoVHD'

dir=$(cd "$tmp" && pwd -P)
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys 'Get-VMNetworkAdapter -VMName lan' Tab
	screen_has "PS $dir> Get-VMNetworkAdapter -VMName 'lan one'"
	keys C-c
	keys 'Add-VMNetworkAdapter lan' Tab
	screen_has "PS $dir> Add-VMNetworkAdapter 'lan one'"
	keys C-c
	keys 'Rename-VMNetworkAdapter -VMName l' Tab
	screen_has "PS $dir> Rename-VMNetworkAdapter -VMName 'lan one'"
	keys C-c
	keys 'exit' Enter
	code_is 0
fi
stop

finish
