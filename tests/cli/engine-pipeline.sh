#!/bin/sh
# VM objects flow from one VM cmdlet into the next as on Hyper-V: a
# wildcard selection stopped, reconfigured and started again in one
# pipeline, each step passing on the VMs as they are after it; objects
# from an earlier Get-VM, and Get-VM's own output, find their VMs by Id;
# an object of another type binds as PowerShell binds it.
# On real QEMU processes (VMs without disks: their firmware runs).
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

run "three running VMs" 0 "db:Running web1:Running web2:Running" \
	'"web1", "web2", "db" | ForEach-Object { $null = New-VM $_ -MemoryStartupBytes 64MB -NoVHD }' \
	'Start-VM web1, web2, db' \
	'"$((Get-VM | ForEach-Object { "$($_.Name):$($_.State)" }) -join " ")"'
run "Stop -Passthru | Set -Passthru | Start -Passthru" 0 "web1:Off:2 web2:Off:2
web1:Running:2 web2:Running:2
db:1 web1:2 web2:2" \
	'$set = @()' \
	'$started = Get-VM web* | Stop-VM -TurnOff -Passthru | Set-VM -ProcessorCount 2 -Passthru | Tee-Object -Variable set | Start-VM -Passthru' \
	'"$(($set | ForEach-Object { "$($_.Name):$($_.State):$($_.ProcessorCount)" }) -join " ")"' \
	'"$(($started | ForEach-Object { "$($_.Name):$($_.State):$($_.ProcessorCount)" }) -join " ")"' \
	'"$((Get-VM | ForEach-Object { "$($_.Name):$($_.ProcessorCount)" }) -join " ")"'
run "Get-VM | Get-VM, by Id" 0 "db web1 web2" '"$((Get-VM | Get-VM).Name)"'
run "an object from before a rename still finds its VM" 0 "Off api" \
	'$old = Get-VM db' 'Stop-VM db -TurnOff' 'Rename-VM db api' \
	'$now = $old | Get-VM' '"$($now.State) $($now.Name)"'
run "Remove-VM from the pipeline" 0 "0" 'Get-VM | Stop-VM -TurnOff -Passthru | Remove-VM -Force' '@(Get-VM).Count'

# An object binds to a parameter of another object type neither piped nor
# given: a network adapter is no DVD drive. Piped where a string is taken
# (Remove-VMNetworkAdapter's -VMName), it is its text, as in PowerShell.
run "a network adapter piped into Remove-VMDvdDrive" 0 "1 1" \
	'$null = New-VM dev -MemoryStartupBytes 64MB -NoVHD' \
	'Get-VMNetworkAdapter dev | Remove-VMDvdDrive' \
	'"$($Error.Count) $(@(Get-VMDvdDrive dev).Count)"'
err_has "piped" "Remove-VMDvdDrive : The input object cannot be bound to any parameters for the command"
run "a network adapter given as -VMDvdDrive" 0 "1 1" \
	'Remove-VMDvdDrive -VMDvdDrive (Get-VMNetworkAdapter dev)' \
	'"$($Error.Count) $(@(Get-VMDvdDrive dev).Count)"'
err_has "given" "Cannot bind parameter 'VMDvdDrive'. Cannot convert the \"VMNetworkAdapter (Name = 'Network Adapter', VMName = 'dev')"
err_has "given: the types" "value of type \"Microsoft.HyperV.PowerShell.VMNetworkAdapter\" to type \"DvdDrive\"."
run "a DVD drive piped into Remove-VMNetworkAdapter is its text" 0 "1 1" \
	'Get-VMDvdDrive dev | Remove-VMNetworkAdapter' \
	'"$($Error.Count) $(@(Get-VMNetworkAdapter dev).Count)"'
err_has "its text" "unable to find a virtual machine with name \"DVD Drive on IDE controller number 1 at location 0\""
run "the VM's host given as -VM" 0 "Off" \
	'Start-VM -VM (Get-VMHost)' '(Get-VM dev).State'
err_has "the host" "Start-VM : Cannot bind parameter 'VM'. Cannot convert the"
run "Remove-VM" 0 "0" 'Remove-VM dev -Force' '@(Get-VM).Count'

finish
