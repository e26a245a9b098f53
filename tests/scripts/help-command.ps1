# Get-Command objects and syntax, Get-Help from the cmdlet tables.
(Get-Command Get-Variable).CommandType
(Get-Command Get-Variable).Name
(Get-Command -Verb Remove -Noun *Variable).Name
(Get-Command gcm).ResolvedCommandName
Get-Command Get-Variable -Syntax
Get-Command New-Alias -Syntax
Get-Help Get-Variable -Parameter ValueOnly
try { Get-Command No-SuchCommand -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
# .Parameters: every parameter, common ones too, in declaration order
$p = (Get-Command Get-Variable).Parameters
$p.Keys -join ','
$p['valueonly'] | Format-List Name, ParameterType, Aliases, SwitchParameter, IsDynamic
(Get-Command Set-VMNetworkAdapter).Parameters.ContainsKey('FixSpeed10G')
function Test-Params { param([Alias('n', 'nm')][string]$Name, [switch]$Force) }
(Get-Command Test-Params).Parameters.Values | Format-Table Name, ParameterType, Aliases, SwitchParameter
