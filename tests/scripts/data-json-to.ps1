# ConvertTo-Json: PowerShell 7's exact text
@{ Name = 'web01' } | ConvertTo-Json
[ordered]@{ Name = 'web01'; Cpu = 2; On = $true; Off = $false; None = $null; Pi = 3.5; Whole = 2.0; Big = 3000000000 } | ConvertTo-Json
[pscustomobject]@{ a = 1; b = @(1, 2); c = @(); d = @{} } | ConvertTo-Json
1, 2, 3 | ConvertTo-Json
ConvertTo-Json -InputObject @(1, 2) -Compress
[ordered]@{ a = 1; b = [ordered]@{ c = 'x'; d = @('y', $null) } } | ConvertTo-Json -Compress
'x' | ConvertTo-Json
5 | ConvertTo-Json
$null | ConvertTo-Json
1 | ConvertTo-Json -AsArray
"quote `" backslash \ tab`t newline`n <tag> & 'single' é" | ConvertTo-Json
@([pscustomobject]@{ n = 1 }, [pscustomobject]@{ n = 2 }) | ConvertTo-Json
[pscustomobject]@{ a = [pscustomobject]@{ b = [pscustomobject]@{ c = @{ d = 1 } } } } | ConvertTo-Json -Compress
[pscustomobject]@{ a = [pscustomobject]@{ b = @(1, 2) } } | ConvertTo-Json -Depth 1 -Compress
[pscustomobject]@{ a = [pscustomobject]@{ b = @(1, 2) } } | ConvertTo-Json -Depth 3
'"2026-11-25T13:20:32.5Z"' | ConvertFrom-Json | ConvertTo-Json
[pscustomobject]@{ list = @([pscustomobject]@{ x = @() }) } | ConvertTo-Json
@() | ConvertTo-Json
@() | ConvertTo-Json -AsArray
[pscustomobject]@{ a = 1; b = @(1) } | ConvertTo-Json -Depth 0
ConvertTo-Json -InputObject ([ordered]@{ s = 'a'; n = $null }) -Compress
@{ ctl = [string][char]1 + [char]31 } | ConvertTo-Json -Compress
