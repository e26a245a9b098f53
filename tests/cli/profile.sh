#!/bin/sh
# The profile ($XDG_CONFIG_HOME/hvsh/profile.ps1) is dot-sourced at start-up
# unless -NoProfile: its functions and variables stay defined.
. "$ROOT/tests/cli/common.inc"

mkdir -p "$tmp/config/hvsh" "$tmp/home/.config/hvsh"
cat >"$tmp/config/hvsh/profile.ps1" <<'PS1'
function Get-Greeting { "hello from the profile" }
$fromProfile = 42
PS1
printf '"home profile"\n' >"$tmp/home/.config/hvsh/profile.ps1"

export XDG_CONFIG_HOME="$tmp/config"
t "profile functions and variables" 0 "hello from the profile
42" -c 'Get-Greeting; $fromProfile'
t "\$PROFILE" 0 "$tmp/config/hvsh/profile.ps1" -NoProfile -c '$PROFILE'
t "-NoProfile" 0 "True" -NoProfile -c '$null -eq $fromProfile'

unset XDG_CONFIG_HOME
HOME=$tmp/home "$HVSH" -c '"command"' </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
check "profile under HOME" 0 "home profile
command"

finish
