#!/bin/sh
# hvsh.1 renders without a single groff warning.
cd "${ROOT:?}" || exit 1
warnings=$(groff -ww -man -Tutf8 hvsh.1 2>&1 >/dev/null)
if [ -n "$warnings" ]; then
	echo "groff warnings for hvsh.1:"
	echo "$warnings"
	exit 1
fi
