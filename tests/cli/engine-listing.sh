#!/bin/sh
# Get-VM over many virtual machines through the embedded engine in a
# temporary root. The VMs that are off are read from hvsh's metadata, on
# several threads, while libvirt reconnects to the running one: every
# VM's settings come back as they were set, in the listing and looked up
# alone, and the running VM is listed with its memory. A domain hvsh did
# not make (defined through virsh, without hvsh's metadata) is listed
# from its description. A paused VM is listed before libvirt has
# reconnected to it, unless its QEMU ended meanwhile. A VM object's device properties (ComPort1 ...
# NetworkAdapters) give what the device cmdlets give, and cannot be set.
# Whatever happens, no QEMU process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

# more VMs than one thread reads (64 each), each with settings of its own
run "150 VMs, each set apart" 0 "150 0" \
	'1..150 | ForEach-Object {' \
	'  $v = New-VM ("L{0:d3}" -f $_) -MemoryStartupBytes 64MB -NoVHD' \
	'  Set-VM -VM $v -ProcessorCount (1 + $_ % 2) -MemoryStartupBytes ((64 + 2 * $_) * 1MB) -Notes "n$_" -AutomaticStartDelay $_' \
	'}' \
	'"$((Get-VM).Count) $($Error.Count)"'

if command -v virsh >/dev/null 2>&1; then
	cat >"$tmp/foreign.xml" <<'EOF'
<domain type='qemu'>
  <name>foreign</name>
  <memory unit='MiB'>48</memory>
  <vcpu current='1'>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
</domain>
EOF
	virsh -q -c "$HVSH_ENGINE" define "$tmp/foreign.xml" >"$tmp/virsh.out" 2>&1 ||
		fail "virsh cannot define a domain: $(cat "$tmp/virsh.out")"
else
	fail "virsh is missing: make deps installs it (libvirt-clients)"
fi

run "a running VM among them" 0 "Running" \
	'$null = New-VM G2 -Generation 2 -MemoryStartupBytes 64MB -NoVHD' \
	'Start-VM L001' '(Get-VM L001).State'

# what each L VM was given, against what the listing and a lookup say
want='$want = { param($n) "$(1 + $n % 2)|$((64 + 2 * $n) * 1MB)|n$n|$n|1|10.0|'"$root"'/vms/L{0:d3}" -f $n }'
seen='$seen = { param($v) "$($v.ProcessorCount)|$($v.MemoryStartup)|$($v.Notes)|$($v.AutomaticStartDelay)|$($v.Generation)|$($v.Version)|$($v.Path)" }'
run "every listed VM as it was set" 0 "152 150 0" \
	"$want" "$seen" \
	'$all = Get-VM' \
	'$l = @($all | Where-Object Name -like "L*")' \
	'$bad = @($l | Where-Object { (& $seen $_) -ne (& $want ([int]$_.Name.Substring(1))) })' \
	'"$($all.Count) $($l.Count) $($bad.Count)"' \
	'$bad | Select-Object -First 3 | ForEach-Object { "$($_.Name): $(& $seen $_)" }'
run "looked up alone, the same" 0 "0" \
	"$seen" \
	'$bad = @(Get-VM L00*, L14*, L150 | Where-Object { (& $seen $_) -ne (& $seen (Get-VM -Id $_.Id)) })' \
	'$bad.Count'
run "the running VM, listed" 0 "L001 Running True True" \
	'$v = Get-VM | Where-Object Name -eq L001' \
	'"$($v.Name) $($v.State) $($v.MemoryAssigned -gt 0) $($v.Uptime.TotalMilliseconds -gt 0)"'
run "the others are off" 0 "151" \
	'@(Get-VM | Where-Object State -eq Off).Count'
run "a domain hvsh did not make, its processors those it starts with" 0 "foreign|Off|1|1|50331648||10.0
2 2" \
	'$v = Get-VM foreign' \
	'"$($v.Name)|$($v.State)|$($v.Generation)|$($v.ProcessorCount)|$($v.MemoryStartup)|$($v.Notes)|$($v.Version)"' \
	'Set-VM foreign -ProcessorCount 2' \
	'"$((Get-VM foreign).ProcessorCount) $((Get-VM | Where-Object Name -eq foreign).ProcessorCount)"'
run "Generation 2 from its metadata" 0 "G2 2" \
	'Get-VM | Where-Object Generation -eq 2 | ForEach-Object { "$($_.Name) $($_.Generation)" }'

run "device properties, as the device cmdlets give them" 0 "1 1:0 0 Network Adapter Diskette Drive
$root/vms/L002/com1.log|COM 2
True True" \
	'$v = Get-VM L002' \
	'"$($v.DVDDrives.Count) $($v.DVDDrives[0].ControllerNumber):$($v.DVDDrives[0].ControllerLocation) $($v.HardDrives.Count) $($v.NetworkAdapters[0].Name) $($v.FloppyDrive.Name)"' \
	'"$($v.ComPort1.Path)|$($v.ComPort2.Name)"' \
	'"$($v.NetworkAdapters[0].Id -eq (Get-VMNetworkAdapter L002).Id) $($v.ComPort1.GetType().Name -eq (Get-VMComPort L002 -Number 1).GetType().Name)"'
run "a Generation 2 VM has no floppy drive and no DVD" 0 "True 0 0" \
	'$v = Get-VM G2' '"$($null -eq $v.FloppyDrive) $($v.DVDDrives.Count) $($Error.Count)"'
run "device properties are read-only" 1 "" \
	'$v = Get-VM L002' '$v.HardDrives = 1'
err_has "read-only" "'HardDrives' is a ReadOnly property."
run "a VM removed since: the property says so" 0 "True" \
	'$v = Get-VM L150' 'Remove-VM L150 -Force' \
	'$null = $v.HardDrives 2>$null' '$Error.Count -gt 0'

# Each hvsh opens the engine anew, and libvirt reconnects to the QEMU
# processes. A paused VM is listed without waiting for that: its guest
# cannot have changed its state meanwhile. One whose QEMU ended meanwhile
# is not listed as paused.
run "Suspend-VM" 0 "" 'Start-VM L003' 'Suspend-VM L001, L003'
run "a paused VM, listed by the next hvsh" 0 "Paused 0 True True" \
	'$v = Get-VM | Where-Object Name -eq L001' \
	'"$($v.State) $($v.CPUUsage) $($v.MemoryAssigned -gt 0) $($v.Uptime.TotalMilliseconds -gt 0)"'
pid=$(cat "$root/run/qemu/L003.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then
	n=50
	while kill -0 "$pid" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	run "a paused VM whose QEMU ended meanwhile" 0 "Off Paused" \
		'$all = Get-VM' \
		'"$(($all | Where-Object Name -eq L003).State) $(($all | Where-Object Name -eq L001).State)"'
else
	fail "no QEMU process for the paused L003 (pid file: '$pid')"
fi
run "Resume-VM" 0 "Running" 'Resume-VM L001' '(Get-VM L001).State'
run "Stop-VM" 0 "Off" 'Stop-VM L001 -TurnOff' '(Get-VM L001).State'
finish
