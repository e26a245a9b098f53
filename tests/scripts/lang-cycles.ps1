# Objects that refer to themselves work, and are freed (the sanitizer build checks).
$o = [pscustomobject]@{ Name = 'vm1' }
$o | Add-Member -NotePropertyName Me -NotePropertyValue $o
$o.Me.Me.Name
$a = @(1, 2)
$a[0] = $a
$a[0][1]
$h = @{ name = 'h' }
$h.self = $h
$h.self.self.name
# an object that holds itself converts to a string without end
$self = [pscustomobject]@{ a = 1 }
$self | Add-Member b $self
"$self"
"$([pscustomobject]@{ x = $self })"
