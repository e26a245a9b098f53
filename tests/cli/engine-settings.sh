#!/bin/sh
# A virtual machine's settings through the embedded engine in a temporary
# root: Set-VM's values read back through Get-VM, in the same process and
# in a new one (kept in the domain's description and hvsh's metadata);
# Rename-VM and the refusal of another VM's name; what Hyper-V refuses
# while a VM runs; Restart-VM and a Save-VM / Start-VM round trip on a real
# QEMU process (a VM without a disk: its firmware runs, which is enough).
# Whatever happens, no QEMU process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"


props='"$($v.Name)|$($v.ProcessorCount)|$($v.MemoryStartup)|$($v.Notes)|$($v.DynamicMemoryEnabled)|$($v.MemoryMinimum)|$($v.MemoryMaximum)|$($v.AutomaticStartAction)|$($v.AutomaticStopAction)|$($v.AutomaticStartDelay)|$($v.CheckpointType)|$($v.SnapshotFileLocation)"'

run "defaults of a new VM" 0 "s1|1|134217728||False|536870912|1099511627776|StartIfRunning|Save|0|Production|$root/vms/s1" \
	'$v = New-VM s1 -MemoryStartupBytes 128MB -NoVHD' "$props"

run "Set-VM, read back" 0 "s1|2|268435456|a <b> & 'c'|True|67108864|1073741824|Start|ShutDown|5|Standard|$tmp/snaps" \
	"Set-VM s1 -ProcessorCount 2 -MemoryStartupBytes 256MB -Notes \"a <b> & 'c'\" -DynamicMemory -MemoryMinimumBytes 64MB -MemoryMaximumBytes 1GB -AutomaticStartAction start -AutomaticStopAction ShutDown -AutomaticStartDelay 5 -CheckpointType Standard -SnapshotFileLocation $tmp/snaps" \
	'$v = Get-VM s1' "$props"
run "settings persist in a new process" 0 "s1|2|268435456|a <b> & 'c'|True|67108864|1073741824|Start|ShutDown|5|Standard|$tmp/snaps" \
	'$v = Get-VM s1' "$props"
grep -q "<hvsh:automaticStartAction>Start</hvsh:automaticStartAction>" "$root"/etc/libvirt/qemu/s1.xml 2>/dev/null ||
	grep -rqs "automaticStartAction>Start<" "$root" || fail "the setting is not in the stored description"

run "Set-VM -StaticMemory -Passthru from the pipeline" 0 "False 2" \
	'Get-VM s1 | Set-VM -StaticMemory -Passthru | ForEach-Object { "$($_.DynamicMemoryEnabled) $($_.ProcessorCount)" }'
run "Set-VM -WhatIf changes nothing" 0 "What if: Performing the operation \"Set-VM\" on target \"s1\".
1073741824" \
	'Set-VM s1 -MemoryMaximumBytes 2GB -WhatIf' '(Get-VM s1).MemoryMaximum'
run "Set-VM's bad values" 0 "3" \
	'Set-VM s1 -ProcessorCount 0 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VM s1 -MemoryStartupBytes 33MB -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VM s1 -DynamicMemory -StaticMemory -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e.Count'
run "a parameter without effect warns" 0 "WARNING: The parameter -LockOnDisconnect has no effect on this host yet; it is ignored." \
	'Set-VM s1 -LockOnDisconnect On'

run "Rename-VM, an old object still finds it" 0 "s2|s2|2" \
	'$old = Get-VM s1' '$n = $old | Rename-VM -NewName s2 -Passthru' \
	'$old | Set-VM -ProcessorCount 2' '"$($n.Name)|$((Get-VM).Name)|$((Get-VM s2).ProcessorCount)"'
run "a duplicate name is refused" 1 "s2 s3" \
	'$null = New-VM s3 -MemoryStartupBytes 64MB -NoVHD' \
	'Rename-VM s3 s2' '"$((Get-VM).Name)"' 'Set-VM s3 -NewVMName S2 -ErrorAction Stop'
err_has "duplicate name" "Cannot rename 's3' to 's2': A virtual machine named 's2' already exists."
err_has "duplicate name" "DuplicateName,Microsoft.HyperV.PowerShell.Commands.RenameVM"
run "Set-VM -NewVMName" 0 "s2 s4" 'Set-VM s3 -NewVMName s4' '"$((Get-VM).Name)"'

# A running VM: no disk, the firmware loops looking for one.
run "Start-VM" 0 "Running" 'Start-VM s4' '(Get-VM s4).State'
run "processors of a running VM" 1 "" 'Set-VM s4 -ProcessorCount 2 -Notes x -ErrorAction Stop'
err_has "running VM" "failed to modify device 'Processor'"
run "memory of a running VM" 1 "" 'Set-VM s4 -MemoryStartupBytes 128MB -ErrorAction Stop'
err_has "running VM" "failed to modify device 'Memory'"
over=$(($(nproc) + 1))
run "more processors than the host has" 1 "" "Set-VM s4 -ProcessorCount $over -ErrorAction Stop"
err_has "host processors" "The virtual machine cannot have $over virtual processors: the host has $(nproc) logical processors."
run "dynamic memory's bounds may widen while running" 0 "True|33554432|2199023255552" \
	'Stop-VM s4 -TurnOff' 'Set-VM s4 -DynamicMemory' 'Start-VM s4' \
	'Set-VM s4 -MemoryMinimumBytes 32MB -MemoryMaximumBytes 2TB' \
	'$v = Get-VM s4' '"$($v.DynamicMemoryEnabled)|$($v.MemoryMinimum)|$($v.MemoryMaximum)"'
run "but not narrow" 1 "" 'Set-VM s4 -MemoryMinimumBytes 64MB -ErrorAction Stop'
err_has "narrow" "failed to modify device 'Memory'"
run "refused settings change nothing; Notes change while running" 0 "1|67108864|running" \
	'Set-VM s4 -Notes running' '$v = Get-VM s4' '"$($v.ProcessorCount)|$($v.MemoryStartup)|$($v.Notes)"'
run "a running VM is not renamed" 1 "" 'Rename-VM s4 s5 -ErrorAction Stop'
err_has "rename running" "cannot be renamed while it is running"

pid=$(cat "$root/run/qemu/s4.pid" 2>/dev/null)
run "Restart-VM -Force keeps the process" 0 "Running" 'Restart-VM s4 -Force' '(Get-VM s4).State'
[ "$(cat "$root/run/qemu/s4.pid" 2>/dev/null)" = "$pid" ] || fail "Restart-VM replaced the QEMU process"
run "Restart-VM -WhatIf" 0 'What if: Performing the operation "Restart-VM" on target "s4".' 'Restart-VM s4 -WhatIf'
run "Save-VM" 0 "Saved" 'Save-VM s4 -Passthru | ForEach-Object State'
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && fail "Save-VM left the QEMU process running"
ls "$root"/lib/qemu/save/s4.save >/dev/null 2>&1 || fail "Save-VM wrote no saved state"
run "Save-VM of a saved VM" 1 "" 'Save-VM s4 -ErrorAction Stop'
err_has "save saved" "current state (Saved)"
run "processors of a saved VM" 1 "" 'Set-VM s4 -ProcessorCount 2 -ErrorAction Stop'
err_has "saved VM" "cannot be changed while the virtual machine is saved"
run "Start-VM restores" 0 "Running" 'Start-VM s4' '(Get-VM s4).State'
[ -e "$root"/lib/qemu/save/s4.save ] && fail "the saved state outlived the restore"
run "Restart-VM of a VM that is off" 1 "" 'Stop-VM s4 -TurnOff' 'Restart-VM s4 -Force -ErrorAction Stop'
err_has "restart off" "cannot be performed while the virtual machine 's4' is in its current state"
run "Remove-VM" 0 "0" 'Remove-VM * -Force' '@(Get-VM).Count'

finish
