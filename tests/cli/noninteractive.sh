#!/bin/sh
# Without a terminal or with -NonInteractive nothing prompts: a missing
# mandatory parameter is an error and the command fails.
. "$ROOT/tests/cli/common.inc"

t "missing mandatory parameter" 1 "" -NoProfile -NonInteractive -c 'function f { param([Parameter(Mandatory)]$X) "got $X" }; f'
err_has "missing mandatory parameter" "Cannot process command because of one or more missing mandatory parameters: X."
t "mandatory parameter given" 0 "got 1" -NoProfile -NonInteractive -c 'function f { param([Parameter(Mandatory)]$X) "got $X" }; f 1'

finish
