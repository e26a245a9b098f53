#!/bin/sh
# hvsh.1 and docs/cmdlets/*.md are what `make man` generates from
# docs/hvsh.1.in and the cmdlet tables: regenerated into a temporary
# directory, they must equal the committed files.
cd "${ROOT:?}" || exit 1
# the generator of the build under test: build/san for build/san/hvsh
gen=$(dirname "${HVSH:?}")/gen-docs
[ -x "$gen" ] || gen=build/rel/gen-docs
if [ ! -x "$gen" ]; then
	echo "no documentation generator (make test builds $gen)"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hvsh-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! "$gen" docs/hvsh.1.in "$tmp/hvsh.1" "$tmp/cmdlets"; then
	echo "the documentation generator failed"
	exit 1
fi
stale=
cmp -s "$tmp/hvsh.1" hvsh.1 || stale="$stale hvsh.1"
for f in "$tmp"/cmdlets/*.md; do
	name=docs/cmdlets/$(basename "$f")
	cmp -s "$f" "$name" || stale="$stale $name"
done
for f in docs/cmdlets/*.md; do
	[ -e "$f" ] || continue
	[ -e "$tmp/cmdlets/$(basename "$f")" ] || stale="$stale $f"
done
if [ -n "$stale" ]; then
	echo "stale generated documentation (run make man):"
	for f in $stale; do
		echo "    $f"
	done
	exit 1
fi
