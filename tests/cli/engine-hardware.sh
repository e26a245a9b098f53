#!/bin/sh
# A virtual machine's processor through the embedded engine in a temporary
# root: Get-VMProcessor's view and Hyper-V's defaults; Set-VMProcessor's
# settings read back in a new process and found where they take effect:
# the stored description (<vcpu>, <cputune>, <cpu>), the running domain's
# description, the QEMU process's allowed processors (/proc) and its
# cgroup. What a running VM refuses, and bad input, change nothing. A VM
# without a disk is enough: its firmware runs. Whatever happens, no QEMU
# process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml=$root/etc/qemu/c1.xml
live=$root/run/qemu/c1.xml
ncpu=$(getconf _NPROCESSORS_ONLN)
online=$(cat /sys/devices/system/cpu/online)
first=${online%%[-,]*}
# cgroup v2 takes the weight as it is, v1 as shares (100 is 1024)
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then v2=1; else v2=0; fi
shares() { if [ "$v2" = 1 ]; then echo "$1"; else echo $(($1 * 1024 / 100)); fi; }
sum() { md5sum "$xml" | cut -d' ' -f1; }

props='"$($p.Count)|$($p.Maximum)|$($p.Reserve)|$($p.RelativeWeight)|$($p.ProcessorAffinity)|$($p.CompatibilityForMigrationEnabled)|$($p.ExposeVirtualizationExtensions)|$($p.HwThreadCountPerCore)|$($p.EnablePerfmonPmu)|$($p.VMName)"'

run "Get-VMProcessor's view" 0 "
VMName Count CompatibilityForMigrationEnabled CompatibilityForOlderOperatingSystemsEnabled
------ ----- -------------------------------- --------------------------------------------
c1     1     True                             False" \
	'$null = New-VM c1 -MemoryStartupBytes 64MB -NoVHD' 'Get-VMProcessor c1'
run "Hyper-V's defaults" 0 "1|100|0|100||True|False|0|False|c1
Processor Primordial True" \
	'$p = Get-VMProcessor -VMName c1' "$props" \
	'"$($p.Name) $($p.ResourcePoolName) $($p.VMId -eq (Get-VM c1).Id)"'

run "Set-VMProcessor, read back" 0 \
	"WARNING: The parameter -Reserve is kept and shown by Get-VMProcessor; it has no effect on this host.
2|50|10|200|$first|True|False|0|False|c1" \
	"\$p = Set-VMProcessor c1 -Count 2 -Maximum 50 -Reserve 10 -RelativeWeight 200 -ProcessorAffinity '$first' -Passthru" \
	"$props"
run "settings persist in a new process" 0 "2|50|10|200|$first|True|False|0|False|c1" \
	'$p = Get-VMProcessor c1' "$props"
grep -q "<vcpu placement='static' cpuset='$first'>2</vcpu>" "$xml" || fail "count and affinity not in <vcpu>"
grep -q "<period>100000</period>" "$xml" && grep -q "<quota>50000</quota>" "$xml" ||
	fail "Maximum 50 is not a 50 ms quota every 100 ms"
grep -q "<shares>$(shares 200)</shares>" "$xml" || fail "RelativeWeight 200 is not <shares>$(shares 200)"

before=$(sum)
run "bad input is refused" 0 "9" \
	'Set-VMProcessor c1 -Count 0' \
	"Set-VMProcessor c1 -Count $((ncpu + 1))" \
	"Set-VMProcessor c1 -ProcessorAffinity '0,,1'" \
	"Set-VMProcessor c1 -ProcessorAffinity '$ncpu'" \
	"Set-VMProcessor c1 -ProcessorAffinity '1-0'" \
	'Set-VMProcessor c1 -RelativeWeight 10001 -Count 1' \
	'Set-VMProcessor c1 -Maximum 101' \
	'Set-VMProcessor c1 -Reserve 60 -WarningAction SilentlyContinue' \
	'Set-VMProcessor c1 -Perfmon pmu,bogus -WarningAction SilentlyContinue' \
	'$Error.Count'
err_has "count 0" "The value 0 of -Count is out of range: it must be between 1 and 2048."
err_has "count above the host's" "The virtual machine cannot have $((ncpu + 1)) virtual processors: the host has $ncpu logical processors."
err_has "bad list" "'0,,1' is not a list of processors: give numbers and ranges separated by commas, such as 0,2-3."
err_has "processor the host lacks" "The host has no processor $ncpu: its processors are $online."
err_has "backwards range" "The processor range 1-0 runs backwards."
err_has "weight" "The value 10001 of -RelativeWeight is out of range: it must be between 1 and 10000."
err_has "maximum" "The value 101 of -Maximum is out of range: it must be between 0 and 100."
err_has "reserve above maximum" "The reserve (60%) cannot be more than the maximum (50%)."
err_has "perfmon" "'bogus' is not a performance monitoring component: expected pmu, lbr, pebs or ipt."
run "an error record in Hyper-V's manner" 1 "" 'Set-VMProcessor c1 -Count 0 -ErrorAction Stop'
err_has "error id" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor"
run "-WhatIf changes nothing" 0 'What if: Performing the operation "Set-VMProcessor" on target "c1".' \
	'Set-VMProcessor c1 -Count 1 -Maximum 10 -WhatIf'
[ "$(sum)" = "$before" ] || fail "a refused change altered the description"

run "the processor model" 0 "False True|True False" \
	'$a = Set-VMProcessor c1 -CompatibilityForMigrationEnabled $false -Passthru' \
	"\$x = (Select-String -Path '$xml' -Pattern \"<cpu mode='maximum'\").Count -eq 1" \
	'$b = Get-VM c1 | Set-VMProcessor -CompatibilityForMigrationEnabled $true -Passthru' \
	'"$($a.CompatibilityForMigrationEnabled) $x|$($b.CompatibilityForMigrationEnabled) $($b.ExposeVirtualizationExtensions)"'
grep -q "<model fallback='forbid'>qemu64</model>" "$xml" || fail "compatibility is not the qemu64 baseline"
run "nested virtualization under software emulation" 0 \
	"WARNING: ExposeVirtualizationExtensions is kept for 'c1', and takes effect only with hardware virtualization (KVM): this host uses software emulation (HVSH_ACCEL=tcg asks for software emulation).
True" \
	'(Set-VMProcessor c1 -ExposeVirtualizationExtensions $true -Passthru).ExposeVirtualizationExtensions'
run "kept settings, Perfmon as Hyper-V's example writes it" 0 "True False True False|1|True" \
	'$p = Get-VMProcessor c1 | Set-VMProcessor -Perfmon pmu,pebs -HwThreadCountPerCore 1 -CompatibilityForOlderOperatingSystemsEnabled $true -Passthru -WarningAction SilentlyContinue' \
	'"$($p.EnablePerfmonPmu) $($p.EnablePerfmonLbr) $($p.EnablePerfmonPebs) $($p.EnablePerfmonIpt)|$($p.HwThreadCountPerCore)|$($p.CompatibilityForOlderOperatingSystemsEnabled)"'
run "a parameter without effect warns" 0 "WARNING: The parameter -ResourcePoolName has no effect on this host yet; it is ignored." \
	'Set-VMProcessor c1 -ResourcePoolName Primordial'

# Running: the firmware of a VM without a disk loops looking for one.
run "Start-VM" 0 "Running" 'Start-VM c1' '(Get-VM c1).State'
pid=$(cat "$root/run/qemu/c1.pid" 2>/dev/null)
allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$pid/status"; }
[ "$(allowed)" = "$first" ] || fail "QEMU may run on processors $(allowed), not $first"
grep -q "^ *<quota>50000</quota>" "$live" || fail "the running VM has no 50 ms quota"
tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-cpu qemu64" || fail "QEMU's processor is not qemu64"

before=$(sum)
run "what a running VM refuses" 0 "2" \
	'Set-VMProcessor c1 -Count 1 -Maximum 20' \
	'Set-VMProcessor c1 -CompatibilityForMigrationEnabled $false' \
	'$Error.Count'
err_has "count while running" "'c1' failed to modify device 'Processor'. The number of virtual processors cannot be changed while the virtual machine is running."
err_has "model while running" "The processor's features cannot be changed while the virtual machine is running."
[ "$(sum)" = "$before" ] || fail "a refused change altered the description"

run "limits, weight and affinity change a running VM" 0 "30|50|$online" \
	"\$p = Set-VMProcessor c1 -Maximum 30 -RelativeWeight 50 -ProcessorAffinity '$online' -Passthru" \
	'"$($p.Maximum)|$($p.RelativeWeight)|$($p.ProcessorAffinity)"'
[ "$(allowed)" = "$online" ] || fail "QEMU may run on processors $(allowed), not $online"
grep -q "^ *<quota>30000</quota>" "$live" || fail "the running VM's quota is not 30 ms"
grep -q "^ *<shares>$(shares 50)</shares>" "$live" || fail "the running VM's shares are not $(shares 50)"
# the cgroup of the first virtual processor's thread
for t in /proc/"$pid"/task/*; do
	[ "$(cat "$t/comm" 2>/dev/null)" = "CPU 0/TCG" ] || continue
	cg=$(sed -n 's/^[0-9]*:[^:]*\bcpu\b[^:]*:\(.*\)/\1/p' "$t/cgroup")
	for f in /sys/fs/cgroup/cpu"$cg"/cpu.cfs_quota_us /sys/fs/cgroup/cpu,cpuacct"$cg"/cpu.cfs_quota_us; do
		[ -f "$f" ] && [ "$(cat "$f")" != 30000 ] && fail "$f is $(cat "$f"), not 30000"
	done
done
run "back to one processor, no limit" 0 "$first|100" \
	"\$p = Set-VMProcessor c1 -ProcessorAffinity '$first' -Maximum 100 -Passthru" \
	'"$($p.ProcessorAffinity)|$($p.Maximum)"'
[ "$(allowed)" = "$first" ] || fail "QEMU may run on processors $(allowed), not $first"
grep -q "<quota>" "$xml" && fail "Maximum 100 left a quota in the description"

run "Remove-VM" 0 "0" 'Stop-VM c1 -TurnOff' 'Remove-VM c1 -Force' '@(Get-VM).Count'
finish
