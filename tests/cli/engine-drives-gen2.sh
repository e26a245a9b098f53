#!/bin/sh
# SCSI controllers, DVD and floppy drives through the embedded engine in a
# temporary root: a Generation 2 virtual machine's defaults (SCSI
# controller 0, no IDE, no floppy drive) and Hyper-V's refusals; DVD
# drives and disks on SCSI; at most four controllers; removing a
# controller takes its drives and renumbers those after it; a Generation
# 1 VM's DVD drives stay on IDE; New-VFD and the floppy drive; drives
# piped from one cmdlet to the next. Checked in libvirt's stored
# description.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/engine-drives.inc"

img=$tmp/img
mkdir -p "$img"
qemu-img create -q -f qcow2 "$img/a.qcow2" 16M &&
	truncate -s 1M "$img/r.raw" "$img/s.raw" &&
	truncate -s 64k "$img/cd.iso" "$img/cd2.iso" || fail "cannot make the test images"
cd "$img" || exit 1
xml2=$root/etc/qemu/g2.xml
xml1=$root/etc/qemu/g1.xml

run "Generation 2 defaults" 0 "
VMName ControllerNumber Drives
------ ---------------- ------
g2     0                {}

0 0" \
	'$null = New-VM g2 -Generation 2 -MemoryStartupBytes 128MB -NoVHD' \
	'Get-VMScsiController g2' \
	'"$(@(Get-VMDvdDrive g2).Count) $(@(Get-VMHardDiskDrive g2).Count)"'
cp "$xml2" "$tmp/snap.xml"
run "no IDE and no floppy on Generation 2" 0 "'g2' is a Generation 2 virtual machine, which has no IDE controller.
'g2' is a Generation 2 virtual machine, which has no floppy disk drive.
'g2' is a Generation 2 virtual machine, which has no floppy disk drive.
Failed to add a hard disk drive to 'g2'. 'g2' is a Generation 2 virtual machine, which has no IDE controller: use a SCSI controller." \
	'Get-VMIdeController g2 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Get-VMFloppyDiskDrive g2 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMFloppyDiskDrive g2 cd.iso -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Add-VMHardDiskDrive g2 IDE 0 0 r.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e | ForEach-Object { "$_" }'
cmp -s "$xml2" "$tmp/snap.xml" || fail "a refusal changed the description"

run "a DVD drive and a disk on SCSI" 0 "SCSI 0 0 ISO DVD Drive on SCSI controller number 0 at location 0
SCSI 0 1 Hard Drive on SCSI controller number 0 at location 1" \
	'$d = Add-VMDvdDrive g2 -Path cd.iso -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation) $($d.DvdMediaType) $($d.Name)"' \
	'$d = Add-VMHardDiskDrive g2 -Path a.qcow2 -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation) $($d.Name)"'
disk_has "$xml2" "$img/cd.iso" "device='cdrom'" "<target dev='sda' bus='scsi'/>" "<readonly/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
disk_has "$xml2" "$img/a.qcow2" "device='disk'" "<target dev='sdb' bus='scsi'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='1'/>"

run "at most four SCSI controllers" 0 "1 2 3
Failed to add a SCSI controller to 'g2'. 'g2' already has 4 SCSI controllers, the most a virtual machine can have." \
	'$n = @(1..4 | ForEach-Object { Add-VMScsiController g2 -Passthru -ErrorVariable +e -ErrorAction SilentlyContinue }).ControllerNumber; "$n"' \
	'$e | ForEach-Object { "$_" }'
run "disks on controllers 1 and 3" 0 "SCSI 1 0
SCSI 3 63" \
	'Add-VMHardDiskDrive g2 SCSI 1 0 r.raw -Passthru | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber) $($_.ControllerLocation)" }' \
	'Add-VMHardDiskDrive g2 SCSI 3 63 s.raw -Passthru | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber) $($_.ControllerLocation)" }'
disk_has "$xml2" "$img/s.raw" "<address type='drive' controller='3' bus='0' target='0' unit='63'/>"

run "removing a controller takes its drives; later ones move down" 0 "0 1 2
SCSI 2 63" \
	'Remove-VMScsiController g2 1' '"$((Get-VMScsiController g2).ControllerNumber)"' \
	'Get-VMHardDiskDrive g2 -ControllerNumber 2 | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber) $($_.ControllerLocation)" }'
grep -q "$img/r.raw" "$xml2" && fail "the removed controller's disk is still there"
disk_has "$xml2" "$img/s.raw" "<address type='drive' controller='2' bus='0' target='0' unit='63'/>"
grep -q "<controller type='scsi' index='3'" "$xml2" && fail "controller 3 was not renumbered"
[ -f "$img/r.raw" ] || fail "the removed drive's file went"
run "Remove-VMScsiController from the pipeline, -Passthru" 0 "g2 2 {Hard Drive on SCSI controller number 2 at location 63}
0 1" \
	'Get-VMScsiController g2 -ControllerNumber 2 | Remove-VMScsiController -Passthru | ForEach-Object { "$($_.VMName) $($_.ControllerNumber) {$($_.Drives -join ", ")}" }' \
	'"$((Get-VMScsiController g2).ControllerNumber)"'
run "a controller that is not there" 1 "" 'Remove-VMScsiController g2 2 -ErrorAction Stop'
err_has "no controller" "Failed to remove SCSI controller 2 from 'g2'. 'g2' has no SCSI controller number 2."

run "DVD media through objects" 0 "None ISO $img/cd2.iso" \
	'$a = (Get-VMDvdDrive g2 | Set-VMDvdDrive -Path $null -Passthru).DvdMediaType' \
	'$b = Set-VMDvdDrive g2 -Path cd2.iso -Passthru' '"$a $($b.DvdMediaType) $($b.Path)"'
disk_has "$xml2" "$img/cd2.iso" "device='cdrom'" "<target dev='sda' bus='scsi'/>"
run "Get-VMDvdDrive | Remove-VMDvdDrive" 0 "SCSI 0 0
0" \
	'Get-VMDvdDrive g2 | Remove-VMDvdDrive -Passthru | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber) $($_.ControllerLocation)" }' \
	'@(Get-VMDvdDrive g2).Count'
grep -q "device='cdrom'" "$xml2" && fail "the DVD drive is still there"

run "a Generation 1 VM's DVD drives are on IDE" 1 "" \
	'$null = New-VM g1 -MemoryStartupBytes 64MB -NoVHD' 'Add-VMScsiController g1' \
	'Get-VMScsiController g1 | Add-VMDvdDrive -Path cd.iso -ErrorAction Stop'
err_has "Gen 1 SCSI DVD" "'g1' is a Generation 1 virtual machine, whose DVD drives are on its IDE controllers."
run "Remove-VMDvdDrive and Add-VMDvdDrive -ControllerNumber" 0 "0 IDE 1 0" \
	'Remove-VMDvdDrive g1 1 0' '$n = @(Get-VMDvdDrive g1).Count' \
	'$d = Get-VM g1 | Add-VMDvdDrive -ControllerNumber 1 -Passthru; "$n $($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"'

run "New-VFD" 0 "f.vfd 1474560" 'New-VFD f.vfd | ForEach-Object { "$($_.Name) $($_.Length)" }'
cmp -s "$img/f.vfd" /dev/zero 2>/dev/null || [ "$(od -An -v -tx1 "$img/f.vfd" | tr -d ' 0\n')" = "" ] ||
	fail "the new floppy image is not all zeros"
echo keep >"$img/busy.vfd"
run "New-VFD over an existing file, -WhatIf" 1 'What if: Performing the operation "New-VFD" on target "'"$img"'/w.vfd".' \
	'New-VFD w.vfd -WhatIf' 'New-VFD busy.vfd -ErrorAction Stop'
err_has "New-VFD exists" "Failed to create the virtual floppy disk '$img/busy.vfd'. The file '$img/busy.vfd' already exists."
[ "$(cat "$img/busy.vfd")" = keep ] || fail "New-VFD changed an existing file"
[ -e "$img/w.vfd" ] && fail "New-VFD -WhatIf made a file"
ls -a "$img" | grep -q '^\.f\.vfd\.' && fail "New-VFD left a temporary file"

run "the floppy drive takes a disk and gives it back" 0 "$img/f.vfd

$img/n.vfd" \
	'(Set-VMFloppyDiskDrive g1 f.vfd -Passthru).Path' \
	'Get-VMFloppyDiskDrive g1 | Set-VMFloppyDiskDrive -Path $null' '"$((Get-VMFloppyDiskDrive g1).Path)"' \
	'New-VFD n.vfd | Set-VMFloppyDiskDrive -VMName g1 -Passthru | ForEach-Object Path'
disk_has "$xml1" "device='floppy'" "<source file='$img/n.vfd'/>" "<target dev='fda' bus='fdc'/>"
run "Remove-VM" 0 "0" 'Remove-VM * -Force' '@(Get-VM).Count'

finish
