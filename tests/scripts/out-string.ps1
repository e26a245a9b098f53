# Out-String: one string, or one per line with -Stream; -Width.
$s = [pscustomobject]@{ a = 1; b = 'two' } | Out-String
"[$s]"
$lines = [pscustomobject]@{ a = 1; b = 'two' } | Out-String -Stream
$lines.Count
$lines | ForEach-Object { "<$_>" }
'x', 'y' | Out-String
(1, 2, 3 | Out-String).Length
"a`nb" | Out-String -Stream | ForEach-Object { "[$_]" }
$long = [pscustomobject]@{ Name = 'n'; Text = 'x' * 50 }
$long | Format-Table | Out-String -Width 30 -Stream | ForEach-Object { "|$_|" }
'one', 'two' | Out-String -NoNewline
$empty = @() | Out-String
"empty:[$empty]"
