# if, loops, labels, switch, and statements used as values.
$n = 5
if ($n -gt 3) { 'big' } elseif ($n -gt 1) { 'medium' } else { 'small' }
if ($n -lt 0) { 'neg' } else { 'nonneg' }
$r = if ($n -eq 5) { 'five' } else { 'other' }
$r
foreach ($i in 1..3) { "item $i" }
for ($i = 0; $i -lt 3; $i++) { "for $i" }
$i = 0
while ($i -lt 3) { $i++; "while $i" }
$i = 0
do { $i++ } while ($i -lt 5)
$i
$i = 0
do { $i++ } until ($i -ge 7)
$i
foreach ($i in 1..10) { if ($i -eq 3) { continue }; if ($i -eq 5) { break }; $i }
:outer foreach ($a in 1..3) {
    foreach ($b in 1..3) {
        if ($b -eq 2) { continue outer }
        if ($a -eq 3) { break outer }
        "$a-$b"
    }
}
switch (2) { 1 { 'one' } 2 { 'two' } default { 'other' } }
switch ('abc') { 'ABC' { 'matched case-insensitive' } }
switch -CaseSensitive ('abc') { 'ABC' { 'wrong' } default { 'no case match' } }
switch -Wildcard ('web01') { 'web*' { 'web server' } 'db*' { 'db server' } }
switch -Regex ('error: 42') { '(\d+)' { "code $($Matches[1])" } }
switch (1, 2, 3) { 2 { 'saw two' } default { "not two: $_" } }
switch (5) { { $_ -gt 3 } { 'greater than 3' } }
switch (3) { 3 { 'first'; break } 3 { 'second' } }
switch (1, 2, 3) { 2 { continue } default { "item $_" } }
$sq = foreach ($i in 1..3) { $i * $i }
$sq -join ','
$total = 0
foreach ($v in @(4, 5, 6)) { $total += $v }
$total
foreach ($v in $null) { 'never' }
$count = 0
while ($true) { $count++; if ($count -ge 4) { break } }
$count
for ($j = 10; $j -gt 0; $j -= 4) { $j }
