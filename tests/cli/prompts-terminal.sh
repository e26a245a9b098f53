#!/bin/sh
# Prompts in a real terminal (tmux): a missing mandatory parameter is asked
# for, Read-Host shows its prompt, secret input (Read-Host -AsSecureString,
# Get-Credential) is never echoed, -Confirm asks before acting, and Ctrl+C
# at a prompt stops the command line.
. "$ROOT/tests/cli/common.inc"
. "$ROOT/tests/cli/terminal.inc"

dir=$(cd "$tmp" && pwd -P)

start -NoProfile -NoLogo
if screen_has "PS $dir>"; then
	keys 'function Get-Hello { param([Parameter(Mandatory)][string]$Name) "hello $Name" }' Enter
	keys 'Get-Hello' Enter
	screen_has "Supply values for the following parameters:"
	screen_has "Name:"
	keys 'Ada' Enter
	screen_has "hello Ada"

	keys '$answer = Read-Host -Prompt "Your city"; "city=$answer"' Enter
	screen_has "Your city:"
	keys 'Oslo' Enter
	screen_has "city=Oslo"

	keys '$secret = Read-Host -AsSecureString -Prompt "Token"; $secret.GetType().Name' Enter
	screen_has "Token:"
	keys 'hunter2secret' Enter
	screen_has "SecureString"
	grep -q 'hunter2secret' "$tmp/screen" && fail "Read-Host -AsSecureString echoed the input"

	keys '$cred = Get-Credential; "user=$($cred.UserName)"' Enter
	screen_has "User:"
	keys 'admin' Enter
	screen_has "Password for user admin:"
	keys 'pa55word-typed' Enter
	screen_has "user=admin"
	grep -q 'pa55word-typed' "$tmp/screen" && fail "Get-Credential echoed the password"
	keys '$cred.GetNetworkCredential().Password.Length' Enter
	screen_has "14"

	keys 'New-Item ./keep.txt -ItemType File | Out-Null; Remove-Item ./keep.txt -Confirm' Enter
	screen_has 'Performing the operation "Remove File" on target'
	screen_has '[Y] Yes  [A] Yes to All  [N] No'
	keys 'n' Enter
	keys '"exists=$(Test-Path ./keep.txt)"' Enter
	screen_has "exists=True"
	keys 'Remove-Item ./keep.txt -Confirm' Enter
	screen_has '(default is "Y")'
	keys 'y' Enter
	keys '"gone=$(-not (Test-Path ./keep.txt))"' Enter
	screen_has "gone=True"
	keys '$r = Read-Host -Prompt "Waiting"; "not reached"' Enter
	screen_has "Waiting:"
	keys C-c
	keys '"back=$(40 + 2)"' Enter
	screen_has "back=42"
	grep -q '^not reached' "$tmp/screen" && fail "Ctrl+C at Read-Host did not stop the line"
	keys 'exit' Enter
	code_is 0
fi
stop

finish
