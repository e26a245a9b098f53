# An unknown command: PowerShell's message and record, and the script goes on.
Get-NoSuchThing -Name x
"after"
