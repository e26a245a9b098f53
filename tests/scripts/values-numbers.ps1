# Number semantics: widening, division, rounding casts, formatting.
7 / 2
6 / 2
(6 / 2).GetType().Name
2147483647 + 1
(2147483647 + 1).GetType().Name
9223372036854775807 + 1
(9223372036854775807 + 1).GetType().Name
-7 % 3
[int]2.5
[int]3.5
[int]-2.5
[long]'42'
0.1 + 0.2
1e15
1e14
1.5e-5
[double]::MaxValue
1 / 3
'{0:N2}' -f 1234.5
'{0:N0}' -f 1234567
'{0:F3}' -f [math]::PI
'{0:D5}' -f 42
'{0:X}' -f 255
'{0:x8}' -f 255
'{0:0.00}' -f 2.5
'{0:#,##0}' -f 9876543
'{0:#.##}' -f 3.14159
'[{0,6}] [{1,-6}]' -f 12, 'ab'
'{{literal}} {0}' -f 'x'
(1234.5).ToString('N1')
(42).ToString('000')
[math]::Round(2.5)
[math]::Round(3.5)
[math]::Round(2.345, 2)
[math]::Round(2.5, 'AwayFromZero')
[math]::Max(3, 9)
[math]::Min(-1, 4)
[math]::Floor(-2.5)
[math]::Ceiling(2.1)
[math]::Abs(-17)
[math]::Pow(2, 10)
[math]::Sqrt(144)
[int]::MaxValue
[long]::MinValue
5 -band 3
5 -bor 3
5 -bxor 3
1 -shl 4
-16 -shr 2
'10' -lt 9
10 -lt '9'
0x1F
1kb
2gb
[Convert]::ToString(10, 2)
[Convert]::ToInt32('ff', 16)
