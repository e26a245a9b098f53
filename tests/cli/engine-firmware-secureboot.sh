#!/bin/sh
# Secure Boot for real, under software emulation: the test guest's UEFI
# disk (scripts/make-test-guest.sh; its loader is not signed) boots in a
# Generation 2 VM with Secure Boot off, and the firmware path of its boot
# entry is the one OVMF names on COM1. Set-VMFirmware -EnableSecureBoot On
# removes the VM's UEFI variable store, libvirt chooses the firmware with
# Microsoft's keys enrolled and makes a new store from its template, and
# the firmware refuses the loader: no READY marker (with the old store the
# enrolled firmware has no keys and would boot it). Off again removes the
# enrolled store. The cached image is copied first; no QEMU process of
# this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

test_guest
cp "$g/guest-efi.raw" "$tmp/disk.raw" || {
	fail "cannot copy guest-efi.raw"
	finish
}

com1=$root/vms/s1/com1.log
nvram=$root/lib/qemu/nvram/s1_VARS.fd
live=$root/run/qemu/s1.xml

# boot WHAT: starts s1 with an empty COM1 log.
boot() {
	: >"$com1"
	run "$1: Start-VM" 0 "Running" 'Start-VM s1' '(Get-VM s1).State'
}

run "New-VM" 0 "Off" \
	"\$null = New-VM s1 -Generation 2 -MemoryStartupBytes 256MB -VHDPath '$tmp/disk.raw'" \
	'(Get-VMFirmware s1).SecureBoot'
boot "Secure Boot off"
wait_for 60 "$com1" "HVSH-TEST-GUEST READY" || fail "Secure Boot off: no READY within 60 s"
path="PciRoot(0x0)/Pci(0x1,0x1)/Pci(0x0,0x0)/Scsi(0x0,0x0)"
run "the boot entry's firmware path" 0 "$path" '(Get-VMFirmware s1).BootOrder[0].FirmwarePath'
grep -qF "from $path" "$com1" || fail "OVMF did not boot from $path"
grep -q "OVMF_CODE_4M.fd<" "$live" || fail "Secure Boot off: not the plain firmware"
run "Stop-VM" 0 "" 'Stop-VM s1 -TurnOff'
[ -f "$nvram" ] || fail "no UEFI variable store after the first start"

run "Secure Boot on" 0 "On" 'Set-VMFirmware s1 -EnableSecureBoot On -Passthru | ForEach-Object SecureBoot'
[ -e "$nvram" ] && fail "Secure Boot on: the old UEFI variable store is still there"
boot "Secure Boot on"
wait_for 60 "$com1" "Access Denied" || fail "Secure Boot on: the firmware did not refuse the loader"
wait_for 30 "$com1" "No bootable option" || fail "Secure Boot on: the firmware did not give up"
grep -qF "HVSH-TEST-GUEST READY" "$com1" && fail "Secure Boot on: the unsigned loader booted"
grep -q "OVMF_CODE_4M.ms.fd<" "$live" || fail "Secure Boot on: not the firmware with Microsoft's keys"
grep -q "template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'" "$live" ||
	fail "Secure Boot on: the variable store is not made from the enrolled template"
run "Stop-VM" 0 "" 'Stop-VM s1 -TurnOff'

run "Secure Boot off again" 0 "Off" 'Set-VMFirmware s1 -EnableSecureBoot Off -Passthru | ForEach-Object SecureBoot'
[ -e "$nvram" ] && fail "Secure Boot off: the enrolled variable store is still there"
grep -q "<feature enabled='no' name='secure-boot'/>" "$root/etc/qemu/s1.xml" ||
	fail "Secure Boot off: the description still asks for it"
run "Remove-VM" 0 "0" 'Remove-VM s1 -Force' '@(Get-VM).Count'

finish
