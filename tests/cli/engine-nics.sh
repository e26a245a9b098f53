#!/bin/sh
# Network adapters of virtual machines that are off, through the embedded
# engine in a temporary root: Add-, Get-, Set-, Rename- and
# Remove-VMNetworkAdapter read back through the cmdlets and through the
# stored libvirt description ($root/etc/qemu/NAME.xml): synthetic adapters
# are virtio-net, legacy ones tulip, every adapter a user-mode interface
# with its link down (connected to nothing); names, MAC addresses and the
# settings kept for later live in hvsh's metadata. Bad input (a legacy
# adapter on Generation 2, bad or taken MAC addresses, a switch, names that
# match nothing) is refused with a clear error and leaves the description
# as it was.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml() { echo "$root/etc/qemu/$1.xml"; }

# ifaces NAME: one line per adapter of NAME's stored description,
# "TYPE MAC MODEL LINK".
ifaces() {
	awk '
	/<interface / { match($0, /type=.[a-z]+/); t = substr($0, RSTART + 6, RLENGTH - 6)
		mac = "-"; model = "-"; link = "up"; inif = 1; next }
	inif && /<mac address=/ { match($0, /address=.[0-9a-f:]+/); mac = substr($0, RSTART + 9, RLENGTH - 9) }
	inif && /<model type=/ { match($0, /type=.[a-z0-9-]+/); model = substr($0, RSTART + 6, RLENGTH - 6) }
	inif && /<link state=/ { match($0, /state=.[a-z]+/); link = substr($0, RSTART + 7, RLENGTH - 7) }
	/<\/interface>/ { if (inif) print t, mac, model, link; inif = 0 }
	' "$(xml "$1")"
}

# libvirt's form of a MAC address Hyper-V shows: 00155D000001 -> 00:15:5d:00:00:01
lv() { echo "$1" | sed 's/../&:/g; s/:$//' | tr 'A-F' 'a-f'; }

sum() { md5sum <"$(xml "$1")"; }

run "two VMs" 0 "" \
	'$null = New-VM n1 -MemoryStartupBytes 64MB -NoVHD' \
	'$null = New-VM n2 -MemoryStartupBytes 64MB -NoVHD -Generation 2'

# New-VM gives each VM the adapter Hyper-V gives ("Network Adapter", not
# connected, dynamic address) when it has one; the checks below start from
# none either way.
"$HVSH" -NoProfile -c '@(Get-VMNetworkAdapter n1, n2).Count' >"$tmp/count" 2>/dev/null
if [ "$(cat "$tmp/count")" != 0 ]; then
	run "New-VM's adapter is Network Adapter, synthetic, not connected, dynamic" 0 \
		"n1|Network Adapter|False||True
n2|Network Adapter|False||True" \
		'Get-VMNetworkAdapter n1, n2 | ForEach-Object { "$($_.VMName)|$($_.Name)|$($_.IsLegacy)|$($_.SwitchName)|$($_.DynamicMacAddressEnabled)" }'
	for v in n1 n2; do
		ifaces $v | grep -q '^user 52:54:00:[0-9a-f:]* virtio down$' ||
			fail "$v: New-VM's adapter is not a virtio user interface with its link down: $(ifaces $v)"
	done
fi
run "start from no adapters" 0 "0" \
	'Get-VMNetworkAdapter n1, n2 | Remove-VMNetworkAdapter' '@(Get-VMNetworkAdapter n1, n2).Count'

run "Add-VMNetworkAdapter: synthetic, not connected, a generated address" 0 \
	"Network Adapter|False|False|n1|||False|True|True|{}|Microsoft:True" \
	'$a = Add-VMNetworkAdapter n1 -Passthru' \
	'"$($a.Name)|$($a.IsLegacy)|$($a.IsManagementOs)|$($a.VMName)|$($a.SwitchName)|$($a.Status)|$($a.Connected)|$($a.DynamicMacAddressEnabled)|$($a.MacAddress -cmatch "^525400[0-9A-F]{6}$")|{$($a.IPAddresses)}|Microsoft:$($a.Id -eq ("Microsoft:" + "$($a.VMId)".ToUpper() + "\" + $a.AdapterId))"'
run "an adapter's string form" 0 "True" \
	"\"\$(Get-VMNetworkAdapter n1)\" -eq \"VMNetworkAdapter (Name = 'Network Adapter', VMName = 'n1') [VMId = '\$((Get-VM n1).Id)']\""
mac=$("$HVSH" -NoProfile -c '(Get-VMNetworkAdapter n1).MacAddress' 2>/dev/null)
[ "$(ifaces n1)" = "user $(lv "$mac") virtio down" ] ||
	fail "the stored adapter is not a virtio user interface with its link down: $(ifaces n1)"

run "the default view" 0 "
Name       IsManagementOs VMName SwitchName MacAddress   Status IPAddresses
----       -------------- ------ ---------- ----------   ------ -----------
Front & co False          n1                00155D000001        {}" \
	"Add-VMNetworkAdapter n1 -Name 'Front & co' -StaticMacAddress 00-15-5d-00-00-01" \
	"Get-VMNetworkAdapter -VMName n1 -Name 'Front*'"
grep -q "<hvsh:name>Front &amp; co</hvsh:name>" "$(xml n1)" || fail "the name is not in hvsh's metadata"

run "static addresses in Hyper-V's forms" 0 "00155D000002|False
00155D0000AB|False" \
	"Add-VMNetworkAdapter n1 -Name S2 -StaticMacAddress '00:15:5D:00:00:02' -Passthru | ForEach-Object { \"\$(\$_.MacAddress)|\$(\$_.DynamicMacAddressEnabled)\" }" \
	"Add-VMNetworkAdapter -VMName n1 -VMNetworkAdapterName S3 -StaticMacAddress '00155d0000ab' -Passthru | ForEach-Object { \"\$(\$_.MacAddress)|\$(\$_.DynamicMacAddressEnabled)\" }"
ifaces n1 | grep -q "^user 00:15:5d:00:00:02 virtio down$" || fail "00:15:5d:00:00:02 is not stored"
ifaces n1 | grep -q "^user 00:15:5d:00:00:ab virtio down$" || fail "00:15:5d:00:00:ab is not stored"

run "a legacy adapter on Generation 1 is a tulip" 0 "Legacy Network Adapter|True" \
	'Get-VM n1 | Add-VMNetworkAdapter -IsLegacy $true -Passthru | ForEach-Object { "$($_.Name)|$($_.IsLegacy)" }'
[ "$(ifaces n1 | grep -c ' tulip down$')" = 1 ] || fail "no tulip interface stored: $(ifaces n1)"
run "-IsLegacy filters" 0 "Legacy Network Adapter
5" \
	'(Get-VMNetworkAdapter n1 -IsLegacy $true).Name' '@(Get-VMNetworkAdapter n1 -IsLegacy $false).Count + 1'

# Refusals leave the description as it was.
before=$(sum n2)
run "Generation 2 has no legacy adapters" 1 "" 'Add-VMNetworkAdapter n2 -IsLegacy $true -ErrorAction Stop'
err_has "gen 2 legacy" "'n2' failed to add device 'Emulated Ethernet Port'. Generation 2 virtual machines do not support legacy network adapters."
err_has "gen 2 legacy" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMNetworkAdapter"
[ "$(sum n2)" = "$before" ] || fail "a refused legacy adapter changed n2"
run "an unknown switch" 1 "" 'Add-VMNetworkAdapter n2 -SwitchName Outside -ErrorAction Stop'
err_has "switch" "Could not find Ethernet switch 'Outside'."
err_has "switch" "ObjectNotFound: (Outside:String) [Add-VMNetworkAdapter], VirtualizationException"
run "bad MAC addresses" 0 "3" \
	"Add-VMNetworkAdapter n2 -StaticMacAddress '00-15-5D:00-00-01' -ErrorVariable +e -ErrorAction SilentlyContinue" \
	"Add-VMNetworkAdapter n2 -StaticMacAddress '01-00-5E-00-00-01' -ErrorVariable +e -ErrorAction SilentlyContinue" \
	"Set-VMNetworkAdapter n1 -StaticMacAddress 'GG155D000001' -ErrorVariable +e -ErrorAction SilentlyContinue" \
	'$e.Count'
run "a bad MAC address's message" 1 "" "Add-VMNetworkAdapter n2 -StaticMacAddress '01005E000001' -ErrorAction Stop"
err_has "multicast" "The MAC address '01005E000001' is not valid: it is a multicast address"
run "a MAC address another adapter has" 1 "" \
	"Add-VMNetworkAdapter n1 -StaticMacAddress 00155D000002 -ErrorAction Stop"
err_has "taken MAC" "'n1' failed to add device 'Synthetic Ethernet Port'. Another network adapter of 'n1' has the MAC address 00155D000002."
run "static and dynamic together" 1 "" "Add-VMNetworkAdapter n2 -StaticMacAddress 00155D000009 -DynamicMacAddress -ErrorAction Stop"
err_has "static and dynamic" "cannot be used together"
[ "$(sum n2)" = "$before" ] || fail "refused adapters changed n2"
[ "$(ifaces n1 | wc -l)" = 5 ] || fail "refused adapters changed n1: $(ifaces n1)"

# Names: free text, shared, selected with wildcards.
run "two adapters may share a name" 0 "Same Same" \
	'Add-VMNetworkAdapter n2 -Name Same; Add-VMNetworkAdapter n2 -Name Same' \
	'"$((Get-VMNetworkAdapter n2 -Name same).Name)"'
run "Rename-VMNetworkAdapter renames every adapter the name selects" 0 "Twin Twin|Twin Twin" \
	'$r = Rename-VMNetworkAdapter n2 Same Twin -Passthru' \
	'"$($r.Name)|$((Get-VMNetworkAdapter n2 -Name T*).Name)"'
[ "$(grep -c '<hvsh:name>Twin</hvsh:name>' "$(xml n2)")" = 2 ] || fail "the new names are not stored"
run "Rename-VMNetworkAdapter keeps the adapter" 0 "a <b> & 'c'|True" \
	'$id = (Get-VMNetworkAdapter n1 -Name S2).AdapterId' \
	"Get-VMNetworkAdapter n1 -Name S2 | Rename-VMNetworkAdapter -NewName \"a <b> & 'c'\"" \
	'$r = Get-VMNetworkAdapter n1 -Name "a <b>*"' '"$($r.Name)|$($r.AdapterId -eq $id)"'

before=$(sum n2)
run "renaming nothing" 1 "" 'Rename-VMNetworkAdapter n2 -Name Nobody -NewName X -ErrorAction Stop'
err_has "rename nothing" 'Hyper-V was unable to find a network adapter with name "Nobody" on virtual machine "n2".'
run "removing nothing" 1 "" 'Remove-VMNetworkAdapter n2 -Name Nobody -ErrorAction Stop'
err_has "remove nothing" 'Hyper-V was unable to find a network adapter with name "Nobody" on virtual machine "n2".'
run "an empty new name" 1 "" 'Rename-VMNetworkAdapter n2 -NewName "" -ErrorAction Stop'
err_has "empty name" "Cannot bind argument to parameter 'NewName' because it is an empty string."
run "a name with a control character" 1 "" 'Rename-VMNetworkAdapter n2 -NewName "a$([char]1)" -ErrorAction Stop'
err_has "control character" "it contains a control character."
run "an unknown VM" 1 "" 'Get-VMNetworkAdapter nobody -ErrorAction Stop'
err_has "unknown VM" 'Hyper-V was unable to find a virtual machine with name "nobody".'
[ "$(sum n2)" = "$before" ] || fail "refused changes changed n2"

# MAC addresses change with Set-VMNetworkAdapter; the adapter's Id stays.
run "Set-VMNetworkAdapter -StaticMacAddress, then -DynamicMacAddress" 0 \
	"00155D00AA01|False|True
True|True|True" \
	'$id = (Get-VMNetworkAdapter n2 -Name Twin)[0].AdapterId' \
	'$n = Get-VMNetworkAdapter n2 | Where-Object AdapterId -eq $id' \
	'$s = $n | Set-VMNetworkAdapter -StaticMacAddress 00-15-5D-00-AA-01 -Passthru' \
	'"$($s.MacAddress)|$($s.DynamicMacAddressEnabled)|$($s.AdapterId -eq $id)"' \
	'$d = $n | Set-VMNetworkAdapter -DynamicMacAddress -Passthru' \
	'"$($d.MacAddress -cmatch "^525400[0-9A-F]{6}$")|$($d.DynamicMacAddressEnabled)|$($d.AdapterId -eq $id)"'
ifaces n2 | grep -q "00:15:5d:00:aa:01" && fail "the static address outlived -DynamicMacAddress"
[ "$(ifaces n2 | grep -c '^user 52:54:00:[0-9a-f:]* virtio down$')" = 2 ] ||
	fail "n2's adapters are not two virtio user interfaces with their link down: $(ifaces n2)"

# Settings that need a switch: kept, shown, with a warning.
run "settings kept for later" 0 \
	"On|50|Source|False|a b|100000000|20|512" \
	'Set-VMNetworkAdapter n2 -Name Twin -DhcpGuard On -VmqWeight 50 -PortMirroring Source -NotMonitoredInCluster $true -MandatoryFeatureId a, b -MaximumBandwidth 100000000 -MinimumBandwidthWeight 20 -WarningVariable w -WarningAction SilentlyContinue' \
	'$t = (Get-VMNetworkAdapter n2 -Name Twin)[1]' \
	'"$($t.DhcpGuard)|$($t.VMQWeight)|$($t.PortMirroringMode)|$($t.ClusterMonitored)|$($t.MandatoryFeatureId)|$($t.BandwidthSetting.MaximumBandwidth)|$($t.BandwidthSetting.MinimumBandwidthWeight)|$($t.IPsecOffloadMaxSA)"'
run "each kept setting warns" 0 "WARNING: The setting -RouterGuard is kept and shown by Get-VMNetworkAdapter; it has no effect on this host yet." \
	'Set-VMNetworkAdapter n2 -RouterGuard On 3>&1'
run "settings out of range" 0 "3|On" \
	'Set-VMNetworkAdapter n2 -VmqWeight 101 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMNetworkAdapter n2 -StormLimit -1 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'Set-VMNetworkAdapter n2 -VirtualSubnetId 5 -ErrorVariable +e -ErrorAction SilentlyContinue' \
	'"$($e.Count)|$((Get-VMNetworkAdapter n2)[0].RouterGuard)"'

# -WhatIf changes nothing.
before=$(sum n2)
run "-WhatIf" 0 "What if: Performing the operation \"Add-VMNetworkAdapter\" on target \"n2\".
What if: Performing the operation \"Rename-VMNetworkAdapter\" on target \"VMNetworkAdapter (Name = 'Twin', VMName = 'n2')\".
What if: Performing the operation \"Set-VMNetworkAdapter\" on target \"VMNetworkAdapter (Name = 'Twin', VMName = 'n2')\".
What if: Performing the operation \"Remove-VMNetworkAdapter\" on target \"VMNetworkAdapter (Name = 'Twin', VMName = 'n2')\"." \
	'Add-VMNetworkAdapter n2 -WhatIf' \
	'Get-VMNetworkAdapter n2 | Select-Object -First 1 | Rename-VMNetworkAdapter -NewName X -WhatIf' \
	'Get-VMNetworkAdapter n2 | Select-Object -First 1 | Set-VMNetworkAdapter -StaticMacAddress 00155D00BB01 -WhatIf' \
	'Get-VMNetworkAdapter n2 | Select-Object -First 1 | Remove-VMNetworkAdapter -WhatIf'
[ "$(sum n2)" = "$before" ] || fail "-WhatIf changed n2"

# The management OS has no adapters without switches: said, not hidden.
run "Get-VMNetworkAdapter -ManagementOS" 0 "WARNING: The management operating system has no virtual network adapters on this host: they belong to virtual switches, which this host does not provide yet." \
	'Get-VMNetworkAdapter -ManagementOS 3>&1'
run "Add-VMNetworkAdapter -ManagementOS" 1 "" 'Add-VMNetworkAdapter -ManagementOS -Name Host -ErrorAction Stop'
err_has "management OS" "NotImplemented: (:) [Add-VMNetworkAdapter], VirtualizationException"

run "checkpoints" 1 "" 'Get-VMNetworkAdapter -VMSnapshot n1 -ErrorAction Stop'
err_has "checkpoints" "Checkpoints are not supported on this host yet: -VMSnapshot cannot name one."

# The pipeline: VM objects in, adapter objects through, -Passthru out.
run "Get-VMNetworkAdapter -All" 0 "n1 n1 n1 n1 n1 n2 n2" '"$((Get-VMNetworkAdapter -All).VMName)"'
run "Get-VM | Get-VMNetworkAdapter | Remove-VMNetworkAdapter -Passthru" 0 "Twin Twin|0|5" \
	'$r = Get-VM n2 | Get-VMNetworkAdapter | Remove-VMNetworkAdapter -Passthru' \
	'"$($r.Name)|$(@(Get-VMNetworkAdapter n2).Count)|$(@(Get-VMNetworkAdapter n1).Count)"'
[ -z "$(ifaces n2)" ] || fail "n2 still has adapters: $(ifaces n2)"
grep -q "networkAdapter" "$(xml n2)" && fail "n2's metadata still names adapters"
run "an adapter removed meanwhile" 1 "" \
	'$a = Get-VMNetworkAdapter n1 -Name S3' '$a | Remove-VMNetworkAdapter' '$a | Remove-VMNetworkAdapter -ErrorAction Stop'
err_has "gone" "no longer exists"

# Every parameter Hyper-V documents is accepted.
syntax_has() {
	cmd=$1
	shift
	"$HVSH" -NoProfile -c "Get-Command $cmd -Syntax" >"$tmp/syntax" 2>&1
	for p in "$@"; do
		grep -q -- "-$p\b" "$tmp/syntax" || fail "$cmd lacks -$p"
	done
}
syntax_has Get-VMNetworkAdapter All CimSession ComputerName Credential IsLegacy ManagementOS Name \
	SwitchName VM VMName VMSnapshot
syntax_has Add-VMNetworkAdapter CimSession ComputerName Confirm Credential DeviceNaming \
	DynamicMacAddress IsLegacy ManagementOS Name Passthru ResourcePoolName StaticMacAddress \
	SwitchName VM VMName WhatIf
syntax_has Remove-VMNetworkAdapter CimSession ComputerName Confirm Credential ManagementOS Name \
	Passthru SwitchName VM VMName VMNetworkAdapter WhatIf
syntax_has Rename-VMNetworkAdapter CimSession ComputerName Confirm Credential ManagementOS Name \
	NewName Passthru VM VMName VMNetworkAdapter WhatIf
syntax_has Set-VMNetworkAdapter AllowTeaming CimSession ComputerName Confirm Credential \
	DeviceNaming DhcpGuard DynamicIPAddressLimit DynamicMacAddress FixSpeed10G \
	IPsecOffloadMaximumSecurityAssociation IeeePriorityTag IovInterruptModeration \
	IovQueuePairsRequested IovWeight MacAddressSpoofing ManagementOS MandatoryFeatureId \
	MaximumBandwidth MinimumBandwidthAbsolute MinimumBandwidthWeight Name NotMonitoredInCluster \
	PacketDirectModerationCount PacketDirectModerationInterval PacketDirectNumProcs Passthru \
	PortMirroring ResourcePoolName RouterGuard StaticMacAddress StormLimit TestReplicaPoolName \
	TestReplicaSwitchName VM VMName VMNetworkAdapter VirtualSubnetId VmmqEnabled VmmqQueuePairs \
	VmqWeight VrssEnabled WhatIf

run "Remove-VM" 0 "0" 'Remove-VM * -Force' '@(Get-VM).Count'

finish
