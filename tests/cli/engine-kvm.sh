#!/bin/sh
# Hardware virtualization as the host offers it. Where /dev/kvm exists
# but KVM cannot run the test guest (as inside some virtual machines,
# where QEMU stops the guest with "KVM internal error"), hvsh must say so:
# the VM is PausedCritical with the cause as its status, Start-VM and a
# graceful Stop-VM say what to do, the host remembers the failure and
# chooses software emulation from then on (Get-VMHost says why), and the
# VM, turned off and started again, boots emulated. Where KVM works, the
# guest boots under it and nothing is remembered. Without /dev/kvm there
# is nothing to check.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

[ -r /dev/kvm ] && [ -w /dev/kvm ] || finish
test_guest
cp "$g/guest.qcow2" "$tmp/k.qcow2"
# as a newcomer's host: no HVSH_ACCEL, no hvsh.conf
HVSH_ACCEL=

run "KVM is the mode" 0 "Hardware|/dev/kvm is available" \
	'$h = Get-VMHost' '"$($h.VirtualizationMode)|$($h.VirtualizationModeReason)"'
run "Start-VM under KVM" 0 "" "\$null = New-VM k -MemoryStartupBytes 128MB -VHDPath $tmp/k.qcow2" 'Start-VM k'
log=$root/vms/k/com1.log
n=300
state=
while [ "$n" -gt 0 ]; do
	grep -q "HVSH-TEST-GUEST READY" "$log" 2>/dev/null && state=ready && break
	"$HVSH" -NoProfile -c '(Get-VM k).State' >"$tmp/state" 2>&1
	grep -q PausedCritical "$tmp/state" && state=failed && break
	sleep 0.1
	n=$((n - 1))
done

case $state in
ready)
	[ -e "$root/kvm-failed" ] && fail "a working KVM was recorded as failing"
	run "the guest runs under KVM" 0 "Running|Operating normally" '$v = Get-VM k' '"$($v.State)|$($v.Status)"'
	;;
failed)
	run "the cause is the status" 0 "PausedCritical|KVM internal error" \
		'$v = Get-VM k' '"$($v.State)|$($v.Status)"'
	grep -q "'k' stopped with a KVM internal error at" "$root/kvm-failed" ||
		fail "the failure is not recorded"
	run "the host chooses emulation and says why" 0 "Emulated|KVM fails on this host ('k' stopped with a KVM internal error at" \
		'$h = Get-VMHost' '"$($h.VirtualizationMode)|$($h.VirtualizationModeReason)".Substring(0, 73)'
	run "Start-VM names the cause and the way out" 1 "" 'Start-VM k -ErrorAction Stop'
	err_has "start" "Start-VM : 'k' failed to start. Its guest stopped with a KVM internal error: KVM cannot run it on this host. Turn it off (Stop-VM -TurnOff) and start it again; it will start with software emulation."
	run "a graceful Stop-VM says -TurnOff" 1 "" 'Stop-VM k -ErrorAction Stop'
	err_has "stop" "Its guest stopped with a KVM internal error and cannot shut down: use Stop-VM -TurnOff to turn it off."
	: >"$log"
	run "turned off and started again, it runs emulated" 0 "Running" \
		'Stop-VM k -TurnOff' 'Start-VM k' '(Get-VM k).State'
	grep -q "<domain type='qemu'" "$root/run/qemu/k.xml" || fail "the restarted VM is not emulated"
	wait_for 30 "$log" "HVSH-TEST-GUEST READY" || fail "the emulated guest did not boot"
	run "Set-VMHost -VirtualizationMode Hardware overrides the record" 0 "Hardware" \
		'Set-VMHost -VirtualizationMode Hardware' '(Get-VMHost).VirtualizationMode'
	;;
*)
	fail "the guest neither booted nor failed under KVM within 30 s"
	sed 's/^/    /' "$tmp/state"
	;;
esac
run "Stop-VM -TurnOff" 0 "Off" 'Stop-VM k -TurnOff' '(Get-VM k).State'

finish
