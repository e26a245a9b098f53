# Get-Command objects and syntax, Get-Help from the cmdlet tables.
(Get-Command Get-Variable).CommandType
(Get-Command Get-Variable).Name
(Get-Command -Verb Remove -Noun *Variable).Name
(Get-Command gcm).ResolvedCommandName
Get-Command Get-Variable -Syntax
Get-Command New-Alias -Syntax
Get-Help Get-Variable -Parameter ValueOnly
try { Get-Command No-SuchCommand -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
