# ConvertFrom-Json: objects, arrays, types, hashtables, errors
$o = '{"Name":"web01","Cpu":2,"Tags":["a","b"],"Nested":{"X":1.5,"Y":null},"On":true}' | ConvertFrom-Json
$o.Name
$o.Cpu
$o.Cpu -is [long]
$o.Tags -join ','
$o.Tags.Count
$o.Nested.X
$null -eq $o.Nested.Y
$o.On
$o | ConvertTo-Json -Compress
$o
'[1,2,3]' | ConvertFrom-Json | ForEach-Object { $_ * 2 }
('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count
('[1,2,3]' | ConvertFrom-Json -NoEnumerate | Measure-Object).Count
$h = '{"b":1,"a":{"c":[1,{"d":2}]}}' | ConvertFrom-Json -AsHashtable
$h.Keys -join ','
$h['a']['c'][1]['d']
$h | ConvertTo-Json -Compress -Depth 5
$lines = '{', '  "k": "v",', '  "n": [ ]', '}'
($lines | ConvertFrom-Json).k
@(($lines | ConvertFrom-Json).n).Count
'"a\"b\\c\/d\u0041\u00e9\ud83d\ude00"' | ConvertFrom-Json
('"line1\nline2"' | ConvertFrom-Json).Split("`n").Count
'{}' | ConvertFrom-Json | ConvertTo-Json
$d = ('{"when":"2026-11-25T13:20:32Z"}' | ConvertFrom-Json).when
$d -is [datetime]
$d.Year
('"2026-11-25 not a date"' | ConvertFrom-Json) -is [string]
$n = '{"big":12345678901234,"neg":-5,"exp":1e3,"f":0.25,"huge":123456789012345678901234}' | ConvertFrom-Json
"$($n.big) $($n.neg) $($n.exp) $($n.f) $($n.exp -is [double])"
'' | ConvertFrom-Json
'   ' | ConvertFrom-Json
try {
    'Hello' | ConvertFrom-Json -ErrorAction Stop
} catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
try {
    '{"a":x}' | ConvertFrom-Json
} catch {
    $_.Exception.Message
}
try {
    '[1,2' | ConvertFrom-Json
} catch {
    $_.Exception.Message
}
try {
    '{"a":1} 2' | ConvertFrom-Json
} catch {
    $_.Exception.Message
}
try {
    '[[[1]]]' | ConvertFrom-Json -Depth 2
} catch {
    $_.Exception.Message
}
try {
    '{"a":1,"A":2}' | ConvertFrom-Json
} catch {
    $_.Exception.Message
}
'end of data-json-from'
