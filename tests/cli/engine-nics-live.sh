#!/bin/sh
# Network adapters of running virtual machines (no disk: the firmware
# runs, which is enough), through the embedded engine in a temporary root:
# a legacy adapter really is QEMU's tulip and a synthetic one virtio-net
# (the running QEMU's command line, /proc/PID/cmdline), each on a
# user-mode network whose link is down; synthetic adapters are plugged in
# live on Generation 1 and 2 (the running domain's description,
# $root/run/qemu/NAME.xml, and the stored one both have them, and the QEMU
# process stays the same); what Hyper-V refuses while a VM runs or is saved
# (legacy adapters, MAC changes) is refused and changes nothing; a removal
# the firmware does not acknowledge says so. Whatever happens, no QEMU
# process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

# ifaces FILE: one line per <interface> of a libvirt description,
# "TYPE MAC MODEL LINK".
ifaces() {
	awk '
	/<interface / { match($0, /type=.[a-z]+/); t = substr($0, RSTART + 6, RLENGTH - 6)
		mac = "-"; model = "-"; link = "up"; inif = 1; next }
	inif && /<mac address=/ { match($0, /address=.[0-9a-f:]+/); mac = substr($0, RSTART + 9, RLENGTH - 9) }
	inif && /<model type=/ { match($0, /type=.[a-z0-9-]+/); model = substr($0, RSTART + 6, RLENGTH - 6) }
	inif && /<link state=/ { match($0, /state=.[a-z]+/); link = substr($0, RSTART + 7, RLENGTH - 7) }
	/<\/interface>/ { if (inif) print t, mac, model, link; inif = 0 }
	' "$1"
}
stored() { ifaces "$root/etc/qemu/$1.xml"; }
live() { ifaces "$root/run/qemu/$1.xml"; }
lv() { echo "$1" | sed 's/../&:/g; s/:$//' | tr 'A-F' 'a-f'; }
pid_of() { cat "$root/run/qemu/$1.pid" 2>/dev/null; }
cmdline() { tr '\0' '\n' <"/proc/$(pid_of "$1")/cmdline"; }

run "two VMs with a synthetic and a legacy adapter" 0 "" \
	'$null = New-VM l1 -MemoryStartupBytes 64MB -NoVHD' \
	'$null = New-VM l2 -MemoryStartupBytes 64MB -NoVHD -Generation 2' \
	'Get-VMNetworkAdapter l1, l2 | Remove-VMNetworkAdapter' \
	'Add-VMNetworkAdapter l1 -Name Fast -StaticMacAddress 00155D000011' \
	'Add-VMNetworkAdapter l1 -Name Boot -IsLegacy $true -StaticMacAddress 00155D000012' \
	'Add-VMNetworkAdapter l2 -Name First -StaticMacAddress 00155D000021'
run "Start-VM" 0 "Running Running|Ok Ok|Ok" \
	'Start-VM l1, l2' '"$((Get-VM l1, l2).State)|$((Get-VMNetworkAdapter l1).Status)|$((Get-VMNetworkAdapter l2).Status)"'

# The running QEMU: tulip and virtio-net, each on a user-mode netdev.
pid1=$(pid_of l1)
cmdline l1 >"$tmp/cmd1"
grep -q '"driver":"tulip","netdev":"hostnet[0-9]*","id":"net[0-9]*","mac":"00:15:5d:00:00:12"' "$tmp/cmd1" ||
	fail "QEMU has no tulip with the legacy adapter's address: $(grep -- '-device' -A1 "$tmp/cmd1" | grep net)"
grep -q '"driver":"virtio-net-pci","netdev":"hostnet[0-9]*","id":"net[0-9]*","mac":"00:15:5d:00:00:11"' "$tmp/cmd1" ||
	fail "QEMU has no virtio-net with the synthetic adapter's address"
[ "$(grep -c '^{"type":"user","id":"hostnet[0-9]*"}$' "$tmp/cmd1")" = 2 ] ||
	fail "the netdevs are not two user-mode ones: $(grep hostnet "$tmp/cmd1")"
grep '"type":' "$tmp/cmd1" | grep hostnet | grep -vq '"type":"user"' && fail "a netdev other than user-mode"
[ "$(live l1)" = "user 00:15:5d:00:00:11 virtio down
user 00:15:5d:00:00:12 tulip down" ] || fail "the running l1 is not as described: $(live l1)"

# Synthetic adapters plug into a running VM, on both generations.
run "Add-VMNetworkAdapter to running VMs" 0 "Hot|525400|Ok
Hot2|525400|Ok" \
	'Add-VMNetworkAdapter l1 -Name Hot -Passthru | ForEach-Object { "$($_.Name)|$($_.MacAddress.Substring(0, 6))|$($_.Status)" }' \
	'Get-VM l2 | Add-VMNetworkAdapter -Name Hot2 -Passthru | ForEach-Object { "$($_.Name)|$($_.MacAddress.Substring(0, 6))|$($_.Status)" }'
hot=$("$HVSH" -NoProfile -c '(Get-VMNetworkAdapter l1 -Name Hot).MacAddress' 2>/dev/null)
live l1 | grep -q "^user $(lv "$hot") virtio down$" || fail "the running l1 lacks the new adapter: $(live l1)"
stored l1 | grep -q "^user $(lv "$hot") virtio down$" || fail "l1's configuration lacks the new adapter"
[ "$(pid_of l1)" = "$pid1" ] || fail "the hot plug replaced l1's QEMU process"
[ "$(live l2 | grep -c ' virtio down$')" = 2 ] || fail "the running l2 lacks the new adapter: $(live l2)"
[ "$(stored l2 | grep -c ' virtio down$')" = 2 ] || fail "l2's configuration lacks the new adapter"

# Refused while running: nothing changes.
s1=$(md5sum <"$root/etc/qemu/l1.xml")
l1=$(live l1)
run "a legacy adapter is not added to a running VM" 1 "" 'Add-VMNetworkAdapter l1 -IsLegacy $true -ErrorAction Stop'
err_has "legacy add" "'l1' failed to add device 'Emulated Ethernet Port'. A legacy network adapter cannot be added while the virtual machine is running: turn it off first."
run "a legacy adapter is not removed from a running VM" 1 "" 'Remove-VMNetworkAdapter l1 -Name Boot -ErrorAction Stop'
err_has "legacy remove" "'l1' failed to remove device 'Emulated Ethernet Port'. A legacy network adapter cannot be removed while the virtual machine is running"
err_has "legacy remove" "InvalidOperation: (l1:String) [Remove-VMNetworkAdapter], VirtualizationException"
run "a MAC address does not change while running" 1 "" 'Set-VMNetworkAdapter l1 -Name Fast -StaticMacAddress 00155D0000FF -ErrorAction Stop'
err_has "MAC while running" "The MAC address of a network adapter cannot be changed while the virtual machine is running"
[ "$(md5sum <"$root/etc/qemu/l1.xml")" = "$s1" ] || fail "refused changes changed l1's configuration"
[ "$(live l1)" = "$l1" ] || fail "refused changes changed the running l1"

run "Rename-VMNetworkAdapter while running" 0 "Boot Fast Warm" \
	'Rename-VMNetworkAdapter l1 Hot Warm' '"$((Get-VMNetworkAdapter l1).Name | Sort-Object)"'

# The firmware does not answer the unplug request: said, and the
# configuration no longer has the adapter.
run "Remove-VMNetworkAdapter from a running VM" 0 "WARNING: The guest of 'l1' has not released network adapter 'Warm' yet: the configuration no longer has it, and the running virtual machine loses it when the guest's operating system lets it go, or when the virtual machine stops.
Boot Fast" \
	'Remove-VMNetworkAdapter l1 -Name Warm 3>&1' '"$((Get-VMNetworkAdapter l1).Name | Sort-Object)"'
stored l1 | grep -q "$(lv "$hot")" && fail "l1's configuration still has the removed adapter"

# A saved VM's devices stay as they are.
run "Save-VM" 0 "Saved" 'Save-VM l2' '(Get-VM l2).State'
s2=$(md5sum <"$root/etc/qemu/l2.xml")
run "no adapter is added to a saved VM" 1 "" 'Add-VMNetworkAdapter l2 -ErrorAction Stop'
err_has "saved" "A synthetic network adapter cannot be added while the virtual machine is saved"
[ "$(md5sum <"$root/etc/qemu/l2.xml")" = "$s2" ] || fail "a refused adapter changed the saved l2"

run "Remove-VM" 0 "0" 'Stop-VM l1, l2 -TurnOff' 'Remove-VM * -Force' '@(Get-VM).Count'

finish
