#!/bin/sh
# Tab completion of the drive cmdlets in a real terminal (tmux), on the
# embedded engine in a temporary root: -VMName completes a virtual
# machine's name, -ControllerType and -ToControllerType their values (IDE,
# SCSI).
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/terminal.inc"

run "a VM to complete" 0 "" '$null = New-VM tabvm-drives -MemoryStartupBytes 64MB -NoVHD'

dir=$(cd "$tmp" && pwd -P)
start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys 'Get-VMHardDiskDrive -VMName tabvm-d' Tab
	screen_has "PS $dir> Get-VMHardDiskDrive -VMName tabvm-drives"
	keys C-c
	keys 'Add-VMHardDiskDrive tabvm-drives -ControllerType sc' Tab
	screen_has "-ControllerType SCSI"
	keys C-c
	keys 'Set-VMHardDiskDrive tabvm-drives -ToControllerType i' Tab
	screen_has "-ToControllerType IDE"
	keys C-c
	keys 'exit' Enter
	code_is 0
fi
stop

finish
