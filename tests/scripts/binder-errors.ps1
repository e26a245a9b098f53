# Binding failures, caught, with PowerShell's messages and error ids.
function f {
	param([Parameter(Mandatory)][ValidateSet('a', 'b')][string]$Mode)
	$Mode
}
try { f c } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }

function m { param($MemoryStartupBytes, $MemoryMinimumBytes) }
try { m -Mem 1 } catch { $_.Exception.Message }

function t([int]$n) { $n }
try { t abc } catch { $_.Exception.Message }

function req { param([Parameter(Mandatory)]$Name) $Name }
try { req } catch { $_.Exception.Message }

function adv { [CmdletBinding()] param($One) $One }
try { adv 1 2 } catch { $_.Exception.Message }
try { adv -Two 2 } catch { $_.Exception.Message }
try { adv -One } catch { $_.Exception.Message }
try { adv -One 1 -One 2 } catch { $_.Exception.Message }

try { Get-Variable -Bogus } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
try { Get-Variable -ErrorAction Sometimes } catch { $_.Exception.Message }
