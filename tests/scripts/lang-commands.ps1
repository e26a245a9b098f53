# Command mode: bare words, parameters, aliases, external programs.
Write-Output hello
write-output -InputObject 'case insensitive'
Write-Output 192.168.1.0/24
Write-Output web*
Write-Output a,b,c
Write-Output -5
Write-Output (1 + 2)
Write-Output $(2 * 3)
$name = 'x'
Write-Output "$name-suffix"
Write-Output $name/path
echo 'alias works'
try { Write-Output -NoSuchParam 1 } catch { $_.Exception.Message }
try { Write-Output -NoSuchParam 1 } catch { $_.FullyQualifiedErrorId }
$out = /bin/echo external
$out
/bin/sh -c 'exit 3'
$LASTEXITCODE
& /bin/echo amp
'a', 'b' | /bin/cat
(/bin/echo one two).Length
function Get-VMLike { param([string[]]$Name) $Name -join '|' }
Get-VMLike web1, web2
Get-VMLike -Name db1
