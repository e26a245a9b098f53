# Arrays, hashtables, indexing, member enumeration and multiple assignment.
$a = 1, 2, 3
$a.Count
$a[0]
$a[-1]
$a[0..1] -join ','
$a[5]
$b = @()
$b.Count
$c = @(1)
$c.Count
$d = , 5
$d.Count
$a += 4
$a -join ','
$e = $a
$e[0] = 99
$a[0]
@(1, 2, (3, 4)).Count
$h = @{ a = 1; b = 'two' }
$h.a
$h['b']
$h.Count
$h.c = 3
$h.Count
$h.ContainsKey('c')
$h.Remove('a')
$h.Count
$o = [ordered]@{ z = 1; y = 2; x = 3 }
$o.Keys -join ','
$h2 = @{}
$h2['k'] = 'v'
$h2.k
$x, $y = 1, 2
"$x $y"
$first, $rest = 1, 2, 3
$first
$rest -join ','
$arr = 1..3
$arr.Length
$names = @([pscustomobject]@{ Name = 'a' }, [pscustomobject]@{ Name = 'b' })
$names.Name -join ','
(1, 2, 3).ForEach({ $_ * 2 }) -join ','
(1, 2, 3, 4).Where({ $_ % 2 -eq 0 }) -join ','
$m = @(1, 2, 3)
$m[1..2] -join '+'
$s = 'hello'
$s[0]
$s[-1]
$s.Length
$obj = [pscustomobject]@{ Name = 'vm1'; Memory = 2GB }
$obj.Name
$obj.Memory / 1GB
$obj.Name = 'vm2'
$obj.Name
$nested = @{ inner = @{ value = 42 } }
$nested.inner.value
$list = @(
    'one'
    'two'
)
$list.Count
$empty = $null
@($empty).Count
(@(1, 2) + @(3)).Count
$matrix = @(@(1, 2), @(3, 4))
$matrix[1][0]
# a single object indexes as a collection of one
$one = [pscustomobject]@{ a = 1 }
"$($one[0].a) $($one[-1].a) $($null -eq $one[1]) $($one[0, -1].Count)"
