#!/bin/sh
# A Generation 2 VM's UEFI settings through the embedded engine in a
# temporary root: Get-VMFirmware's view, its boot entries and the devices
# they name (with the UEFI device path OVMF gives a virtio-scsi disk),
# Set-VMFirmware's settings read back in a new process and in the stored
# description (Secure Boot as libvirt's firmware features, the boot order as
# per-device <boot order>, the rest in hvsh's metadata), the boot order QEMU
# gets; devices named by hand-made objects and by boot entries; what is
# refused (a running VM, a device the VM lacks or another VM's, a device
# named twice, an unknown template) with nothing changed.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml=$root/etc/qemu/u1.xml
scsi00='([pscustomobject]@{ControllerType = "SCSI"; ControllerNumber = 0; ControllerLocation = 0})'

run "defaults: Secure Boot on, as on Hyper-V" 0 "
VMName SecureBoot SecureBootTemplate PreferredNetworkBootProtocol BootOrder
------ ---------- ------------------ ---------------------------- ---------
u1     On         MicrosoftWindows   IPv4                         {Drive}" \
	"\$null = New-VM u1 -Generation 2 -MemoryStartupBytes 64MB -NewVHDPath '$tmp/u1.qcow2' -NewVHDSizeBytes 8MB" \
	'Get-VMFirmware u1'
run "the object" 0 "Microsoft.HyperV.PowerShell.VMFirmware|1734c6e8-3154-4dda-ba5f-a874cc483422|Default|Off|True" \
	'$f = Get-VM u1 | Get-VMFirmware' \
	'"$($f.GetType().FullName)|$($f.SecureBootTemplateId)|$($f.ConsoleMode)|$($f.PauseAfterBootFailure)|$($f.VMId -eq (Get-VM u1).Id)"'
run "a boot entry and its device" 0 "Drive|EFI SCSI Device|PciRoot(0x0)/Pci(0x1,0x1)/Pci(0x0,0x0)/Scsi(0x0,0x0)|Microsoft.HyperV.PowerShell.VMBootSource
Microsoft.HyperV.PowerShell.HardDiskDrive|SCSI 0 0|$tmp/u1.qcow2|Hard Drive on SCSI controller number 0 at location 0
HardDiskDrive (Name = 'Hard Drive on SCSI controller number 0 at location 0', VMName = 'u1')" \
	'$e = (Get-VMFirmware u1).BootOrder[0]' \
	'"$($e.BootType)|$($e.Description)|$($e.FirmwarePath)|$($e.GetType().FullName)"' \
	'$d = $e.Device' \
	'"$($d.GetType().FullName)|$($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)|$($d.Path)|$($d.Name)"' \
	'"$d"'

run "Set-VMFirmware, read back in a new process" 0 "" \
	'Set-VMFirmware u1 -EnableSecureBoot On -SecureBootTemplate microsoftueficertificateauthority -PreferredNetworkBootProtocol IPv6 -ConsoleMode COM1 -PauseAfterBootFailure On'
run "read back" 0 "On|MicrosoftUEFICertificateAuthority|272e7447-90a4-4563-a4b9-8e4ab00526ce|IPv6|COM1|On" \
	'$f = Get-VMFirmware u1' \
	'"$($f.SecureBoot)|$($f.SecureBootTemplate)|$($f.SecureBootTemplateId)|$($f.PreferredNetworkBootProtocol)|$($f.ConsoleMode)|$($f.PauseAfterBootFailure)"'
grep -q "<feature enabled='yes' name='secure-boot'/>" "$xml" || fail "secure-boot is not enabled in the description"
grep -q "<feature enabled='yes' name='enrolled-keys'/>" "$xml" || fail "enrolled-keys is not enabled in the description"
grep -q "<hvsh:consoleMode>COM1</hvsh:consoleMode>" "$xml" || fail "the console mode is not in the metadata"
run "-SecureBootTemplateId, Secure Boot off, -Passthru from the pipeline" 0 "Off|OpenSourceShieldedVM" \
	'$f = Get-VMFirmware u1 | Set-VMFirmware -EnableSecureBoot Off -SecureBootTemplateId 4292AE2B-EE2C-42B5-A969-DD8F8689F6F3 -Passthru' \
	'"$($f.SecureBoot)|$($f.SecureBootTemplate)"'
grep -q "<feature enabled='no' name='secure-boot'/>" "$xml" || fail "secure-boot is still enabled in the description"

run "-FirstBootDevice by a hand-made object" 0 "Drive" \
	"Set-VMFirmware u1 -FirstBootDevice $scsi00" 'Get-VMFirmware u1 | ForEach-Object { "$($_.BootOrder)" }'
grep -q "<boot order='1'/>" "$xml" || fail "the disk has no boot order in the description"
grep -q "<boot dev=" "$xml" && fail "<os><boot dev> is left beside a per-device boot order"
run "-BootOrder by boot entries" 0 "1" \
	'$f = Get-VMFirmware u1' 'Set-VMFirmware -VMFirmware $f -BootOrder $f.BootOrder' \
	'(Get-VMFirmware u1).BootOrder.Count'
run "QEMU boots the disk" 0 "Running" 'Start-VM u1' '(Get-VM u1).State'
tr '\0' '\n' <"/proc/$(cat "$root/run/qemu/u1.pid")/cmdline" | grep -q '"id":"scsi0-0-0-0","bootindex":1' ||
	fail "the disk has no bootindex 1 on QEMU's command line"

before=$(cksum <"$xml")
run "a running VM's firmware is not changed" 1 "" 'Set-VMFirmware u1 -EnableSecureBoot On -ErrorAction Stop'
err_has "running" "The operation cannot be performed while the virtual machine 'u1' is in its current state (Running)"
run "nor a paused one's" 1 "" 'Suspend-VM u1' 'Set-VMFirmware u1 -ConsoleMode None -ErrorAction Stop'
err_has "paused" "in its current state (Paused)"
run "Stop-VM" 0 "" 'Stop-VM u1 -TurnOff'
run "refused input" 0 "7" \
	"Set-VMFirmware u1 -BootOrder $scsi00, $scsi00 -ErrorVariable +e -ErrorAction SilentlyContinue" \
	'Set-VMFirmware u1 -FirstBootDevice ([pscustomobject]@{ControllerType = "SCSI"; ControllerNumber = 0; ControllerLocation = 5}) -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMFirmware u1 -FirstBootDevice ([pscustomobject]@{MacAddress = "00155D000001"}) -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMFirmware u1 -FirstBootDevice nothing -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMFirmware u1 -SecureBootTemplate Mine -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMFirmware u1 -SecureBootTemplate MicrosoftWindows -SecureBootTemplateId 272e7447-90a4-4563-a4b9-8e4ab00526ce -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$o = [pscustomobject]@{BootType = "Drive"}; $o | Add-Member Device $o' \
	'Set-VMFirmware u1 -FirstBootDevice $o -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'$e.Count'
run "not an OnOffState" 1 "" 'Set-VMFirmware u1 -EnableSecureBoot Maybe'
err_has "OnOffState" 'Cannot convert value "Maybe" to type "OnOffState"'
run "a device the VM lacks" 1 "" \
	'Set-VMFirmware u1 -FirstBootDevice ([pscustomobject]@{ControllerType = "SCSI"; ControllerNumber = 1; ControllerLocation = 0}) -ErrorAction Stop'
err_has "lacks" "Failed to modify the firmware settings of 'u1'. The virtual machine 'u1' has no drive on SCSI controller 1 at location 0."
err_has "lacks" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware"
run "a device named twice" 1 "" "Set-VMFirmware u1 -BootOrder $scsi00, $scsi00 -ErrorAction Stop"
err_has "twice" "The boot order of 'u1' names a device twice."
run "another VM's device" 1 "" \
	"\$null = New-VM u2 -Generation 2 -MemoryStartupBytes 64MB -NewVHDPath '$tmp/u2.qcow2' -NewVHDSizeBytes 8MB" \
	'Set-VMFirmware u1 -FirstBootDevice (Get-VMFirmware u2).BootOrder[0] -ErrorAction Stop'
err_has "another VM" "given to -FirstBootDevice belongs to the virtual machine 'u2', not to 'u1'."
run "a VM is no device" 1 "" 'Set-VMFirmware u1 -FirstBootDevice (Get-VM u1) -ErrorAction Stop'
err_has "a VM" "Cannot bind parameter 'FirstBootDevice'. Cannot convert the \"VirtualMachine (Name = 'u1')"
run "not a device" 1 "" 'Set-VMFirmware u1 -FirstBootDevice ([pscustomobject]@{ Name = "u1" }) -ErrorAction Stop'
err_has "not a device" "as a boot device in -FirstBootDevice: give a hard disk drive, a DVD drive or a network adapter"
run "-WhatIf" 0 'What if: Performing the operation "Set-VMFirmware" on target "u1".' \
	'Set-VMFirmware u1 -EnableSecureBoot On -WhatIf'
[ "$(cksum <"$xml")" = "$before" ] || fail "refused changes or -WhatIf reached the stored description"

run "two VMs at once, by -VMName" 0 "None None" \
	'Set-VMFirmware -VMName u1, u2 -ConsoleMode None' '"$((Get-VMFirmware u*).ConsoleMode)"'
# The drive and adapter cmdlets' own objects, and entries of every kind.
qemu-img create -q -f qcow2 "$tmp/u1b.qcow2" 8M || fail "qemu-img create failed"
entries='(Get-VMFirmware u1).BootOrder | ForEach-Object { $d = $_.Device; if ($_.BootType -eq "Network") { "Network $($d.MacAddress -eq @(Get-VMNetworkAdapter u1)[-1].MacAddress)" } else { "$($_.BootType) $($d.ControllerType) $($d.ControllerNumber) $($d.ControllerLocation)" } }'
run "-BootOrder from Get-VMNetworkAdapter, Get-VMHardDiskDrive and Get-VMDvdDrive" 0 "Network True
Drive SCSI 0 1
Drive SCSI 0 2
Drive SCSI 0 0" \
	"Add-VMHardDiskDrive u1 -Path '$tmp/u1b.qcow2'" 'Add-VMDvdDrive u1' 'Add-VMNetworkAdapter u1' \
	'$h = Get-VMHardDiskDrive u1' \
	'Set-VMFirmware u1 -BootOrder @(Get-VMNetworkAdapter u1)[-1], $h[1], (Get-VMDvdDrive u1), $h[0]' \
	"$entries"
run "-FirstBootDevice from Get-VMDvdDrive; the NIC's firmware path" 0 "Drive SCSI 0 2|True" \
	'Set-VMFirmware u1 -FirstBootDevice (Get-VMDvdDrive u1)' '$f = Get-VMFirmware u1' \
	'$m = $f.BootOrder[1].Device.MacAddress.ToLower()' \
	'"Drive $($f.BootOrder[0].Device.ControllerType) 0 $($f.BootOrder[0].Device.ControllerLocation)|$($f.BootOrder[1].FirmwarePath -like "PciRoot(0x0)/Pci(*)/Pci(0x0,0x0)/MAC($m,0x1)")"'
run "QEMU's boot order" 0 "" 'Start-VM u1'
mac=$(sed -n "s/.*<mac address='\([0-9a-f:]*\)'.*/\1/p" "$xml" | tail -n 1)
for dev in '"id":"scsi0-0-0-2"':1 "\"mac\":\"$mac\"":2 '"id":"scsi0-0-0-1"':3 '"id":"scsi0-0-0-0"':4; do
	tr '\0' '\n' <"/proc/$(cat "$root/run/qemu/u1.pid")/cmdline" | grep -F "${dev%:*}" |
		grep -q "\"bootindex\":${dev##*:}[,}]" || fail "QEMU's bootindex of ${dev%:*} is not ${dev##*:}"
done
run "entries left out are not booted" 0 "Drive SCSI 0 0
Drive SCSI 0 2" \
	'Stop-VM u1 -TurnOff' '$f = Get-VMFirmware u1' 'Set-VMFirmware u1 -BootOrder $f.BootOrder[3], $f.BootOrder[0]' \
	"$entries"
[ "$(grep -c "<boot order=" "$xml")" = 2 ] || fail "the description keeps boot orders of devices left out"
run "Remove-VM" 0 "0" 'Remove-VM * -Force' '@(Get-VM).Count'

finish
