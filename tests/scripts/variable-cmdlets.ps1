# Get-/Set-/New-/Remove-Variable and the alias cmdlets.
Set-Variable -Name v1 -Value 42
$v1
New-Variable -Name v2 -Value 'x'
Get-Variable v2 -ValueOnly
try { New-Variable -Name v2 -Value 'y' -ErrorAction Stop } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
1, 2, 3 | Set-Variable -Name v3
$v3.Count
Remove-Variable v3
$null -eq (Get-Variable v3 -ErrorAction SilentlyContinue)
try { Get-Variable nosuchvar -ErrorAction Stop } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }
(Get-Variable v1).Value
Clear-Variable v1
$null -eq $v1
Set-Alias -Name lst -Value Get-ChildItem
(Get-Alias lst).Definition
(Get-Alias lst).DisplayName
(Get-Alias -Definition Get-ChildItem | Where-Object Name -eq lst).Name
try { New-Alias -Name lst -Value Get-Item -ErrorAction Stop } catch { $_.Exception.Message }
Remove-Alias lst
$null -eq (Get-Alias lst -ErrorAction SilentlyContinue)
Set-Variable -Name v4 -Value 1 -WhatIf
$null -eq $v4
