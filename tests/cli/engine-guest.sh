#!/bin/sh
# A real guest's life through the embedded engine, under software
# emulation: the test guest (scripts/make-test-guest.sh) boots from its
# disk in a Generation 1 VM (SeaBIOS, IDE) and a Generation 2 VM (OVMF,
# Secure Boot turned off, virtio-scsi), announces itself on COM1, whose file the
# VM object names (ComPort1.Path); Suspend-VM and Resume-VM pause and resume
# it; a graceful Stop-VM presses the ACPI power button, the guest says so
# on COM1 and powers itself off, and the VM is Off. The cached images are
# copied first: a VM never writes the cache. Whatever happens, no QEMU
# process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

test_guest

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
# VERBOSE=1 (run-tests.sh's) also prints the boot times measured.
note() { [ "${VERBOSE:-0}" = 1 ] && echo "    $*"; }

# guest NAME GEN MEM IMAGE: boots IMAGE (a copy) in a new VM, waits for its
# READY marker, stops it gracefully and removes it. With a third step,
# pause: Suspend-VM / Resume-VM while it runs.
guest() {
	name=$1 gen=$2 mem=$3 image=$4 pause=${5:-}
	cp "$g/$image" "$tmp/$image" || {
		fail "$name: cannot copy $image"
		return
	}
	run "$name: New-VM" 0 "$name Off $gen" \
		"\$v = New-VM $name -Generation $gen -MemoryStartupBytes $mem -VHDPath '$tmp/$image'" \
		"$(no_secure_boot "$name")" \
		'"$($v.Name) $($v.State) $($v.Generation)"'
	run "$name: COM1 file in the VM's directory" 0 "$root/vms/$name/com1.log" \
		"(Get-VM $name).ComPort1.Path"
	com1=$root/vms/$name/com1.log
	t0=$(now)
	run "$name: Start-VM" 0 "Running" "Start-VM $name; (Get-VM $name).State"
	if [ "$rc" != 0 ]; then
		run "$name: Remove-VM" 0 "" "Remove-VM $name -Force"
		return
	fi
	if ! wait_for 60 "$com1" "HVSH-TEST-GUEST READY"; then
		fail "$name: no READY on COM1 within 60 s"
		tail -n 15 "$com1" 2>/dev/null | sed 's/^/    console: /'
		run "$name: Stop-VM -TurnOff" 0 "" "Stop-VM $name -TurnOff; Remove-VM $name -Force"
		return
	fi
	t1=$(now)
	note "$name: READY after $(secs "$t0" "$t1") s"
	if [ -n "$pause" ]; then
		pid=$(cat "$root/run/qemu/$name.pid" 2>/dev/null)
		run "$name: Suspend-VM" 0 "Paused 0 True" \
			"\$v = Get-VM $name | Suspend-VM -Passthru" \
			'"$($v.State) $($v.CPUUsage) $($v.MemoryAssigned -gt 0)"'
		kill -0 "$pid" 2>/dev/null || fail "$name: Suspend-VM ended QEMU"
		run "$name: Suspend-VM of a paused VM" 0 "Paused" \
			"Suspend-VM $name; (Get-VM $name).State"
		err_has "$name: Suspend-VM paused" "'$name' failed to change state."
		run "$name: Resume-VM" 0 "Running Running" \
			"\$a = (Resume-VM $name -Passthru).State; \"\$a \$((Get-VM $name).State)\""
		run "$name: Resume-VM of a running VM" 0 "Running" \
			"Resume-VM $name; (Get-VM $name).State"
		err_has "$name: Resume-VM running" "'$name' failed to change state."
		# A paused guest cannot see the power button: Stop-VM resumes it.
		run "$name: Suspend-VM before Stop-VM" 0 "Paused" \
			"Suspend-VM $name; (Get-VM $name).State"
	fi
	run "$name: graceful Stop-VM" 0 "Off 0" \
		"Stop-VM $name; \$v = Get-VM $name; \"\$(\$v.State) \$(\$v.MemoryAssigned)\""
	t2=$(now)
	grep -qF "HVSH-TEST-GUEST POWEROFF" "$com1" ||
		fail "$name: the guest did not see the power button"
	note "$name: Off $(secs "$t1" "$t2") s after READY"
	run "$name: Remove-VM" 0 "0" "Remove-VM $name -Force; @(Get-VM).Count"
	cmp -s "$g/$image" "$tmp/$image" || note "$name: the guest wrote its disk"
}

guest g1 1 128MB guest.qcow2 pause
guest g2 2 256MB guest-efi.raw
finish
