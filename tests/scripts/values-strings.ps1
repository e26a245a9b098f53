# String operators and the .NET string methods.
'abc' -like 'A*'
'abc' -clike 'A*'
'abc' -eq 'ABC'
'abc' -ceq 'ABC'
'apple' -lt 'Banana'
'1' + 2
1 + '2'
'ab' * 3
'user@example' -replace '(\w+)@(\w+)', '$2:$1'
'Hello World' -replace 'o', '0'
'Hello' -creplace 'h', 'J'
'a1b22c333' -replace '\d+'
'John Smith' -match '(?<first>\w+) (?<last>\w+)'
$Matches.first
$Matches.last
$Matches[0]
'abc' -notmatch '\d'
'a,b,,c' -split ','
'one  two three' -split '\s+', 2
-split '  alpha beta  '
(1, 2, 3) -join '-'
-join ('x', 'y')
'Hello'.Length
'Hello'.ToUpper()
'  padded  '.Trim()
'xxhixx'.Trim('x')
'a,b;c'.Split(',')
'Hello'.Substring(1, 3)
'Hello'.IndexOf('l')
'Hello'.LastIndexOf('l')
'Hello'.Replace('l', 'L')
'Hello'.Contains('ell')
'Hello'.Contains('ELL')
'Hello'.StartsWith('He')
'Hello'.EndsWith('LO')
'7'.PadLeft(3, '0')
'ab'.PadRight(4) + '|'
'abcdef'.Remove(2, 2)
'abc'.Insert(1, '-')
('abc'.ToCharArray()) -join '|'
[string]::IsNullOrEmpty('')
[string]::IsNullOrWhiteSpace('  ')
[string]::Join(', ', @('a', 'b'))
[string]::Format('{0} has {1} items', 'list', 3)
'web01', 'db01', 'web02' -like 'web*'
'web01', 'db01' -contains 'DB01'
'x' -in 'a', 'x'
[regex]::Escape('1.5*2')
[regex]::IsMatch('ABC', 'abc')
([regex]'(\d+)').Match('abc 42').Groups[1].Value
[int][char]'A'
[char]97
([char]'a').GetType().Name
[char]'a' + 1
