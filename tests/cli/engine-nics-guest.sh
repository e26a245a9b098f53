#!/bin/sh
# A synthetic network adapter plugged into, and unplugged from, a running
# guest (scripts/make-test-guest.sh) through the embedded engine, under
# software emulation, on Generation 1 (ACPI hot plug) and Generation 2 (PCI
# Express hot plug, Secure Boot turned off): the guest's kernel takes the new device and lets it go
# when asked, so Remove-VMNetworkAdapter completes without a warning and
# the running domain's description ($root/run/qemu/NAME.xml) no longer has
# it. The cached images are copied first. Whatever happens, no QEMU process
# of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

test_guest

live_count() { grep -c '<interface ' "$root/run/qemu/$1.xml" 2>/dev/null; }

# hotplug NAME GEN IMAGE: boots IMAGE (a copy) in a new VM without
# adapters, plugs one in and out again, and removes the VM.
hotplug() {
	name=$1 gen=$2 image=$3
	cp "$g/$image" "$tmp/$image" || {
		fail "$name: cannot copy $image"
		return
	}
	run "$name: New-VM, Start-VM" 0 "Running" \
		"\$null = New-VM $name -Generation $gen -MemoryStartupBytes 256MB -VHDPath '$tmp/$image'" \
		"$(no_secure_boot "$name")" \
		"Get-VMNetworkAdapter $name | Remove-VMNetworkAdapter" \
		"Start-VM $name" "(Get-VM $name).State"
	[ "$rc" = 0 ] || return
	if ! wait_for 60 "$root/vms/$name/com1.log" "HVSH-TEST-GUEST READY"; then
		fail "$name: no READY on COM1 within 60 s"
		return
	fi
	run "$name: plugged in" 0 "Ok|1" \
		"\$a = Add-VMNetworkAdapter $name -Name Hot -Passthru" \
		"\"\$(\$a.Status)|\$(@(Get-VMNetworkAdapter $name).Count)\""
	[ "$(live_count "$name")" = 1 ] || fail "$name: the running VM lacks the adapter"
	# the guest's kernel binds the device before it can release it
	sleep 1
	run "$name: unplugged, the guest lets go" 0 "0" \
		"Remove-VMNetworkAdapter $name -Name Hot" "@(Get-VMNetworkAdapter $name).Count"
	grep -q WARNING "$tmp/err" && fail "$name: the removal warned: $(grep WARNING "$tmp/err")"
	[ "$(live_count "$name")" = 0 ] || fail "$name: the running VM still has the adapter"
	run "$name: Remove-VM" 0 "" "Stop-VM $name -TurnOff" "Remove-VM $name -Force"
}

hotplug h1 1 guest.qcow2
hotplug h2 2 guest-efi.raw

finish
