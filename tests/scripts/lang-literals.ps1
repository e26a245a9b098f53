# Literals: numbers, size suffixes, strings and their expansion.
42
-7
0x1F
1e3
1.5
2GB
1KB
1.5KB
10MB / 1MB
5l -is [long]
"tab:`t|"
'single $x'
$x = 'world'
"hello $x"
"sub $(1 + 2)"
"escaped `$x"
"quote "" inside"
'it''s'
"brace ${x}ly"
"member $($x.Length)"
"not a member $x.Length"
@"
here $x
  line2
"@
@'
literal $x
'@
$true
$false
$null
"done"
