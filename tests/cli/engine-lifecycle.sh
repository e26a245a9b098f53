#!/bin/sh
# A virtual machine's life on real QEMU (software emulation), through the
# embedded engine in a temporary root: New-VM, Get-VM, Start-VM (a real
# QEMU process, memory assigned, uptime growing), Stop-VM -TurnOff,
# Remove-VM; duplicate and awkward names; a failed New-VM leaves nothing;
# a second hvsh on a held root is refused at once, naming the holder.
# Whatever happens, no QEMU process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"


qemu_pid() {
	cat "$root/run/qemu/$1.pid" 2>/dev/null
}

# libvirt is loaded on first use only, and a missing engine says where.
run "no libvirt before the first VM cmdlet" 0 "0 True" \
	'$before = @((Get-Content "/proc/$PID/maps") -match "libvirt").Count' \
	'$null = Get-VMHost' \
	'"$before $(@((Get-Content "/proc/$PID/maps") -match "libvirt").Count -gt 0)"'
HVSH_ENGINE_LIB=$tmp/missing.so "$HVSH" -NoProfile -c 'Get-VM' </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
check "missing engine" 1 ""
err_has "missing engine" "Cannot load the hypervisor engine '$tmp/missing.so': $tmp/missing.so: cannot open shared object file"

run "Get-VMHost" 0 "$HVSH_ENGINE|set by the HVSH_ENGINE environment variable|Emulated|$root/vms|True" \
	'$h = Get-VMHost' \
	'"$($h.Engine)|$($h.EngineReason)|$($h.VirtualizationMode)|$($h.VirtualMachinePath)|$($h.LogicalProcessorCount -gt 0)"'

run "New-VM" 0 "t1 Off 1 134217728 10.0" \
	'$v = New-VM t1 -MemoryStartupBytes 128MB -NoVHD; "$($v.Name) $($v.State) $($v.Generation) $($v.MemoryStartup) $($v.Version)"'
run "Get-VM after New-VM" 0 "t1 Off 0 Microsoft.HyperV.PowerShell.VirtualMachine" \
	'Get-VM | ForEach-Object { "$($_.Name) $($_.State) $($_.MemoryAssigned) $($_.PSObject.TypeNames[0])" }'
run "default view" 0 "Name State CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version
---- ----- ----------- ----------------- ------   ------             -------
t1   Off   0           0                 00:00:00 Operating normally 10.0" \
	'Get-VM t* | Out-String -Stream | Where-Object { $_ }'

run "Start-VM" 0 "Running True True" \
	'Start-VM t1; $a = Get-VM t1; Start-Sleep -Milliseconds 300; $b = Get-VM -Name T1
	 "$($a.State) $($a.MemoryAssigned -gt 0) $($b.Uptime -gt $a.Uptime)"'
pid=$(qemu_pid t1)
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
	fail "Start-VM: no QEMU process for t1"
elif ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'accel=tcg\|-accel tcg'; then
	fail "Start-VM: QEMU does not run under software emulation"
fi
[ -f "$root/vms/t1/com1.log" ] || fail "Start-VM: no COM1 file in the VM's directory"
run "Get-VM by Id, piped" 0 "Running MemoryAssigned 128" \
	'$vm = Get-VM t1; $same = Get-VM -Id $vm.Id; "$($same.State) MemoryAssigned $($same.MemoryAssigned / 1MB)"'
run "Remove-VM refuses a running VM" 0 "Running" \
	'Remove-VM t1 -Force; (Get-VM t1).State'
err_has "Remove-VM running" "Stop it first with Stop-VM"

# A second hvsh while this one holds the root: refused at once.
"$HVSH" -NoProfile -NonInteractive -c 'Get-VM | Out-Null; Start-Sleep 30' </dev/null >/dev/null 2>&1 &
holder=$!
extra_pids=$holder
i=0
while [ $i -lt 200 ] && flock -n "$root/hvsh.lock" true 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
timeout 20 "$HVSH" -NoProfile -NonInteractive -c 'Get-VM' </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
check "second hvsh on a held root" 1 ""
err_has "second hvsh" "is in use by another hvsh (process $holder)"
err_has "second hvsh" "start the libvirt daemon"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
extra_pids=

run "Stop-VM -Save, then Start-VM restores" 0 "Saved Running" \
	'Stop-VM t1 -Save; $a = (Get-VM t1).State; Start-VM t1; "$a $((Get-VM t1).State)"'
# SeaBIOS without an OS ignores the ACPI power button: the wait is bounded.
run "graceful Stop-VM gives up" 0 "Running" \
	'$env:HVSH_STOP_TIMEOUT = 1; Stop-VM t1; (Get-VM t1).State'
err_has "graceful Stop-VM" "'t1' failed to shut down. The guest did not answer the ACPI power button within the time allowed (1 s)."
err_has "graceful Stop-VM" "Use Stop-VM -TurnOff"

run "Stop-VM -TurnOff" 0 "Off 0" \
	'Get-VM t1 | Stop-VM -TurnOff -Passthru | ForEach-Object { "$($_.State) $($_.MemoryAssigned)" }'
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && fail "Stop-VM -TurnOff: QEMU process $pid still runs"

run "duplicate name" 0 "1" \
	'New-VM t1 -MemoryStartupBytes 128MB -NoVHD; @(Get-VM).Count'
err_has "duplicate name" "Failed to create virtual machine 't1'."
err_has "duplicate name" "already exists"

run "names Hyper-V accepts" 0 "a b
it's
semi;colon
t1
tag<&>\"q\"
ünïcødé" \
	'foreach ($n in "a b", "it$([char]39)s", "ünïcødé", "semi;colon", "tag<&>`"q`"") { $null = New-VM $n -MemoryStartupBytes 32MB -NoVHD }
	 (Get-VM).Name'
run "a name with a slash" 1 "" \
	'New-VM "a/b" -MemoryStartupBytes 32MB -NoVHD -ErrorAction Stop'
err_has "slash" "The name is not valid"
[ -e "$root/vms/a" ] && fail "a name with a slash left a directory"
run "an empty name" 1 "" 'New-VM "" -NoVHD -ErrorAction Stop'

# A New-VM whose disk cannot be made leaves neither VM nor directory.
: >"$tmp/file"
run "New-VM whose disk fails" 0 "6" \
	"New-VM d1 -MemoryStartupBytes 32MB -NewVHDPath '$tmp/file/d1.qcow2' -NewVHDSizeBytes 10MB" \
	'@(Get-VM).Count'
[ -e "$root/vms/d1" ] && fail "a failed New-VM left its directory"
qemu-img create -q -f qcow2 "$tmp/gone.qcow2" 16M
run "Start-VM names libvirt's reason" 1 "" \
	"\$null = New-VM gone -MemoryStartupBytes 32MB -VHDPath '$tmp/gone.qcow2'" \
	"Remove-Item '$tmp/gone.qcow2'" 'Start-VM gone -ErrorAction Stop'
err_has "reason" "Start-VM : 'gone' failed to start. Cannot access storage file '$tmp/gone.qcow2'"
run "Remove-VM" 0 "" 'Remove-VM gone -Force'
run "a VHDX disk is refused before anything is made" 1 "" \
	"New-VM d3 -MemoryStartupBytes 32MB -NewVHDPath '$tmp/d3.vhdx' -NewVHDSizeBytes 10MB -ErrorAction Stop"
err_has "VHDX" "is a VHDX disk, which this host's engine cannot attach"
[ -e "$root/vms/d3" ] || [ -e "$tmp/d3.vhdx" ] && fail "a refused VHDX left something behind"
run "New-VM -SwitchName: this host has no switches" 0 "6" \
	'New-VM d4 -MemoryStartupBytes 32MB -NoVHD -SwitchName External' '@(Get-VM).Count'
err_has "switch" "Could not find Ethernet switch 'External'."
run "New-VM with a new disk" 0 "d2 True" \
	"\$v = New-VM d2 -MemoryStartupBytes 32MB -NewVHDPath '$tmp/d2.qcow2' -NewVHDSizeBytes 10MB; \"\$(\$v.Name) \$(Test-Path '$tmp/d2.qcow2')\""
head -c 4 "$tmp/d2.qcow2" | grep -q QFI || fail "New-VM's new disk is not qcow2"

run "Generation 2 starts with UEFI" 0 "2 Running" \
	'New-VM g2 -Generation 2 -MemoryStartupBytes 128MB -NoVHD | Start-VM' \
	'$v = Get-VM g2; "$($v.Generation) $($v.State)"'
pid=$(qemu_pid g2)
if [ -z "$pid" ] || ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'OVMF.*q35\|q35.*OVMF'; then
	fail "Generation 2: QEMU does not run q35 with OVMF"
fi
ls "$root"/lib/qemu/nvram/g2_VARS.fd >/dev/null 2>&1 || fail "Generation 2: no NVRAM file"
run "Stop-VM -TurnOff g2" 0 "" 'Stop-VM g2 -TurnOff'

run "Remove-VM -Force" 0 "0" \
	'Get-VM | Remove-VM -Force; @(Get-VM).Count'
[ -f "$tmp/d2.qcow2" ] || fail "Remove-VM removed the disk (Hyper-V keeps it)"
[ -e "$root/vms/t1" ] && fail "Remove-VM left the VM's directory"
[ -e "$root/lib/qemu/nvram/g2_VARS.fd" ] && fail "Remove-VM left the NVRAM file of a Generation 2 VM"
run "Get-VM of a removed VM" 1 "" 'Get-VM t1 -ErrorAction Stop'
err_has "removed VM" 'Hyper-V was unable to find a virtual machine with name "t1".'

finish
