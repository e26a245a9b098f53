# A missing location is reported once.
Set-Location /nonexistent/dir -ErrorVariable ev -ErrorAction SilentlyContinue
$ev.Count
Set-Location /nonexistent/d* -ErrorVariable ev2 -ErrorAction SilentlyContinue
$ev2.Count
