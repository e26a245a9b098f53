#!/bin/sh
# Tab completion of the firmware cmdlets in a real terminal (tmux), on the
# embedded engine of a temporary root: -VMName completes a VM's name, the
# enum parameters (-EnableSecureBoot, -StartupOrder) their values, and
# -SecureBootTemplate the template names; the completed command runs.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/terminal.inc"

run "New-VM" 0 "" '$null = New-VM tabvm -Generation 2 -MemoryStartupBytes 64MB -NoVHD'

start -NoProfile -NoLogo
if screen_has "PS "; then
	# a short prompt keeps the lines below on one screen line
	keys 'Set-Location /' Enter
	screen_has "PS />"
	keys 'Set-VMFirmware -VMName tab' Tab
	screen_has "Set-VMFirmware -VMName tabvm"
	keys -- '-EnableSecureBoot Of' Tab
	screen_has "-EnableSecureBoot Off"
	keys Enter 'Set-VMFirmware tabvm -SecureBootTemplate MicrosoftU' Tab
	screen_has "Set-VMFirmware tabvm -SecureBootTemplate MicrosoftUEFICertificateAuthority"
	keys Enter '$f = Get-VMFirmware tabvm; "$($f.SecureBoot) $($f.SecureBootTemplate)!"' Enter
	screen_has "Off MicrosoftUEFICertificateAuthority!"

	keys 'Set-VMBios -StartupOrder Leg' Tab
	screen_has "Set-VMBios -StartupOrder LegacyNetworkAdapter"
	keys C-c
	keys 'exit' Enter
	code_is 0
fi
stop
finish
