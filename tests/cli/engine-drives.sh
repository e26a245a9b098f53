#!/bin/sh
# Drives and controllers of a Generation 1 virtual machine that is off,
# through the embedded engine in a temporary root: Hyper-V's defaults (two
# IDE controllers, an empty DVD drive at IDE 1:0, a floppy drive), hard
# disks added at the first free place with their format read from their
# first bytes, checked in libvirt's stored description; the objects and
# their default views; moves, IOPS, cache and sharing; removal through the
# pipeline; and bad input (a missing file, a taken place, numbers out of
# range, VHDX, a drive that is not there), each refused with a clear error
# and the description left exactly as it was.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"
. "$ROOT/tests/cli/engine-drives.inc"

img=$tmp/img
mkdir -p "$img"
qemu-img create -q -f qcow2 "$img/a.qcow2" 16M &&
	qemu-img create -q -f vpc "$img/dyn.vhd" 16M &&
	qemu-img create -q -f vpc -o subformat=fixed "$img/fixed.img" 16M &&
	qemu-img create -q -f vhdx "$img/x.vhdx" 16M &&
	truncate -s 1M "$img/r.raw" || fail "cannot make the test images"
xml=$root/etc/qemu/g1.xml

# unchanged DESC: the stored description is as it was at the last `snap`.
snap() { cp "$xml" "$tmp/snap.xml"; }
unchanged() { cmp -s "$xml" "$tmp/snap.xml" || fail "$1: the stored description changed"; }

run "Generation 1 defaults, as Hyper-V shows them" 0 "
VMName ControllerNumber Drives
------ ---------------- ------
g1     0                {}
g1     1                {DVD Drive on IDE controller number 1 at location 0}


VMName ControllerType ControllerNumber ControllerLocation DvdMediaType Path
------ -------------- ---------------- ------------------ ------------ ----
g1     IDE            1                0                  None


VMName Path
------ ----
g1

0" \
	'$null = New-VM g1 -MemoryStartupBytes 64MB -NoVHD' \
	'Get-VMIdeController g1' 'Get-VMDvdDrive g1' 'Get-VMFloppyDiskDrive g1' \
	'@(Get-VMScsiController g1).Count'

cd "$img" || exit 1
run "Add-VMHardDiskDrive takes the first free IDE places" 0 "IDE 0 0 Hard Drive on IDE controller number 0 at location 0
IDE 0 1 Hard Drive on IDE controller number 0 at location 1
IDE 1 1 Hard Drive on IDE controller number 1 at location 1" \
	'foreach ($f in "a.qcow2", "dyn.vhd", "fixed.img") { $d = Add-VMHardDiskDrive g1 -Path $f -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation) $d" }'
disk_has "$xml" "$img/a.qcow2" "type='qcow2'" "<target dev='hda' bus='ide'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
disk_has "$xml" "$img/dyn.vhd" "type='vpc'" "<target dev='hdb' bus='ide'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='1'/>"
disk_has "$xml" "$img/fixed.img" "type='vpc'" "<target dev='hdd' bus='ide'/>" \
	"<address type='drive' controller='0' bus='1' target='0' unit='1'/>"

run "the default view" 0 "
VMName ControllerType ControllerNumber ControllerLocation DiskNumber Path
------ -------------- ---------------- ------------------ ---------- ----
g1     IDE            0                0                             $img/a.qcow2
g1     IDE            0                1                             $img/dyn.vhd
g1     IDE            1                1                             $img/fixed.img" \
	'Get-VM g1 | Get-VMHardDiskDrive'
run "a HardDiskDrive's properties" 0 "Microsoft.HyperV.PowerShell.HardDiskDrive|g1|True||0|0|False|Primordial|00000000-0000-0000-0000-000000000000" \
	'$d = Get-VMHardDiskDrive g1 -ControllerNumber 0 -ControllerLocation 0' \
	'"$($d.PSObject.TypeNames[0])|$($d.VMName)|$($d.VMId -eq (Get-VM g1).Id)|$($d.DiskNumber)|$($d.MaximumIOPS)|$($d.MinimumIOPS)|$($d.SupportPersistentReservations)|$($d.PoolName)|$($d.VMSnapshotId)"'

snap
run "IDE full and no SCSI controller" 1 "" "Add-VMHardDiskDrive g1 -Path r.raw -ErrorAction Stop"
err_has "IDE full" "Failed to add a hard disk drive to 'g1'. 'g1' has no free IDE location and no SCSI controller (Add-VMScsiController adds one)."
unchanged "IDE full"
run "a missing file" 1 "" "Add-VMHardDiskDrive g1 -ControllerType SCSI -Path nothere.vhd -ErrorAction Stop"
err_has "missing file" "The file '$img/nothere.vhd' does not exist."
err_has "missing file" "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive"
unchanged "missing file"
run "a taken place" 1 "" "Add-VMHardDiskDrive g1 IDE 1 0 r.raw -ErrorAction Stop"
err_has "taken place" "Location 0 of IDE controller 1 is already in use by a DVD drive."
unchanged "taken place"
run "numbers out of range" 0 "Failed to add a hard disk drive to 'g1'. The controller number 2 is out of range: IDE controllers are numbered 0 and 1, with locations 0 and 1.
Failed to add a hard disk drive to 'g1'. The controller location 2 is out of range: IDE controllers are numbered 0 and 1, with locations 0 and 1.
Failed to add a hard disk drive to 'g1'. The controller number 4 is out of range: SCSI controllers are numbered 0 to 3, with locations 0 to 63." \
	'Add-VMHardDiskDrive g1 IDE 2 0 r.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Add-VMHardDiskDrive g1 IDE 0 2 r.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Add-VMHardDiskDrive g1 SCSI 4 0 r.raw -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e | ForEach-Object { "$_" }'
unchanged "out of range"
run "VHDX" 1 "" "Add-VMHardDiskDrive g1 -ControllerType SCSI -Path x.vhdx -ErrorAction Stop"
err_has "VHDX" "is a VHDX disk, which this host's engine cannot attach: use a VHD (.vhd) or qcow2 (.qcow2) disk"
run "-WhatIf" 0 'What if: Performing the operation "Add-VMScsiController" on target "g1".
What if: Performing the operation "Add-VMHardDiskDrive" on target "g1".' \
	'Add-VMScsiController g1 -WhatIf' 'Add-VMHardDiskDrive g1 -Path r.raw -WhatIf'
unchanged "-WhatIf"

run "a SCSI controller, then a disk goes to SCSI when IDE is full" 0 "0 SCSI Controller
SCSI 0 0" \
	'$c = Add-VMScsiController g1 -Passthru; "$($c.ControllerNumber) $($c.Name)"' \
	'$d = Add-VMHardDiskDrive g1 -Path r.raw -Passthru; "$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)"'
disk_has "$xml" "$img/r.raw" "type='raw'" "<target dev='sda' bus='scsi'/>" \
	"<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
grep -q "<controller type='scsi' index='0' model='virtio-scsi'>" "$xml" || fail "no virtio-scsi controller 0"

cp "$img/r.raw" "$img/s.raw"
run "IOPS, cache and sharing through a piped controller" 0 "SCSI 0 5 400 True" \
	'$d = Get-VMScsiController g1 | Add-VMHardDiskDrive -ControllerLocation 5 -Path s.raw -MaximumIOPS 400 -OverrideCacheAttributes WriteCacheDisabled -SupportPersistentReservations -Passthru' \
	'"$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation) $($d.MaximumIOPS) $($d.SupportPersistentReservations)"'
disk_has "$xml" "$img/s.raw" "cache='writethrough'" "<total_iops_sec>400</total_iops_sec>" "<shareable/>" \
	"<target dev='sdb' bus='scsi'/>" "<address type='drive' controller='0' bus='0' target='0' unit='5'/>"
run "a controller lists its drives" 0 "{Hard Drive on SCSI controller number 0 at location 0, Hard Drive on SCSI controller number 0 at location 5}" \
	'$c = Get-VMScsiController g1 0; "{$($c.Drives -join ", ")}"'

run "Set-VMHardDiskDrive moves a disk, changes its IOPS limit" 0 "SCSI 0 2 0" \
	'$d = Get-VMHardDiskDrive g1 -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 | Set-VMHardDiskDrive -ToControllerType SCSI -ToControllerNumber 0 -ToControllerLocation 2 -Passthru' \
	'$d = Set-VMHardDiskDrive g1 SCSI 0 5 -MaximumIOPS 0 -OverrideCacheAttributes Default -Passthru' \
	'"$($d.ControllerType) $($d.ControllerNumber) $((Get-VMHardDiskDrive g1 -ControllerType SCSI -ControllerLocation 2).ControllerLocation) $($d.MaximumIOPS)"'
disk_has "$xml" "$img/dyn.vhd" "bus='scsi'" "<address type='drive' controller='0' bus='0' target='0' unit='2'/>"
grep -q "total_iops_sec\|cache=" "$xml" && fail "-MaximumIOPS 0 / -OverrideCacheAttributes Default left a setting"
snap
run "a move to a taken place" 1 "" 'Set-VMHardDiskDrive g1 SCSI 0 2 -ToControllerLocation 5 -ErrorAction Stop'
err_has "move taken" "Location 5 of SCSI controller 0 is already in use by a hard disk drive."
unchanged "move taken"
run "removing what is not there" 1 "" 'Remove-VMHardDiskDrive g1 IDE 0 1 -ErrorAction Stop'
err_has "remove missing" "Failed to remove the hard disk drive from 'g1'. 'g1' has no hard disk drive at location 1 of IDE controller 0."
unchanged "remove missing"

run "Get-VM | Get-VMHardDiskDrive | Remove-VMHardDiskDrive" 0 "$img/r.raw $img/dyn.vhd $img/s.raw
IDE 0 0" \
	'$r = Get-VM g1 | Get-VMHardDiskDrive -ControllerType SCSI | Remove-VMHardDiskDrive -Passthru; "$($r.Path)"' \
	'Get-VMHardDiskDrive g1 | Select-Object -First 1 | ForEach-Object { "$($_.ControllerType) $($_.ControllerNumber) $($_.ControllerLocation)" }'
grep -q "bus='scsi'" "$xml" && fail "a SCSI disk is left"
[ -f "$img/r.raw" ] && [ -f "$img/dyn.vhd" ] || fail "a removed disk's file went"

run "a parameter without effect warns" 0 "WARNING: The parameter -MinimumIOPS has no effect on this host yet; it is ignored.
0" \
	'Set-VMHardDiskDrive g1 IDE 0 0 -MinimumIOPS 10 3>&1' '(Get-VMHardDiskDrive g1 -ControllerNumber 0 -ControllerLocation 0).MinimumIOPS'
run "-DiskNumber names a host disk the Windows way" 1 "" 'Add-VMHardDiskDrive -VMName g1 -DiskNumber 2 -ErrorAction Stop'
err_has "DiskNumber" "give a pass-through disk by its block device, for example -Path /dev/sdb"

finish
