#!/bin/sh
# A virtual machine's memory through the embedded engine in a temporary
# root: Get-VMMemory's view and Hyper-V's defaults; Set-VMMemory's settings
# read back in a new process, through Get-VM too (one set of settings),
# and found in the stored description; Hyper-V's checks (sizes, minimum <=
# startup <= maximum, Buffer, Priority) and its rules for a running VM
# (with dynamic memory the minimum may go down and the maximum up;
# Buffer and Priority change; the rest is refused), every refusal leaving
# the description as it was. Whatever happens, no QEMU process of this
# root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml=$root/etc/qemu/m1.xml
sum() { md5sum "$xml" | cut -d' ' -f1; }

props='"$($m.DynamicMemoryEnabled)|$($m.Minimum)|$($m.Startup)|$($m.Maximum)|$($m.Buffer)|$($m.Priority)|$($m.VMName)"'

run "Get-VMMemory's view" 0 "
VMName DynamicMemoryEnabled Minimum(M) Startup(M) Maximum(M)
------ -------------------- ---------- ---------- ----------
m1     False                512        64         1048576" \
	'$null = New-VM m1 -MemoryStartupBytes 64MB -NoVHD' 'Get-VMMemory m1'
run "Hyper-V's defaults" 0 "False|536870912|67108864|1099511627776|20|50|m1
Memory Primordial True" \
	'$m = Get-VM m1 | Get-VMMemory' "$props" \
	'"$($m.Name) $($m.ResourcePoolName) $($m.MaximumPerNumaNode -gt 0)"'

run "Set-VMMemory, read back" 0 "True|67108864|268435456|2147483648|25|80|m1" \
	'$m = Set-VMMemory m1 -DynamicMemoryEnabled $true -MinimumBytes 64MB -StartupBytes 256MB -MaximumBytes 2GB -Priority 80 -Buffer 25 -Passthru' \
	"$props"
run "settings persist, and Get-VM agrees" 0 "True|67108864|268435456|2147483648|25|80|m1
True 67108864 268435456 2147483648" \
	'$m = Get-VMMemory m1' "$props" \
	'$v = Get-VM m1' '"$($v.DynamicMemoryEnabled) $($v.MemoryMinimum) $($v.MemoryStartup) $($v.MemoryMaximum)"'
grep -q "<memory unit='KiB'>262144</memory>" "$xml" || fail "the startup memory is not <memory>"
grep -q "<hvsh:memoryBuffer>25</hvsh:memoryBuffer>" "$xml" &&
	grep -q "<hvsh:memoryPriority>80</hvsh:memoryPriority>" "$xml" ||
	fail "Buffer and Priority are not in hvsh's metadata"

before=$(sum)
run "bad input is refused" 0 "9" \
	'Set-VMMemory m1 -MinimumBytes 4GB' \
	'Set-VMMemory m1 -MaximumBytes 128MB' \
	'Set-VMMemory m1 -StartupBytes 32MB' \
	'Set-VMMemory m1 -StartupBytes 33MB' \
	'Set-VMMemory m1 -MaximumBytes 16MB' \
	'Set-VMMemory m1 -Buffer 4' \
	'Set-VMMemory m1 -Buffer 2001 -Priority 5' \
	'Set-VMMemory m1 -Priority 101' \
	'Set-VMMemory m1 -Priority -1' \
	'$Error.Count'
err_has "min > max" "'m1' failed to modify device 'Memory'. The minimum memory (4096 MB) cannot be more than the maximum memory (2048 MB)."
err_has "startup > max" "The startup memory (256 MB) cannot be more than the maximum memory (128 MB)."
err_has "min > startup" "The minimum memory (64 MB) cannot be more than the startup memory (32 MB)."
err_has "size" "The startup memory 34603008 bytes is not valid: it must be at least 32 MB and a multiple of 2 MB."
err_has "size" "The maximum memory 16777216 bytes is not valid: it must be at least 32 MB and a multiple of 2 MB."
err_has "buffer" "The value 4 of -Buffer is out of range: it must be between 5 and 2000."
err_has "buffer" "The value 2001 of -Buffer is out of range: it must be between 5 and 2000."
err_has "priority" "The value 101 of -Priority is out of range: it must be between 0 and 100."
err_has "priority" "The value -1 of -Priority is out of range: it must be between 0 and 100."
run "an error record in Hyper-V's manner" 1 "" 'Set-VMMemory m1 -MinimumBytes 4GB -ErrorAction Stop'
err_has "error id" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMMemory"
run "-WhatIf changes nothing" 0 'What if: Performing the operation "Set-VMMemory" on target "m1".' \
	'Set-VMMemory m1 -Priority 1 -StartupBytes 128MB -WhatIf'
[ "$(sum)" = "$before" ] || fail "a refused change altered the description"

# Running: the firmware of a VM without a disk loops looking for one.
run "Start-VM" 0 "Running" 'Start-VM m1' '(Get-VM m1).State'
before=$(sum)
run "what a running VM refuses" 0 "4" \
	'Set-VMMemory m1 -MinimumBytes 128MB -Priority 1' \
	'Set-VMMemory m1 -MaximumBytes 1GB' \
	'Set-VMMemory m1 -StartupBytes 128MB' \
	'Set-VMMemory m1 -DynamicMemoryEnabled $false' \
	'$Error.Count'
err_has "minimum up" "'m1' failed to modify device 'Memory'. The minimum memory can only be lowered while the virtual machine is running (it is 64 MB)."
err_has "maximum down" "The maximum memory can only be raised while the virtual machine is running (it is 2048 MB)."
err_has "startup" "The startup memory cannot be changed while the virtual machine is running."
err_has "dynamic off" "Dynamic memory cannot be turned off while the virtual machine is running."
[ "$(sum)" = "$before" ] || fail "a refused change altered the description"
run "what a running VM with dynamic memory takes" 0 "True|33554432|268435456|4294967296|40|5|m1" \
	'$m = Get-VMMemory m1 | Set-VMMemory -MinimumBytes 32MB -MaximumBytes 4GB -Buffer 40 -Priority 5 -StartupBytes 256MB -Passthru' \
	"$props"

run "static memory: the bounds wait for the VM to be off" 1 "" \
	'Stop-VM m1 -TurnOff' 'Set-VMMemory m1 -DynamicMemoryEnabled $false' 'Start-VM m1' \
	'Set-VMMemory m1 -MaximumBytes 8GB -ErrorAction Stop'
err_has "static bounds" "The minimum and maximum memory of a virtual machine with static memory cannot be changed while it is running."
run "Remove-VM" 0 "0" 'Stop-VM m1 -TurnOff' 'Remove-VM m1 -Force' '@(Get-VM).Count'
finish
