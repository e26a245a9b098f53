#!/bin/sh
# The host's stop and start (hvsh --host-stop, --host-start) through the
# embedded engine in a temporary root, on real QEMU processes: each VM's
# AutomaticStopAction (Save, Hyper-V's default; TurnOff; ShutDown through
# the ACPI power button, with the test guest answering it, and a bounded
# wait for a guest that does not) and AutomaticStartAction (Start;
# StartIfRunning, Hyper-V's default, only for VMs that ran at the stop;
# Nothing), started in the order of their delays. Both wait for a shell
# that holds the engine. Whatever happens, no QEMU process of this root
# outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

test_guest
cp "$g/guest.qcow2" "$tmp/e.qcow2"

# host CMD: runs hvsh --host-CMD; its output in $tmp/out, $tmp/err, $rc
host() {
	"$HVSH" "--host-$1" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# a, b, d and f: no disk (their firmware loops, deaf to the power button);
# e: the test guest, which powers off on the button.
run "the VMs" 0 "" \
	'foreach ($n in "a","b","c","d","f") { $null = New-VM $n -MemoryStartupBytes 64MB -NoVHD }' \
	"\$null = New-VM e -MemoryStartupBytes 128MB -VHDPath $tmp/e.qcow2" \
	'Set-VM a -AutomaticStartAction Start -AutomaticStartDelay 1' \
	'Set-VM d -AutomaticStartAction Nothing -AutomaticStopAction TurnOff' \
	'Set-VM e,f -AutomaticStopAction ShutDown' \
	'Start-VM a,b,d,e,f'
wait_for 30 "$root/vms/e/com1.log" "HVSH-TEST-GUEST READY" || fail "the test guest did not boot"

# a shell holding the engine for a while: the host's stop waits for it
"$HVSH" -NoProfile -c 'Get-VM | Out-Null; Start-Sleep 2' </dev/null >/dev/null 2>&1 &
extra_pids=$!
sleep 0.5
HVSH_STOP_TIMEOUT=3 host stop
[ "$rc" = 0 ] || fail "--host-stop: exit $rc, expected 0"
want="'a' saved
'b' saved
'd' turned off
'e' shut down
'f' turned off: it did not shut down within 3 s"
[ "$(sort "$tmp/out")" = "$want" ] || {
	fail "--host-stop reported otherwise"
	sed 's/^/    /' "$tmp/out" "$tmp/err"
}
grep -q "HVSH-TEST-GUEST POWEROFF" "$root/vms/e/com1.log" || fail "the guest did not see the power button"
run "the states after the stop" 0 "a:Saved b:Saved c:Off d:Off e:Off f:Off" \
	'"$((Get-VM | ForEach-Object { "$($_.Name):$($_.State)" }) -join " ")"'

host start
[ "$rc" = 0 ] || fail "--host-start: exit $rc, expected 0"
want="'b' restored
'e' started
'f' started
'a' restored"
[ "$(cat "$tmp/out")" = "$want" ] || {
	fail "--host-start reported otherwise (a's delay puts it last)"
	sed 's/^/    /' "$tmp/out" "$tmp/err"
}
run "the states after the start" 0 "a:Running b:Running c:Off d:Off e:Running f:Running" \
	'"$((Get-VM | ForEach-Object { "$($_.Name):$($_.State)" }) -join " ")"'

host start
[ "$rc" = 0 ] && [ ! -s "$tmp/out" ] || fail "a second --host-start acted: $(cat "$tmp/out")"

"$HVSH" -Engine "qemu:///embed?root=$tmp/other" --host-stop </dev/null >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ ! -s "$tmp/out" ] || fail "-Engine with --host-stop"
run "stop them" 0 "" 'Stop-VM * -TurnOff'

finish
