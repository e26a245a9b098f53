#!/bin/sh
# Set-VMHost through the embedded engine in a temporary root: the default
# directories and the virtualization mode are kept in the user's hvsh.conf
# (its other lines and comments untouched), read back by Get-VMHost in a
# new process, and used by New-VM and Start-VM; bad values are refused
# with nothing stored; parameters without effect warn.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

conf=$XDG_CONFIG_HOME/hvsh/hvsh.conf
mkdir -p "$XDG_CONFIG_HOME/hvsh" "$tmp/vms" "$tmp/disk #1" "$tmp/rel"
printf '# my settings\n\nvirtualization_mode = Hardware # for now\n' >"$conf"

run "Set-VMHost, Passthru" 0 "$tmp/vms|$tmp/disk #1|Emulated" \
	"\$h = Set-VMHost -VirtualMachinePath $tmp/vms -VirtualHardDiskPath '$tmp/disk #1' -VirtualizationMode emulated -Passthru" \
	'"$($h.VirtualMachinePath)|$($h.VirtualHardDiskPath)|$($h.VirtualizationMode)"'
want="# my settings

virtualization_mode = Emulated
virtual_machine_path = $tmp/vms
virtual_hard_disk_path = \"$tmp/disk #1\""
[ "$(cat "$conf")" = "$want" ] || {
	fail "hvsh.conf is not as expected"
	sed 's/^/    /' "$conf"
}
# the mode from hvsh.conf, not from HVSH_ACCEL
HVSH_ACCEL=
run "a new process reads it back" 0 "$tmp/vms|$tmp/disk #1|Emulated|virtualization_mode = Emulated in $conf line 3" \
	'$h = Get-VMHost' '"$($h.VirtualMachinePath)|$($h.VirtualHardDiskPath)|$($h.VirtualizationMode)|$($h.VirtualizationModeReason)"'
run "New-VM uses both directories" 0 "$tmp/vms/h1|True|True" \
	'$v = New-VM h1 -MemoryStartupBytes 64MB -NewVHDPath h1.qcow2 -NewVHDSizeBytes 16MB' \
	"\"\$(\$v.Path)|\$(Test-Path '$tmp/disk #1/h1.qcow2')|\$(Test-Path $tmp/vms/h1)\""
run "Start-VM uses the mode" 0 "Running" 'Start-VM h1' '(Get-VM h1).State'
grep -q "<domain type='qemu'" "$root/run/qemu/h1.xml" || fail "the running VM is not emulated"
run "Stop-VM" 0 "Off" 'Stop-VM h1 -TurnOff' '(Get-VM h1).State'
HVSH_ACCEL=tcg

run "a relative path is the current location's" 0 "$tmp/rel" \
	"Set-Location $tmp" 'Set-VMHost -VirtualMachinePath rel' '(Get-VMHost).VirtualMachinePath'

cp "$conf" "$tmp/conf.before"
run "a missing directory is refused" 1 "" \
	"Set-VMHost -VirtualizationMode Hardware -VirtualMachinePath $tmp/none -ErrorAction Stop"
err_has "missing directory" "Set-VMHost : Failed to modify the host's settings. The virtual machine path '$tmp/none' does not exist: No such file or directory."
run "a file is not a directory" 1 "" \
	"Set-VMHost -VirtualHardDiskPath $conf -ErrorAction Stop"
err_has "file" "is not a directory"
run "an unknown mode" 1 "" 'Set-VMHost -VirtualizationMode Paravirtual -ErrorAction Stop'
err_has "unknown mode" 'does not belong to the set "Hardware,Emulated"'
run "-WhatIf" 0 "What if: Performing the operation \"Set-VMHost\" on target \"$(hostname | cut -d. -f1)\"." \
	'Set-VMHost -VirtualizationMode Hardware -WhatIf'
cmp -s "$conf" "$tmp/conf.before" || fail "a refused Set-VMHost changed hvsh.conf"

run "parameters without effect warn" 0 "WARNING: The parameter -NumaSpanningEnabled has no effect on this host yet; it is ignored." \
	'Set-VMHost -NumaSpanningEnabled $false'

finish
