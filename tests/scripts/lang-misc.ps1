<# Block comments, line continuation, dot-sourcing a file, parameter sets,
   $PSItem, and the common -OutVariable / -WarningAction parameters. #>
$lib = Join-Path ([IO.Path]::GetTempPath()) "hvsh-lib-$PID.ps1"
Set-Content -Path $lib -Value 'function Get-FromLib { "from lib" }', '$libVar = 42'
. $lib
Get-FromLib
$libVar
Remove-Item $lib
$sum = 1 + `
    2 + <# inline #> 3
$sum
1, 2, 3 | ForEach-Object { $PSItem * 10 }
function Get-Thing {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Position = 0)][string]$Name,
        [Parameter(ParameterSetName = 'ById')][int]$Id
    )
    "$($PSCmdlet.ParameterSetName) $Name$Id"
}
Get-Thing web
Get-Thing -Id 7
Write-Output a, b -OutVariable saved | Out-Null
$saved -join '+'
Write-Warning 'not shown' -WarningAction SilentlyContinue
Write-Warning 'shown'
& { Write-Warning 'silenced'; 'kept' } 3>$null
$f = Join-Path ([IO.Path]::GetTempPath()) "hvsh-all-$PID.txt"
& { 'out'; Write-Error 'err' } *> $f
(Get-Content $f).Count -ge 1
Remove-Item $f
