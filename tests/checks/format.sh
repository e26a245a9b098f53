#!/bin/sh
# Every C source and header under shell/, cmds/ and tests/ is formatted as
# .clang-format says (`make format` fixes it).
cd "${ROOT:?}" || exit 1
exec env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s format-check
