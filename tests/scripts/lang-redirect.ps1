# Redirection of output and error streams.
$f = Join-Path ([IO.Path]::GetTempPath()) "hvsh-redirect-$PID.txt"
'line1' > $f
'line2' >> $f
Get-Content $f
Write-Error 'to null' 2>$null
'after null'
$merged = Write-Error 'merged' 2>&1
$merged.Exception.Message
Remove-Item $f
$null = 'discarded'
'x' | Out-Null
[void]'y'
'end'
