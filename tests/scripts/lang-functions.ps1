# Functions: parameters, defaults, switches, pipelines, scopes, script blocks.
function Add-Two($a, $b) { $a + $b }
Add-Two 2 3
Add-Two -a 10 -b 5
Add-Two -b 1 -a 2
function Get-Greeting {
    param([string]$Name = 'World', [switch]$Loud)
    $g = "Hello, $Name"
    if ($Loud) { $g.ToUpper() } else { $g }
}
Get-Greeting
Get-Greeting -Name Ann
Get-Greeting Bob -Loud
Get-Greeting -N Cy
Get-Greeting -Name:Dee -Loud:$false
function Test-Args { "count=$($args.Count) first=$($args[0])" }
Test-Args a b c
function Sum-Input { begin { $t = 0 } process { $t += $_ } end { $t } }
1..4 | Sum-Input
filter Double { $_ * 2 }
1, 2, 3 | Double
function Join-Input { @($input) -join '+' }
1, 2, 3 | Join-Input
function Get-Typed([int]$n) { $n * 2 }
Get-Typed '21'
function Test-Return { 'before'; return 'value'; 'after' }
Test-Return
function Test-Pipe {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)]$InputObject)
    process { "got $InputObject" }
}
'x', 'y' | Test-Pipe
function Test-PropName {
    param([Parameter(ValueFromPipelineByPropertyName)]$Name)
    process { "name=$Name" }
}
[pscustomobject]@{ Name = 'alpha' } | Test-PropName
function Outer { $v = 'outer'; Inner }
function Inner { "inner sees $v" }
Outer
$v = 'global'
function Change { $v = 'local' }
Change
$v
function ChangeScript { $script:v = 'changed' }
ChangeScript
$v
function Get-Factorial($n) { if ($n -le 1) { 1 } else { $n * (Get-Factorial ($n - 1)) } }
Get-Factorial 5
$sb = { param($x) $x + 1 }
& $sb 41
$sb.Invoke(1)
. { $dotted = 'yes' }
$dotted
& { $notdotted = 'no' }
"[$notdotted]"
function Get-Bound { param($A, $B) $PSBoundParameters.Keys -join ',' }
Get-Bound -B 2
$params = @{ Name = 'Splat'; Loud = $true }
Get-Greeting @params
$list = @('Eve')
Get-Greeting @list
function Get-Many { 1; 2; 3 }
$many = Get-Many
$many.Count
(Get-Many | Measure-Object).Count
function Set-Pos { param([Parameter(Position = 1)]$Second, [Parameter(Position = 0)]$First) "$First then $Second" }
Set-Pos a b
$counter = { $script:calls++ }
$calls = 0
& $counter
& $counter
$calls
