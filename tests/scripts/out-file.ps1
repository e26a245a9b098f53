# Out-File writes what the console would show; -Append, -NoClobber,
# -Encoding, -Width, and PowerShell's errors.
$f = '/tmp/hvsh-out-file-test.txt'
[pscustomobject]@{ a = 1; b = 'two' } | Out-File $f
Get-Content $f | ForEach-Object { "<$_>" }
'more' | Out-File -FilePath $f -Append
(Get-Content $f).Count
try { 'x' | Out-File $f -NoClobber -ErrorAction Stop } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
'new' | Out-File $f -Encoding utf8
Get-Content $f
Out-File -FilePath $f -InputObject 'given'
Get-Content $f
[pscustomobject]@{ Name = 'n'; Text = 'x' * 50 } | Out-File $f -Width 30
Get-Content $f | ForEach-Object { "|$_|" }
'wide' | Out-File $f -Encoding unicode
(Get-Item $f).Length
try { 'x' | Out-File /nonexistent-dir/x.txt } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }
'x' | Out-File $f -WhatIf
Remove-Item $f
Test-Path $f
