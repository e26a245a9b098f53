#!/bin/sh
# A guest boots from a disk attached with Add-VMHardDiskDrive, through the
# embedded engine under software emulation: the test guest
# (scripts/make-test-guest.sh) on a Generation 1 VM created without a disk
# (SeaBIOS boots it from IDE 0:0) and on a Generation 2 VM (Secure Boot
# turned off, OVMF boots it from SCSI 0:0), announcing itself on COM1. The
# cached image is copied first: a VM never writes the cache. No QEMU
# process outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

test_guest

# boot NAME GEN MEM IMAGE BUS: a new VM without a disk gets a copy of
# IMAGE with Add-VMHardDiskDrive (at BUS 0:0), starts and announces itself.
boot() {
	cp "$g/$4" "$tmp/$1-$4" || {
		fail "$1: cannot copy the test guest"
		return
	}
	run "$1: a VM without a disk gets one, and starts" 0 "$5 0 0
Running" \
		"\$null = New-VM $1 -Generation $2 -MemoryStartupBytes $3 -NoVHD" \
		"\$d = Add-VMHardDiskDrive $1 -Path '$tmp/$1-$4' -Passthru" "$(no_secure_boot "$1")" \
		'"$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"' \
		"Start-VM $1" "(Get-VM $1).State"
	com1=$root/vms/$1/com1.log
	if [ "$rc" = 0 ] && ! wait_for 60 "$com1" "HVSH-TEST-GUEST READY"; then
		fail "$1: the guest did not boot from the added disk within 60 s"
		tail -n 15 "$com1" 2>/dev/null | sed 's/^/    console: /'
	fi
	run "$1: Stop-VM -TurnOff, Remove-VM" 0 "0" "Stop-VM $1 -TurnOff" "Remove-VM $1 -Force" \
		'@(Get-VM).Count'
	[ -f "$tmp/$1-$4" ] || fail "$1: Remove-VM took the disk's file"
}

boot b1 1 128MB guest.qcow2 IDE
boot b2 2 256MB guest-efi.raw SCSI
finish
fi

run "a VM without a disk gets one, and starts" 0 "IDE 0 0
Running" \
	'$null = New-VM b1 -MemoryStartupBytes 128MB -NoVHD' \
	"\$d = Add-VMHardDiskDrive b1 -Path '$tmp/boot.qcow2' -Passthru" \
	'"$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"' \
	'Start-VM b1' '(Get-VM b1).State'
com1=$root/vms/b1/com1.log
if [ "$rc" = 0 ] && ! wait_for 60 "$com1" "HVSH-TEST-GUEST READY"; then
	fail "the guest did not boot from the added disk within 60 s"
	tail -n 15 "$com1" 2>/dev/null | sed 's/^/    console: /'
fi
run "Stop-VM -TurnOff, Remove-VM" 0 "0" 'Stop-VM b1 -TurnOff' 'Remove-VM b1 -Force' '@(Get-VM).Count'
[ -f "$tmp/boot.qcow2" ] || fail "Remove-VM took the disk's file"

finish
