# Arrays and hashtables as values.
$a = 1, 2, 3
$b = $a + 4
$a.Count
$b.Count
($a * 2) -join ','
(1, 2, 3, 4) -gt 2
((1, 2, 3) -eq 2).GetType().Name
((1, 2, 3) -eq 2).Count
$a.Contains(2)
$a.IndexOf(3)
(1..5) -join ' '
(5..1) -join ' '
$h = @{ Name = 'vm1'; Cpu = 2 }
$h.Count
$h['name']
$h.ContainsKey('CPU')
$h.Add('Memory', 4)
$h.Memory
try { $h.Add('name', 'x') } catch { $_.Exception.Message }
$h.Remove('Cpu')
$h.Count
$m = @{ a = 1 } + @{ b = 2 }
$m.Count
try { @{ a = 1 } + @{ a = 2 } } catch { $_.Exception.Message }
$o = [ordered]@{ z = 1; y = 2; x = 3 }
$o.Keys -join ','
$o -is [hashtable]
$p = [pscustomobject]@{ Name = 'vm1'; State = 'Off' }
"$p"
$p.GetType().FullName
@{ k = 1 }.GetType().FullName
$e = @{ one = 1 }.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }
$e
,1 -is [array]
[bool]@()
[bool]@(0)
[bool]'false'
$null -eq $a
@($null).Count
