#!/bin/sh
# The test guest (scripts/make-test-guest.sh): it is built or reused from
# the cache, a second build is a no-op, its disk images are valid in each
# format, and it boots under software emulation directly from its kernel,
# from the BIOS disk (raw and qcow2) and from the UEFI disk through OVMF,
# printing its marker on the serial console and powering itself off when
# the ACPI power button is pressed (tests/guest/boot.sh). Boots run two at a
# time, one per core.
. "$ROOT/tests/cli/common.inc"

mk=$ROOT/scripts/make-test-guest.sh
if ! g=$(sh "$mk" 2>"$tmp/mk.err"); then
	fail "make-test-guest.sh failed"
	sed 's/^/    /' "$tmp/mk.err"
	finish
fi
stamp=$(ls -li "$g/guest.stamp")
again=$(sh "$mk" 2>&1)
[ "$again" = "$g" ] || fail "second make-test-guest.sh run printed '$again', expected '$g'"
[ "$(ls -li "$g/guest.stamp")" = "$stamp" ] || fail "second make-test-guest.sh run rebuilt the guest"

# info FILE FORMAT: qemu-img reads FILE as FORMAT, with guest.raw's size.
size=$(qemu-img info --output=json -f raw "$g/guest.raw" |
	sed -n 's/^ *"virtual-size": \([0-9]*\).*/\1/p')
info() {
	got=$(qemu-img info --output=json -f "$2" "$1" 2>&1 |
		sed -n 's/^ *"virtual-size": \([0-9]*\).*/\1/p')
	[ -n "$got" ] || {
		fail "qemu-img cannot read $1 as $2"
		return
	}
	# A VHD's size is rounded to its CHS geometry: at least the raw size.
	[ "$got" -ge "$size" ] || fail "$1: virtual size $got, smaller than $size"
}
info "$g/guest.qcow2" qcow2
info "$g/guest.vhd" vpc
info "$g/guest.vhdx" vhdx
info "$g/guest-efi.raw" raw

boot() {
	sh "$ROOT/tests/guest/boot.sh" "$g" "$1" "$tmp" >"$tmp/$1.result" 2>&1
}
boot kernel &
boot raw
wait
boot qcow2 &
boot efi
wait
for m in kernel raw qcow2 efi; do
	grep -q "^$m: ready after" "$tmp/$m.result" || fail "$(cat "$tmp/$m.result")"
done
finish
