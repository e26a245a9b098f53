# Invoke-Expression runs text in the current scope
Invoke-Expression '1 + 2'
iex '$y = 5'
"y=$y"
'Get-Date -Date 2026-01-01 -Format yyyy' | Invoke-Expression
Invoke-Expression 'Write-Output a b'

# Measure-Command returns a TimeSpan and discards the block's output
$t = Measure-Command { 1..10 | ForEach-Object { $_ } }
$t -is [timespan]
$t.TotalSeconds -ge 0
Measure-Command { $z = 7 } | Out-Null
"z=$z"
$n = 0
1..3 | Measure-Command { $script:n += $_ } | Out-Null
"n=$n"

# Start-Sleep
$start = Get-Date
Start-Sleep -Milliseconds 120
((Get-Date) - $start).TotalMilliseconds -ge 100
Start-Sleep 0.05
sleep -Duration (New-TimeSpan -Milliseconds 10)
try { Start-Sleep -Seconds -1 } catch { $_.Exception.Message }

# prompting is refused in non-interactive mode
try { Read-Host 'Name' } catch { $_.Exception.Message; "$($_.CategoryInfo.Category)" }
try { Read-Host -AsSecureString } catch { 'secure read refused' }
try { Get-Credential -UserName bob -Message hi } catch { $_.Exception.Message }

# Clear-Host prints nothing when the output is not a terminal
Clear-Host
cls
'after clear'

# the history holds interactive command lines only
@(Get-History).Count
