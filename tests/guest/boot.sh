#!/bin/sh
# boot.sh GUEST_DIR MODE WORKDIR - boots the test guest once under QEMU
# (software emulation), presses its ACPI power button, and checks that it
# powered itself off.
#
# MODE is how it boots:
#   kernel   -kernel/-initrd, machine pc (the fast path)
#   raw      guest.raw on IDE, machine pc, SeaBIOS then SYSLINUX
#   qcow2    guest.qcow2 likewise
#   vhd      guest.vhd (qemu's "vpc") likewise
#   efi      guest-efi.raw on virtio-scsi, machine q35, OVMF
# Disks are opened with snapshot=on: the cached images are never written.
#
# The QMP monitor is a pipe chardev (WORKDIR/MODE.qmp.in/.out, opened
# read-write by QEMU), so a shell can speak to it without socat or nc.
# Success prints "MODE: ready after S s, off after S s" and exits 0; a
# failure prints why and the end of the console, and exits 1. All waits are
# bounded; the QEMU started here never outlives the script.
set -u

if [ $# -ne 3 ]; then
	echo "usage: boot.sh GUEST_DIR MODE WORKDIR" >&2
	exit 2
fi
g=$1 mode=$2 w=$3
con=$w/$mode.console
qmp=$w/$mode.qmp
rm -f "$con" "$qmp.in" "$qmp.out"
mkfifo "$qmp.in" "$qmp.out" || exit 1

mem=128
case $mode in
kernel)
	set -- -machine pc -kernel "$g/vmlinuz" -initrd "$g/initrd.img" \
		-append "$(cat "$g/cmdline" 2>/dev/null)"
	;;
raw | qcow2 | vhd)
	fmt=$mode
	[ "$mode" = vhd ] && fmt=vpc
	set -- -machine pc -drive "file=$g/guest.$mode,format=$fmt,if=ide,snapshot=on"
	;;
efi)
	# OVMF plus a 16 MB unified kernel image do not fit in 128 MiB.
	mem=256
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$w/$mode.vars.fd" || exit 1
	set -- -machine q35 \
		-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
		-drive "if=pflash,format=raw,file=$w/$mode.vars.fd" \
		-drive "file=$g/guest-efi.raw,format=raw,if=none,id=disk0,snapshot=on" \
		-device virtio-scsi-pci -device scsi-hd,drive=disk0
	;;
*)
	echo "boot.sh: unknown mode $mode" >&2
	exit 2
	;;
esac

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

failed() {
	echo "$mode: $*"
	[ -f "$con" ] && tail -n 15 "$con" | sed 's/^/    console: /'
	[ -s "$w/$mode.stderr" ] && sed 's/^/    qemu: /' "$w/$mode.stderr"
	exit 1
}

# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds.
wait_for() {
	n=$(($1 * 20))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
ready() { grep -q 'HVSH-TEST-GUEST READY' "$con" 2>/dev/null; }
gone() { ! kill -0 "$pid" 2>/dev/null; }
ready_or_gone() { ready || gone; }

t0=$(now)
qemu-system-x86_64 -accel tcg -m "$mem" -display none -no-user-config \
	-nodefaults -no-reboot -serial "file:$con" \
	-chardev "pipe,id=qmp,path=$qmp" -mon chardev=qmp,mode=control \
	"$@" </dev/null >"$w/$mode.stderr" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null' EXIT

wait_for 60 ready_or_gone || failed "no READY marker within 60 s"
ready || failed "QEMU exited before the guest was ready"
t1=$(now)

# Read-write, so that opening never blocks even if QEMU is gone.
exec 7<>"$qmp.in"
printf '%s\n' '{"execute":"qmp_capabilities"}' '{"execute":"system_powerdown"}' >&7
exec 7>&-
wait_for 30 gone || failed "QEMU still running 30 s after the power button"
t2=$(now)
wait "$pid"
rc=$?
trap - EXIT
grep -q 'HVSH-TEST-GUEST POWEROFF' "$con" || failed "no POWEROFF marker"
[ "$rc" -eq 0 ] || failed "QEMU exited with $rc"
echo "$mode: ready after $(secs "$t0" "$t1") s, off after $(secs "$t1" "$t2") s"
