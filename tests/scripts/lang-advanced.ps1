# Advanced functions: common parameters become the function's preferences.
function Test-Verbose {
    [CmdletBinding()]
    param([string]$Name = 'x')
    Write-Verbose "working on $Name"
    "done $Name"
}
Test-Verbose
Test-Verbose -Name y -Verbose
function Test-Quiet {
    [CmdletBinding()]
    param()
    Write-Error 'hidden error'
    'after error'
}
Test-Quiet -ErrorAction SilentlyContinue
function Test-WhatIf {
    [CmdletBinding(SupportsShouldProcess)]
    param()
    "whatif is $WhatIfPreference"
}
Test-WhatIf -WhatIf
try { Test-Quiet -ErrorAction Stop } catch { "stopped: $($_.Exception.Message)" }
function Remove-Thing {
    [CmdletBinding(SupportsShouldProcess)]
    param([string]$Name)
    if ($PSCmdlet.ShouldProcess($Name, 'Remove thing')) { "removed $Name" }
}
Remove-Thing a
Remove-Thing b -WhatIf
function Get-MyName { $MyInvocation.MyCommand.Name }
Get-MyName
