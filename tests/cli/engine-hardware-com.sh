#!/bin/sh
# A virtual machine's COM ports through the embedded engine in a temporary
# root: Get-VMComPort's view (COM 1 writes to com1.log, COM 2 is not
# connected); Set-VMComPort to a named pipe (a Unix socket in the root's
# pipes directory, QEMU listening), to a file, and to nothing, read back
# and found in the stored description; bad paths and a pipe another VM
# has refused, changing nothing; a running VM's ports refused. Then the
# test guest boots with COM 1 on a pipe, and its "READY" is read from the
# socket. Whatever happens, no QEMU process of this root outlives the test.
. "$ROOT/tests/cli/common.inc"

. "$ROOT/tests/cli/engine.inc"

xml=$root/etc/qemu/k1.xml
sum() { md5sum "$xml" | cut -d' ' -f1; }

run "Get-VMComPort's view" 0 "
VMName Name  Path
------ ----  ----
k1     COM 1 $root/vms/k1/com1.log
k1     COM 2" \
	'$null = New-VM k1 -MemoryStartupBytes 64MB -NoVHD' 'Get-VMComPort k1'

run "COM 1 to a named pipe" 0 "\\\\.\\pipe\\k1-console|$root/pipes/k1-console|COM 1|Off
$root/pipes/k1-console" \
	'$p = Set-VMComPort k1 1 \\.\pipe\k1-console -Passthru' \
	'"$($p.Path)|$($p.HostPath)|$($p.Name)|$($p.DebuggerMode)"' '(Get-VM k1).ComPort1.HostPath'
grep -q "<serial type='unix'>" "$xml" &&
	grep -q "<source mode='bind' path='$root/pipes/k1-console'/>" "$xml" ||
	fail "COM 1 is not a socket QEMU listens on"
run "COM 2 to a file, relative to the location" 0 "COM 2|$tmp/com2.log|$tmp/com2.log|On" \
	"Set-Location '$tmp'" \
	'$p = Get-VM k1 | Set-VMComPort -Number 2 -Path com2.log -DebuggerMode On -Passthru -WarningAction SilentlyContinue' \
	'"$($p.Name)|$($p.Path)|$($p.HostPath)|$($p.DebuggerMode)"'
run "both, in a new process" 0 "COM 1 \\\\.\\pipe\\k1-console
COM 2 $tmp/com2.log" \
	'Get-VMComPort k1 | ForEach-Object { "$($_.Name) $($_.Path)" }'
run "a COM port object piped back, then disconnected" 0 "COM 2||" \
	'$p = Get-VMComPort k1 -Number 2 | Set-VMComPort -Path "" -Passthru' \
	'"$($p.Name)|$($p.Path)|$($p.HostPath)"'
grep -q "<serial type='null'>" "$xml" || fail "a disconnected COM 2 is not a null serial port"

before=$(sum)
run "bad paths are refused" 0 "8" \
	'$null = New-VM k2 -MemoryStartupBytes 64MB -NoVHD' \
	'Set-VMComPort k2 1 \\.\pipe\k1-console' \
	'Set-VMComPort k1 2 \\.\pipe\k1-console' \
	'Set-VMComPort k1 1 \\.\pipe\' \
	'Set-VMComPort k1 1 \\.\pipe\a/b' \
	'Set-VMComPort k1 1 \\otherhost\pipe\x' \
	'Set-VMComPort k1 1 \\.\mailslot\x' \
	'Set-VMComPort k1 1 /nonexistent/dir/com1.log' \
	'Set-VMComPort k1 3 \\.\pipe\x' \
	'$Error.Count'
err_has "pipe of another VM" "The pipe '\\\\.\\pipe\\k1-console' is already connected to a COM port of virtual machine 'k1'."
err_has "empty pipe name" "The pipe name '\\\\.\\pipe\\' is not valid: it has no name."
err_has "slash" "The pipe name '\\\\.\\pipe\\a/b' is not valid: a pipe's name cannot contain '/' or '\\'."
err_has "remote pipe" "The pipe '\\\\otherhost\\pipe\\x' is on another computer: a COM port connects to a pipe on this host, \\\\.\\pipe\\NAME."
err_has "not a pipe" "'\\\\.\\mailslot\\x' is not a named pipe: expected \\\\.\\pipe\\NAME."
err_has "no directory" "The directory of the COM port's file '/nonexistent/dir/com1.log' does not exist."
err_has "COM 3" "The value 3 of -Number is out of range: it must be between 1 and 2."
run "an error record in Hyper-V's manner" 1 "" 'Set-VMComPort k1 1 C:\com1.txt -ErrorAction Stop'
err_has "windows path" "'C:\\com1.txt' is neither a named pipe (\\\\.\\pipe\\NAME) nor a file path on this host."
err_has "error id" "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMComPort"
run "-WhatIf changes nothing" 0 'What if: Performing the operation "Set-VMComPort" on target "k1 COM 1".' \
	'Set-VMComPort k1 1 "" -WhatIf'
[ "$(sum)" = "$before" ] || fail "a refused change altered the description"
run "Remove-VM" 0 "0" 'Remove-VM k1, k2 -Force' '@(Get-VM).Count'

# The test guest prints its READY marker on ttyS0, COM 1.
if ! command -v perl >/dev/null 2>&1 || ! perl -MIO::Socket::UNIX -e 1 2>/dev/null; then
	echo "    note: perl with IO::Socket::UNIX (Debian's perl-base) is missing: the guest's pipe is not read" >&2
	finish
fi
test_guest
cp "$g/guest.qcow2" "$tmp/guest.qcow2" || fail "cannot copy the guest"
sock=$root/pipes/g1-console
run "the guest's COM 1 on a pipe" 0 "" \
	"\$null = New-VM g1 -MemoryStartupBytes 128MB -VHDPath '$tmp/guest.qcow2'" \
	'Set-VMComPort g1 1 \\.\pipe\g1-console'
# A client of the socket, as an administrator would attach one. What the
# guest writes while nobody listens is lost, as with Hyper-V's pipes: the
# client waits for the socket, which appears when the VM starts.
perl -MIO::Socket::UNIX -e '
	my $s;
	for (1 .. 600) {
		last if $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0]);
		select(undef, undef, undef, 0.1);
	}
	die "cannot connect to $ARGV[0]: $!\n" unless $s;
	$| = 1;
	print while <$s>;' "$sock" >"$tmp/console" 2>"$tmp/client.err" &
extra_pids=$!
run "Start-VM" 0 "Running" 'Start-VM g1' '(Get-VM g1).State'
n=600
[ "$rc" = 0 ] || n=0
until grep -q "HVSH-TEST-GUEST READY" "$tmp/console" 2>/dev/null || [ "$n" -eq 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
if [ "$n" -eq 0 ] && [ "$rc" = 0 ]; then
	fail "no READY on the pipe within 60 s"
	sed 's/^/    client: /' "$tmp/client.err"
	tail -n 5 "$tmp/console" | sed 's/^/    console: /'
fi
run "a running VM's COM port is refused" 1 "" 'Set-VMComPort g1 1 "" -ErrorAction Stop'
err_has "running" "'g1' failed to modify device 'COM 1'. A COM port cannot be connected elsewhere while the virtual machine is running."
run "Stop-VM" 0 "Off" 'Stop-VM g1 -TurnOff' '(Get-VM g1).State'
[ -e "$sock" ] && fail "the pipe's socket outlived the VM"
run "Remove-VM" 0 "0" 'Remove-VM g1 -Force' '@(Get-VM).Count'
finish
