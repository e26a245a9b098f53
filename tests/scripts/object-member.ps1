# Get-Member, Add-Member, New-Object, Get-Unique
[pscustomobject]@{ a = 1; b = 'x' } | Get-Member | ForEach-Object { "$($_.Name)|$($_.MemberType)|$($_.Definition)" }
$all = [pscustomobject]@{ i = 1; l = 3000000000; d = 1.5; s = 'x'; b = $true; n = $null; a = @(1, 2); h = @{ k = 1 } }
$all | Get-Member -MemberType NoteProperty | ForEach-Object Definition
([pscustomobject]@{ n = 1 }, [pscustomobject]@{ n = 2 }, 'str' | Get-Member -MemberType NoteProperty | ForEach-Object { "$($_.TypeName) $($_.Name)" })
([pscustomobject]@{ alpha = 1; beta = 2; gamma = 3 } | Get-Member -Name a*, g* | ForEach-Object Name) -join ','
try {
    Get-Member -ErrorAction Stop
} catch {
    $_.Exception.Message
}
$o = [pscustomobject]@{ Name = 'vm1' }
$o | Add-Member -MemberType NoteProperty -Name Cpu -Value 4
$o | Add-Member -NotePropertyName Mem -NotePropertyValue 1024
$o | Add-Member -NotePropertyMembers ([ordered]@{ A = 1; B = 2 })
$o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.Cpu * 2 }
$o | Add-Member -MemberType AliasProperty -Name Cores -Value Cpu
"$($o.Cpu) $($o.Mem) $($o.A) $($o.B) $($o.Double) $($o.Cores)"
($o | Get-Member -MemberType Properties | ForEach-Object { "$($_.Name):$($_.MemberType)" }) -join ','
try {
    $o | Add-Member -NotePropertyName Cpu -NotePropertyValue 8 -ErrorAction Stop
} catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
$o | Add-Member -NotePropertyName Cpu -NotePropertyValue 8 -Force
"$($o.Cpu) $($o.Double)"
$o | Add-Member NoteProperty Extra 'e'
$o.Extra
$p = [pscustomobject]@{} | Add-Member -NotePropertyName X -NotePropertyValue 5 -PassThru
$p.X
$n = New-Object PSObject -Property @{ Name = 'made' }
$n.Name
$n2 = New-Object -TypeName PSCustomObject
@($n2 | Get-Member -MemberType NoteProperty).Count
$h = New-Object System.Collections.Hashtable
$h['a'] = 1
$h.Count
try {
    New-Object Foo.Bar -ErrorAction Stop
} catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
(1, 1, 2, 2, 2, 3, 1 | Get-Unique) -join ','
('a', 'A', 'b', 'b' | Get-Unique) -join ','
(1, 'x', 2, 'y', 'z' | Get-Unique -OnType) -join ','
('a', 'b', 'b' | Get-Unique -AsString) -join ','
