#!/bin/sh
# A Generation 1 VM's BIOS through the embedded engine in a temporary root:
# Get-VMBios's view and objects, Set-VMBios -StartupOrder written as
# libvirt's boot device list (the stored description) and given to QEMU
# (the running process's bootindex of the IDE disk and DVD drive), NumLock
# kept in hvsh's metadata, pipelines and -Passthru, -WhatIf; what Hyper-V
# refuses (a running VM, a Generation 2 VM, an incomplete or repeated
# startup order) with its errors and nothing changed.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml=$root/etc/qemu/b1.xml
# The boot device list of the stored description, one line.
boot_devs() { sed -n "s/.*<boot dev='\([a-z]*\)'\/>.*/\1/p" "$xml" | tr '\n' ' '; }
# The bootindex QEMU got for the device with this id ("ide0-0-0" ...).
bootindex() {
	tr '\0' '\n' <"/proc/$(cat "$root/run/qemu/b1.pid")/cmdline" |
		sed -n "s/.*\"id\":\"$1\",\"bootindex\":\([0-9]*\).*/\1/p"
}

run "New-VM -BootDevice CD: CD first, the rest in Hyper-V's order" 0 \
	"CD IDE LegacyNetworkAdapter Floppy|False" \
	"\$null = New-VM b1 -MemoryStartupBytes 64MB -NewVHDPath '$tmp/b1.qcow2' -NewVHDSizeBytes 8MB -BootDevice CD" \
	'$b = Get-VMBios b1' '"$($b.StartupOrder)|$($b.NumLockEnabled)"'
run "the default view" 0 "
VMName StartupOrder                            NumLockEnabled
------ ------------                            --------------
b1     {CD, IDE, LegacyNetworkAdapter, Floppy} False" 'Get-VMBios b1'
run "the object" 0 "Microsoft.HyperV.PowerShell.VMBios|b1|True|False|00000000-0000-0000-0000-000000000000" \
	'$b = Get-VM b1 | Get-VMBios' \
	'"$($b.GetType().FullName)|$($b.VMName)|$($b.VMId -eq (Get-VM b1).Id)|$($b.IsDeleted)|$($b.VMSnapshotId)"'

run "Set-VMBios -StartupOrder -EnableNumLock -Passthru" 0 "IDE Floppy CD LegacyNetworkAdapter|True" \
	'$b = Set-VMBios b1 -StartupOrder IDE, Floppy, CD, LegacyNetworkAdapter -EnableNumLock -Passthru' \
	'"$($b.StartupOrder)|$($b.NumLockEnabled)"'
[ "$(boot_devs)" = "hd fd cdrom network " ] || fail "stored boot list: $(boot_devs)"
grep -q "<hvsh:numLock>true</hvsh:numLock>" "$xml" || fail "NumLock is not in the metadata"
run "read back in a new process" 0 "IDE Floppy CD LegacyNetworkAdapter|True" \
	'$b = Get-VMBios -VMName b1' '"$($b.StartupOrder)|$($b.NumLockEnabled)"'

run "QEMU boots the disk first" 0 "" 'Start-VM b1'
[ "$(bootindex ide0-0-0)" = 1 ] || fail "the IDE disk's bootindex: $(bootindex ide0-0-0)"
[ "$(bootindex ide0-1-0)" = 3 ] || fail "the DVD drive's bootindex: $(bootindex ide0-1-0)"

before=$(cksum <"$xml")
run "a running VM's BIOS is not changed" 1 "" \
	'Set-VMBios b1 -StartupOrder CD, IDE, LegacyNetworkAdapter, Floppy -ErrorAction Stop'
err_has "running" "The operation cannot be performed while the virtual machine 'b1' is in its current state (Running)"
err_has "running" "OperationFailed,Microsoft.HyperV.PowerShell.Commands.SetVMBios"
[ "$(cksum <"$xml")" = "$before" ] || fail "a refused change reached the stored description"

run "from the pipeline, after a stop: the DVD drive first" 0 "CD IDE LegacyNetworkAdapter Floppy|False" \
	'Stop-VM b1 -TurnOff' \
	'$b = Get-VMBios b1 | Set-VMBios -StartupOrder cd, ide, legacynetworkadapter, floppy -DisableNumLock -Passthru' \
	'"$($b.StartupOrder)|$($b.NumLockEnabled)"' 'Start-VM b1'
[ "$(bootindex ide0-1-0)" = 1 ] || fail "the DVD drive's bootindex: $(bootindex ide0-1-0)"
[ "$(bootindex ide0-0-0)" = 2 ] || fail "the IDE disk's bootindex: $(bootindex ide0-0-0)"
run "Stop-VM" 0 "" 'Stop-VM b1 -TurnOff'

before=$(cksum <"$xml")
run "bad startup orders" 0 "4" \
	'Set-VMBios b1 -StartupOrder CD, IDE, Floppy -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMBios b1 -StartupOrder CD, CD, IDE, Floppy -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMBios b1 -StartupOrder VHD, CD, IDE, Floppy -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMBios b1 -EnableNumLock -DisableNumLock -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e.Count'
run "a repeated class" 1 "" 'Set-VMBios b1 -StartupOrder CD, CD, IDE, Floppy -ErrorAction Stop'
err_has "repeated" "The startup order 'CD, CD, IDE, Floppy' is not valid: it must name each of Floppy, CD, IDE and LegacyNetworkAdapter once."
err_has "repeated" "InvalidArgument: (CD, CD, IDE, Floppy:String) [Set-VMBios], VirtualizationInvalidArgumentException"
run "not a BootDevice" 1 "" 'Set-VMBios b1 -StartupOrder CD, Disk, IDE, Floppy'
err_has "not a BootDevice" 'Cannot convert value "Disk" to type "BootDevice[]"'
run "-WhatIf" 0 'What if: Performing the operation "Set-VMBios" on target "b1".' \
	'Set-VMBios b1 -StartupOrder Floppy, IDE, CD, LegacyNetworkAdapter -WhatIf'
[ "$(cksum <"$xml")" = "$before" ] || fail "refused changes or -WhatIf reached the stored description"

run "Generation 2: the BIOS cmdlets refuse" 1 "" \
	'$null = New-VM u1 -Generation 2 -MemoryStartupBytes 64MB -NoVHD' 'Get-VMBios u1' \
	'Set-VMBios u1 -EnableNumLock -ErrorAction Stop'
err_has "Gen 2" 'The Generation 2 virtual machine or snapshot "u1" does not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.'
err_has "Gen 2" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMBios"
err_has "Gen 2" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMBios"
run "Generation 1: the firmware cmdlets refuse" 1 "" 'Get-VMFirmware b1' \
	'Get-VM b1 | Set-VMFirmware -EnableSecureBoot Off -ErrorAction Stop'
err_has "Gen 1" 'The Generation 1 virtual machine or snapshot "b1" does not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.'
err_has "Gen 1" "InvalidArgument: (b1:String) [Set-VMFirmware], VirtualizationInvalidArgumentException"
[ "$(cksum <"$xml")" = "$before" ] || fail "a Generation 1 VM changed through Set-VMFirmware"

run "every documented parameter is accepted" 0 "WARNING: The parameter -ComputerName has no effect on this host yet; it is ignored.
True" \
	'$b = Get-VMBios -VMName b1 -ComputerName here' '$null -ne $b'
run "-VMSnapshot" 1 "" 'Get-VMBios -VMCheckpoint x -ErrorAction Stop'
err_has "snapshot" "Checkpoints are not supported on this host yet"
run "-VMBios objects" 0 "Floppy IDE CD LegacyNetworkAdapter" \
	'$b = Set-VMBios -VMBios (Get-VMBios b1) -StartupOrder Floppy, IDE, CD, LegacyNetworkAdapter -Passthru' \
	'"$($b.StartupOrder)"'
run "a name that matches nothing" 1 "" 'Get-VMBios nosuch -ErrorAction Stop'
err_has "no VM" 'Hyper-V was unable to find a virtual machine with name "nosuch".'
run "Remove-VM" 0 "0" 'Remove-VM * -Force' '@(Get-VM).Count'

finish
