# Binding of script function parameters: names, prefixes, positions,
# switches, ValidateSet, defaults and $args.
function f {
	param([Parameter(Mandatory)][ValidateSet('a', 'b')][string]$Mode, [int]$Count = 5)
	"$Mode $Count"
}
f a
f b 7
f -Mode a -Count 3
f -M b -C 2
f -Count:9 -mode:A

function g($x) { "x=$x args=$($args -join ',')" }
g 1 2 3
g -x 5 -y 6

function s { param([switch]$Force) "Force=$Force" }
s
s -Force
s -Force:$false

function arr([string[]]$Names) { "$($Names.Count): $($Names -join '+')" }
arr one
arr one, two, three
