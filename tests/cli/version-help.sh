#!/bin/sh
# --version and --help print to stdout and exit 0, in every spelling.
. "$ROOT/tests/cli/common.inc"

version=$(sed -n 's/^#define HVSH_VERSION_STRING "\(.*\)"$/\1/p' "$ROOT/shell/version.h")
[ -n "$version" ] || fail "no HVSH_VERSION_STRING in shell/version.h"
for opt in --version -Version -v -ver; do
	t "$opt" 0 "hvsh $version" "$opt"
done
for opt in --help -Help -h -? -HELP; do
	"$HVSH" "$opt" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 0 ] || fail "$opt: exit $rc, expected 0"
	head -1 "$tmp/out" | grep -q '^Usage: hvsh ' || fail "$opt: no usage line on stdout"
	grep -q -- '-NonInteractive, -noni' "$tmp/out" || fail "$opt: -NonInteractive not described"
	[ -s "$tmp/err" ] && fail "$opt: wrote to stderr"
done

finish
