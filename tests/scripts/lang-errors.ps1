# try/catch/finally, throw, trap, $Error, -ErrorAction and error records.
try { throw 'boom' } catch { "caught: $($_.Exception.Message)" }
try { 1 / 0 } catch { "div: $($_.Exception.Message)" }
try { throw 'x' } catch { 'in catch' } finally { 'in finally' }
try { 'no error' } finally { 'finally runs' }
try { [int]'abc' } catch { $_.Exception.Message }
try { $null.Foo() } catch { $_.Exception.Message }
try { 'abc'.NoSuchMethod() } catch { $_.FullyQualifiedErrorId }
try { Get-NoSuchCommand } catch [System.Management.Automation.CommandNotFoundException] { 'typed catch' }
try { throw 'plain' } catch [System.IO.IOException] { 'wrong' } catch { 'fallback' }
function Fail { throw 'inner failure' }
try { Fail } catch { "from function: $_" }
$err = $null
try { throw 'x' } catch { $err = $_ }
$err.FullyQualifiedErrorId
$err -is [System.Management.Automation.ErrorRecord]
function Use-Trap {
    trap { "trapped: $($_.Exception.Message)"; continue }
    throw 'oops'
    'after throw'
}
Use-Trap
function Soft { 1 / 0; 'still running' }
Soft 2>$null
Get-Item /definitely/not/here -ErrorAction SilentlyContinue
$?
'ok'
$?
try { Get-Item /definitely/not/here -ErrorAction Stop } catch { "stopped: $($_.CategoryInfo.Category)" }
$ErrorActionPreference = 'Stop'
try { Get-Item /nope/x } catch { 'preference stop' }
$ErrorActionPreference = 'Continue'
Get-Item /nope/y -ErrorAction SilentlyContinue -ErrorVariable ev
$ev.Count
$ev[0].Exception.Message
$Error[0].Exception.Message
try { throw [pscustomobject]@{ Code = 7 } } catch { $_.TargetObject.Code }
try {
    try { throw 'inner' } finally { 'inner finally' }
} catch { "outer caught $_" }
try { throw 'rethrown' } catch { try { throw } catch { "again: $_" } }
$ok = $true
try { 1 } catch { $ok = $false }
$ok
