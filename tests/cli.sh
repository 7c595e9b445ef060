#!/usr/bin/env bash
# End-to-end checks of the command: streams, exit statuses, messages.
# usage: tests/cli.sh PATH/TO/newsclean REPO_DIR
set -u
bin=$1
repo=${2:-.}
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# Help, version, usage errors.
check "help exits 0" test "$(status_of "$bin" --help)" = 0
check "help lists --explain" grep -q -- '--explain' <("$bin" --help)
check "version" grep -Eq '^newsclean [0-9]+\.[0-9]+\.[0-9]+$' <("$bin" --version)
check "unknown option exits 2" test "$(status_of "$bin" --no-such-option)" = 2
"$bin" --no-such-option 2>"$tmp/err" </dev/null
check "unknown option message" grep -q "^newsclean: unknown option '--no-such-option'" "$tmp/err"
check "missing value exits 2" test "$(status_of "$bin" --rules)" = 2
check "missing file exits 2" test "$(status_of "$bin" "$tmp/nope.txt")" = 2

# Empty input: empty output, success.
printf '' | "$bin" >"$tmp/out"; s=$?
check "empty input exits 0" test "$s" = 0
check "empty input gives empty output" test ! -s "$tmp/out"

# Normalisation through the whole command.
printf '\xef\xbb\xbfFirst  line\xc2\xa0here\r\n\r\nbad \xff byte\r\n' | "$bin" >"$tmp/out"
printf 'First line here\n\nbad \xef\xbf\xbd byte\n' >"$tmp/want"
check "BOM, CRLF, NBSP, invalid UTF-8" cmp -s "$tmp/out" "$tmp/want"
printf 'Cafe\xcc\x81 and soft\xc2\xadhyphen and zero\xe2\x80\x8bwidth\n' | "$bin" >"$tmp/out"
printf 'Caf\xc3\xa9 and softhyphen and zerowidth\n' >"$tmp/want"
check "NFC, soft hyphen, zero width" cmp -s "$tmp/out" "$tmp/want"
printf '\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x80\x93 dash\n' | "$bin" --ascii-punct >"$tmp/out"
check "--ascii-punct" grep -qx '"Quoted" - dash' "$tmp/out"

# Several files: each cleaned on its own (duplicates are per article).
printf 'The same opening line of a story.\n' >"$tmp/a.txt"
cp "$tmp/a.txt" "$tmp/b.txt"
"$bin" "$tmp/a.txt" "$tmp/b.txt" >"$tmp/out"
check "duplicates are per article" test "$(grep -c 'same opening' "$tmp/out")" = 2
mkdir "$tmp/outdir"
"$bin" --output-dir "$tmp/outdir" "$tmp/a.txt" "$tmp/b.txt"
check "--output-dir writes each file" test -s "$tmp/outdir/a.txt" -a -s "$tmp/outdir/b.txt"
check "--output-dir needs files" test "$(printf x | status_of "$bin" --output-dir "$tmp/outdir")" = 2

# NUL-separated documents in and out.
printf 'One line.\0Two line.\0' | "$bin" -z >"$tmp/out"
printf 'One line.\n\0Two line.\n\0' >"$tmp/want"
check "-z keeps documents apart" cmp -s "$tmp/out" "$tmp/want"

# One missing file among several: the rest is still cleaned, status 2.
"$bin" "$tmp/a.txt" "$tmp/missing.txt" "$tmp/b.txt" >"$tmp/out" 2>"$tmp/err"; s=$?
check "missing file among several exits 2" test "$s" = 2
check "the other files are still cleaned" test "$(grep -c 'same opening' "$tmp/out")" = 2
check "missing file is named" grep -q "missing.txt" "$tmp/err"

# Rule errors: file:line:col, the line, a caret; exit 3.
printf '[meta]\ndrop bad /(unclosed/\n' >"$tmp/bad.rules"
"$bin" --rules "$tmp/bad.rules" </dev/null 2>"$tmp/err"; s=$?
check "bad rule exits 3" test "$s" = 3
check "bad rule names file:line:col" grep -q "bad.rules:2:11: bad pattern" "$tmp/err"
check "bad rule shows a caret" grep -q '^ *\^$' "$tmp/err"
printf 'include loop-b.rules\n' >"$tmp/loop-a.rules"
printf 'include loop-a.rules\n' >"$tmp/loop-b.rules"
check "include loop exits 3" test "$(status_of "$bin" --rules "$tmp/loop-a.rules" </dev/null)" = 3
"$bin" --rules "$tmp/loop-a.rules" </dev/null 2>"$tmp/err"
check "include loop is named" grep -q "include loop" "$tmp/err"
printf '[x]\ndrop slow /(a+)+$/ words<=5\n' >"$tmp/slow.rules"
head -c 100000 /dev/zero | tr '\0' a | timeout 10 "$bin" --rules "$tmp/slow.rules" >/dev/null; s=$?
check "a backtracking-exponential pattern runs in linear time" test "$s" = 0

# Output errors: a full disk is an error, a closed pipe is not.
printf 'Some text.\n' | "$bin" >/dev/full 2>"$tmp/err"; s=$?
check "full disk exits 2" test "$s" = 2
check "full disk is reported" grep -q "write error" "$tmp/err"
yes 'A line of an article that goes on and on, repeated many times over.' | head -n 200000 | nl >"$tmp/big.txt"
"$bin" "$tmp/big.txt" 2>"$tmp/err" | head -n 1 >/dev/null
check "closed pipe is quiet" test ! -s "$tmp/err"

# Explain and stats.
printf 'Headline here\n3 min read\nA first paragraph of the story, with enough words to read as prose here.\n' >"$tmp/e.txt"
"$bin" --explain=json "$tmp/e.txt" >"$tmp/out"
check "--explain=json is one valid JSON object per line" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3 and rows[1]["verdict"] == "drop" and rows[1]["reason"] == "meta/read-time", rows
' "$tmp/out"
"$bin" --explain "$tmp/e.txt" >"$tmp/out"
check "--explain names the rule" grep -q 'drop meta/read-time' "$tmp/out"
"$bin" --stats "$tmp/e.txt" 2>"$tmp/err" >/dev/null
check "--stats counts categories" grep -q 'meta 1' "$tmp/err"
# A repaired block counts whether or not --explain keeps its text as it came.
printf 'There\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s a caf\xc3\x83\xc2\xa9 on the corner of the square, said the owner.\n' >"$tmp/moji.txt"
"$bin" --stats "$tmp/moji.txt" 2>"$tmp/err" >/dev/null
check "--stats counts repaired blocks" grep -q 'repaired 1' "$tmp/err"
check "--list-rules" grep -q '^meta/read-time' <("$bin" --list-rules)
check "--no-default-rules keeps read time" grep -q '3 min read' <("$bin" --no-default-rules "$tmp/e.txt")
check "--disable a category" grep -q '3 min read' <("$bin" --disable meta "$tmp/e.txt")
printf 'A line said twice.\nA line said twice.\n' >"$tmp/twice.txt"
check "--disable a heuristic" test "$("$bin" --disable dup/exact "$tmp/twice.txt" | grep -c twice)" = 2
check "--disable a heuristic category" test "$("$bin" --disable dup "$tmp/twice.txt" | grep -c twice)" = 2
check "the heuristic works when not disabled" test "$("$bin" "$tmp/twice.txt" | grep -c twice)" = 1

# Binary input gets a warning, not a crash.
head -c 4096 /dev/urandom >"$tmp/bin.dat"
"$bin" "$tmp/bin.dat" >/dev/null 2>"$tmp/err"; s=$?
check "binary input exits 0" test "$s" = 0
check "binary input is named in a warning" grep -q "binary" "$tmp/err"

# A huge single line is handled.
head -c 20000000 /dev/zero | tr '\0' 'x' | timeout 20 "$bin" >"$tmp/out"; s=$?
check "20 MB single line" test "$s" = 0 -a "$(wc -c <"$tmp/out")" = 20000001

finish
