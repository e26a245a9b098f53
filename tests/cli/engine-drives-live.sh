#!/bin/sh
# Drives of a running virtual machine, through the embedded engine in a
# temporary root, checked in the live description libvirt keeps for the
# running QEMU process (run/qemu/NAME.xml) and in the stored one: a disk
# hot-added to and removed from SCSI; on IDE both refused, as Hyper-V
# refuses them, with nothing changed; a DVD's and a floppy's media changed
# and ejected live; a SCSI disk's image swapped live; the IOPS limit
# changed live; controllers and moves refused while it runs, any change
# refused while it is saved; on a running Generation 2 VM, a DVD drive
# hot-added to SCSI, its media changed in the same session and ejected in
# the next. VMs without a bootable disk: their firmware runs, which is all
# these need. No QEMU process outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/engine-drives.inc"

img=$tmp/img
mkdir -p "$img"
qemu-img create -q -f qcow2 "$img/a.qcow2" 16M &&
	truncate -s 1M "$img/r.raw" "$img/s.raw" "$img/t.raw" &&
	truncate -s 64k "$img/cd.iso" &&
	truncate -s 1474560 "$img/f.vfd" "$img/g.vfd" || fail "cannot make the test images"
cd "$img" || exit 1
live=$root/run/qemu/l1.xml
stored=$root/etc/qemu/l1.xml

disks() { grep -c "<disk " "$1"; }

run "a running VM with IDE, SCSI, a floppy disk" 0 "Running" \
	'$null = New-VM l1 -MemoryStartupBytes 64MB -NoVHD' 'Add-VMScsiController l1' \
	'Add-VMHardDiskDrive l1 -Path a.qcow2' 'Set-VMFloppyDiskDrive l1 f.vfd' \
	'Start-VM l1' '(Get-VM l1).State'
[ -f "$live" ] || fail "no live description at $live"

run "hot-add on SCSI" 0 "SCSI 0 0" \
	'$d = Add-VMHardDiskDrive l1 -ControllerType SCSI -Path r.raw -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"'
disk_has "$live" "$img/r.raw" "<target dev='sda' bus='scsi'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
disk_has "$stored" "$img/r.raw" "<target dev='sda' bus='scsi'/>"

n_live=$(disks "$live")
cp "$stored" "$tmp/snap.xml"
run "IDE refuses while running, and nothing changes" 0 "Failed to add a hard disk drive to 'l1'. 'l1' is running: a drive on an IDE controller can be added only while the virtual machine is off.
Failed to add a DVD drive to 'l1'. 'l1' is running: a drive on an IDE controller can be added only while the virtual machine is off.
Failed to remove the hard disk drive from 'l1'. 'l1' is running: a drive on an IDE controller can be removed only while the virtual machine is off.
Failed to modify the hard disk drive of 'l1'. 'l1' is running: the virtual hard disk of a drive on an IDE controller changes only while the virtual machine is off." \
	'Add-VMHardDiskDrive l1 IDE 0 1 s.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Add-VMDvdDrive l1 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Remove-VMHardDiskDrive l1 IDE 0 0 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMHardDiskDrive l1 IDE 0 0 -Path s.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e | ForEach-Object { "$_" }'
cmp -s "$stored" "$tmp/snap.xml" || fail "a refused change reached the stored description"
[ "$(disks "$live")" = "$n_live" ] || fail "a refused change reached the running VM"
grep -q "$img/s.raw" "$live" && fail "the refused disk is in the running VM"
run "controllers and moves wait for the VM to be off" 0 "Failed to add a SCSI controller to 'l1'. 'l1' is running: SCSI controllers can be added only while the virtual machine is off.
Failed to remove SCSI controller 0 from 'l1'. 'l1' is running: SCSI controllers can be removed only while the virtual machine is off.
Failed to modify the hard disk drive of 'l1'. 'l1' is running: a drive can move only while the virtual machine is off." \
	'Add-VMScsiController l1 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Remove-VMScsiController l1 0 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMHardDiskDrive l1 SCSI 0 0 -ToControllerLocation 3 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e | ForEach-Object { "$_" }'
cmp -s "$stored" "$tmp/snap.xml" || fail "a refused controller change reached the stored description"

run "a SCSI disk's image swapped live, its IOPS limit changed live" 0 "$img/t.raw 250" \
	'$d = Set-VMHardDiskDrive l1 SCSI 0 0 -Path t.raw -MaximumIOPS 250 -Passthru; "$($d.Path) $($d.MaximumIOPS)"'
disk_has "$live" "$img/t.raw" "<target dev='sda' bus='scsi'/>" "<total_iops_sec>250</total_iops_sec>"
grep -q "$img/r.raw" "$live" && fail "the old image is still in the running VM"
disk_has "$stored" "$img/t.raw" "<total_iops_sec>250</total_iops_sec>"

run "hot-remove from SCSI" 0 "1" \
	'Get-VMHardDiskDrive l1 -ControllerType SCSI | Remove-VMHardDiskDrive' '@(Get-VMHardDiskDrive l1).Count'
grep -q "bus='scsi'" "$live" && fail "the SCSI disk is still in the running VM"
grep -q "$img/t.raw" "$stored" && fail "the SCSI disk is still in the stored description"

run "DVD media changed live" 0 "ISO" '(Set-VMDvdDrive l1 -Path cd.iso -Passthru).DvdMediaType'
disk_has "$live" "$img/cd.iso" "device='cdrom'" "<target dev='hdc' bus='ide'/>"
run "DVD media ejected live" 0 "None" '(Set-VMDvdDrive l1 1 0 -Path $null -Passthru).DvdMediaType'
disk_has "$live" "device='cdrom'" "<target dev='hdc' bus='ide'/>"
grep -q "cd.iso" "$live" && fail "the ejected disc is still in the running VM"
grep -q "cd.iso" "$stored" && fail "the ejected disc is still in the stored description"
run "a floppy disk changed live" 0 "$img/g.vfd" \
	'(Set-VMFloppyDiskDrive l1 g.vfd -Passthru).Path'
disk_has "$live" "device='floppy'" "$img/g.vfd" "<target dev='fda' bus='fdc'/>"
run "a floppy disk ejected live" 0 "" '(Set-VMFloppyDiskDrive l1 $null -Passthru).Path'
disk_has "$live" "device='floppy'" "<target dev='fda' bus='fdc'/>"
grep -q "$img/g.vfd" "$live" && fail "the ejected floppy disk is still in the running VM"

run "a saved VM's drives stay as they are" 1 "Saved" \
	'Save-VM l1' '(Get-VM l1).State' 'Add-VMHardDiskDrive l1 -ControllerType SCSI -Path s.raw -ErrorAction Stop'
err_has "saved" "'l1' is saved: drives can be added only while the virtual machine is off."
run "off again: IDE changes go through" 0 "Off IDE 0 1" \
	'Start-VM l1' 'Stop-VM l1 -TurnOff' \
	'$d = Add-VMHardDiskDrive l1 IDE 0 1 s.raw -Passthru' '"$((Get-VM l1).State) $($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"'

live2=$root/run/qemu/l2.xml
run "Generation 2: a DVD drive hot-added to SCSI, its media changed at once" 0 "SCSI 0 0 $img/cd.iso
$img/r.raw" \
	'$null = New-VM l2 -Generation 2 -MemoryStartupBytes 128MB -NoVHD' 'Start-VM l2' \
	'$d = Add-VMDvdDrive l2 -Path cd.iso -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation) $($d.Path)"' \
	'(Set-VMDvdDrive l2 -Path r.raw -Passthru).Path'
disk_has "$live2" "$img/r.raw" "device='cdrom'" "<target dev='sda' bus='scsi'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
run "Generation 2: the media ejected" 0 "None" '(Set-VMDvdDrive l2 -Path $null -Passthru).DvdMediaType'
disk_has "$live2" "device='cdrom'" "<target dev='sda' bus='scsi'/>"
grep -q "$img/r.raw" "$live2" && fail "the ejected media is still in the running VM"
run "Remove-VM" 0 "0" 'Stop-VM l2 -TurnOff' 'Remove-VM l1, l2 -Force' '@(Get-VM).Count'

finish
