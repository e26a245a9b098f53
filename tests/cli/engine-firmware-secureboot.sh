#!/bin/sh
# Secure Boot for real, under software emulation. A new Generation 2 VM
# has it on, as on Hyper-V: libvirt chooses the firmware with Microsoft's
# keys enrolled and makes the VM's UEFI variable store from its template,
# and the firmware refuses the test guest's UEFI disk
# (scripts/make-test-guest.sh; its loader is not signed): no READY
# marker. Set-VMFirmware -EnableSecureBoot Off removes that store (the
# plain firmware's own would otherwise start with the enrolled keys), and
# the guest boots, from the firmware path OVMF names on COM1. On again
# removes the plain store and asks for Secure Boot in the description.
# The cached image is copied first; no QEMU process of this root outlives
# the test.
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

run "New-VM: Secure Boot on" 0 "On" \
	"\$null = New-VM s1 -Generation 2 -MemoryStartupBytes 256MB -VHDPath '$tmp/disk.raw'" \
	'(Get-VMFirmware s1).SecureBoot'
boot "Secure Boot on"
wait_for 60 "$com1" "Access Denied" || fail "Secure Boot on: the firmware did not refuse the loader"
wait_for 30 "$com1" "No bootable option" || fail "Secure Boot on: the firmware did not give up"
grep -qF "HVSH-TEST-GUEST READY" "$com1" && fail "Secure Boot on: the unsigned loader booted"
grep -q "OVMF_CODE_4M.ms.fd<" "$live" || fail "Secure Boot on: not the firmware with Microsoft's keys"
grep -q "template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'" "$live" ||
	fail "Secure Boot on: the variable store is not made from the enrolled template"
run "Stop-VM" 0 "" 'Stop-VM s1 -TurnOff'
[ -f "$nvram" ] || fail "no UEFI variable store after the first start"

run "Secure Boot off" 0 "Off" 'Set-VMFirmware s1 -EnableSecureBoot Off -Passthru | ForEach-Object SecureBoot'
[ -e "$nvram" ] && fail "Secure Boot off: the enrolled variable store is still there"
grep -q "<feature enabled='no' name='secure-boot'/>" "$root/etc/qemu/s1.xml" ||
	fail "Secure Boot off: the description still asks for it"
boot "Secure Boot off"
wait_for 60 "$com1" "HVSH-TEST-GUEST READY" || fail "Secure Boot off: no READY within 60 s"
path="PciRoot(0x0)/Pci(0x1,0x1)/Pci(0x0,0x0)/Scsi(0x0,0x0)"
run "the boot entry's firmware path" 0 "$path" '(Get-VMFirmware s1).BootOrder[0].FirmwarePath'
grep -qF "from $path" "$com1" || fail "OVMF did not boot from $path"
grep -q "OVMF_CODE_4M.fd<" "$live" || fail "Secure Boot off: not the plain firmware"
run "Stop-VM" 0 "" 'Stop-VM s1 -TurnOff'

run "Secure Boot on again" 0 "On" 'Set-VMFirmware s1 -EnableSecureBoot On -Passthru | ForEach-Object SecureBoot'
[ -e "$nvram" ] && fail "Secure Boot on again: the plain variable store is still there"
grep -q "<feature enabled='yes' name='secure-boot'/>" "$root/etc/qemu/s1.xml" ||
	fail "Secure Boot on again: the description does not ask for it"
run "Remove-VM" 0 "0" 'Remove-VM s1 -Force' '@(Get-VM).Count'

finish
