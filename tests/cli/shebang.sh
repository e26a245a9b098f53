#!/bin/sh
# A script starting with #!/usr/bin/env hvsh runs directly, with arguments.
. "$ROOT/tests/cli/common.inc"

mkdir "$tmp/bin"
ln -s "$HVSH" "$tmp/bin/hvsh"
cat >"$tmp/greet" <<'PS1'
#!/usr/bin/env hvsh
param($Who = "world")
"hello, $Who"
exit 3
PS1
chmod +x "$tmp/greet"
PATH="$tmp/bin:$PATH" "$tmp/greet" admin </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
check "shebang with an argument" 3 "hello, admin"
PATH="$tmp/bin:$PATH" "$tmp/greet" </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
check "shebang without arguments" 3 "hello, world"

finish
