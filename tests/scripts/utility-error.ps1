# Write-Error writes a non-terminating error record
Write-Error 'plain' -ErrorAction SilentlyContinue
$Error[0].Exception.Message
"$($Error[0].CategoryInfo.Category)"
$Error[0].FullyQualifiedErrorId -like 'Microsoft.PowerShell.Commands.WriteErrorException*'
'after the error'

try {
    Write-Error 'stop me' -ErrorAction Stop
    'not reached'
} catch {
    "caught: $($_.Exception.Message)"
}

try {
    Write-Error -Message 'bad arg' -Category InvalidArgument -ErrorId MyId -TargetObject 42 -ErrorAction Stop
} catch {
    "$($_.CategoryInfo.Category)"
    $_.TargetObject
    $_.FullyQualifiedErrorId -like 'MyId*'
}

$ErrorActionPreference = 'Stop'
try { Write-Error 'by preference' } catch { "preference: $_" }
$ErrorActionPreference = 'Continue'

# the error count grows with every non-terminating error
$before = $Error.Count
Write-Error 'one' -ErrorAction SilentlyContinue
Write-Error 'two' -ErrorAction SilentlyContinue
$Error.Count - $before
$Error[0].Exception.Message

function Test-Fail { Write-Error 'from a function' -ErrorAction SilentlyContinue; 'function goes on' }
Test-Fail
