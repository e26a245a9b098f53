#!/bin/sh
# run-tests.sh HVSH [UNIT_TEST_BINARY ...]
#
# Runs the whole suite against the hvsh binary HVSH and prints one line per
# failure, then exactly "N passed, N failed"; exits 1 when anything failed.
#   - each cmocka binary given: its test count is read from cmocka's summary
#     ("[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"); a crash or a
#     sanitizer report without a summary counts as one failure;
#   - every tests/scripts/NAME.ps1, run from tests/scripts as
#     `hvsh -NoProfile -NonInteractive NAME.ps1 [args]` with stdin closed,
#     stdout and stderr merged and compared byte for byte with NAME.out.
#     NAME.args holds extra arguments, one per line; NAME.exit the expected
#     exit code (default 0);
#   - every tests/cli/*.sh (invocation) and tests/checks/*.sh (repository
#     checks), each one test: it passes when it exits 0.
# VERBOSE=1 also prints a line for each passing test.
set -u
LC_ALL=C
export LC_ALL

if [ $# -lt 1 ]; then
	echo "usage: run-tests.sh HVSH [UNIT_TEST_BINARY ...]" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
hvsh=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
if [ ! -x "$hvsh" ]; then
	echo "run-tests: $hvsh is not an executable" >&2
	exit 2
fi
verbose=${VERBOSE:-0}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hvsh-tests.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0

pass() {
	passed=$((passed + $1))
	[ "$verbose" = 1 ] && echo "ok   $2"
	return 0
}

fail() {
	failed=$((failed + $1))
	echo "FAIL $2"
}

# Prints a file indented, at most 40 lines.
show() {
	sed -n '1,40s/^/    /p' "$1"
	lines=$(wc -l <"$1")
	[ "$lines" -gt 40 ] && echo "    ... ($lines lines)"
	return 0
}

# ---- cmocka unit tests ----
for bin in "$@"; do
	name=unit/$(basename "$bin")
	CMOCKA_MESSAGE_OUTPUT=STDOUT "$bin" >"$tmp/out" 2>&1 </dev/null
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$tmp/out" |
		awk '{ s += $1 } END { print s + 0 }')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$tmp/out" |
		awk '{ s += $1 } END { print s + 0 }')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, or a sanitizer report after the summary
	fi
	if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "    (no test ran)" >>"$tmp/out"
	fi
	if [ "$f" -gt 0 ]; then
		passed=$((passed + p))
		fail "$f" "$name ($f failed, exit $rc)"
		grep -v -e '^\[ RUN      \]' -e '^\[       OK \]' "$tmp/out" >"$tmp/shown"
		show "$tmp/shown"
	else
		pass "$p" "$name ($p tests)"
	fi
done

# ---- script tests ----
for script in "$root"/tests/scripts/*.ps1; do
	[ -e "$script" ] || continue
	base=$(basename "$script" .ps1)
	name=scripts/$base
	dir=$root/tests/scripts
	if [ ! -f "$dir/$base.out" ]; then
		fail 1 "$name (no $base.out)"
		continue
	fi
	want_rc=0
	[ -f "$dir/$base.exit" ] && want_rc=$(tr -d ' \n' <"$dir/$base.exit")
	(
		cd "$dir" || exit 125
		set --
		if [ -f "$base.args" ]; then
			while IFS= read -r arg || [ -n "$arg" ]; do
				set -- "$@" "$arg"
			done <"$base.args"
		fi
		COLUMNS=120 NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8 \
			exec timeout 30 "$hvsh" -NoProfile -NonInteractive "$base.ps1" "$@"
	) </dev/null >"$tmp/actual" 2>&1
	rc=$?
	if [ "$rc" = "$want_rc" ] && cmp -s "$dir/$base.out" "$tmp/actual"; then
		pass 1 "$name"
		continue
	fi
	why="exit $rc"
	[ "$rc" = 124 ] && why="timed out after 30 s"
	[ "$rc" != "$want_rc" ] && why="$why, expected $want_rc"
	fail 1 "$name ($why)"
	if diff -u --label "$base.out" --label "actual" "$dir/$base.out" "$tmp/actual" >"$tmp/diff"; then
		echo "    (the output is as expected)"
	else
		show "$tmp/diff"
	fi
done

# ---- invocation tests and repository checks ----
for t in "$root"/tests/cli/*.sh "$root"/tests/checks/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$(dirname "$t")")/$(basename "$t" .sh)
	HVSH=$hvsh ROOT=$root timeout 120 sh "$t" </dev/null >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass 1 "$name"
	else
		fail 1 "$name (exit $rc)"
		show "$tmp/out"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
