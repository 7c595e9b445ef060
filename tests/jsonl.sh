#!/usr/bin/env bash
# End-to-end checks of the streams: --jsonl records and -z documents through
# the worker pool (order, one line in for one line out, error policies,
# escaping, big and broken records, -j N against -j 1).
# usage: tests/jsonl.sh PATH/TO/newsclean REPO_DIR
set -u
bin=$1
repo=${2:-.}
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
lines() { wc -l <"$1" | tr -d ' '; }

article='Headline here\n3 min read\nA first paragraph of the story, with enough words to read as prose here.'
clean='Headline here\n\nA first paragraph of the story, with enough words to read as prose here.'

# In place; every other member byte for byte, white space and order included.
printf '{ "id" : 7,"text":"%s" ,"meta":{"a":[1,2.5e3,true,null]},"z":"\\u00e9"}\n' "$article" >"$tmp/one.jsonl"
"$bin" --jsonl "$tmp/one.jsonl" >"$tmp/out"; s=$?
printf '{ "id" : 7,"text":"%s" ,"meta":{"a":[1,2.5e3,true,null]},"z":"\\u00e9"}\n' "$clean" >"$tmp/want"
check "text cleaned in place, the rest byte for byte" cmp -s "$tmp/out" "$tmp/want"
check "exit 0" test "$s" = 0

# --output-field (new last member) and --annotate.
"$bin" --jsonl --output-field clean --annotate "$tmp/one.jsonl" >"$tmp/out"
check "--output-field and --annotate" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).read())
assert list(r) == ["id", "text", "meta", "z", "clean", "newsclean"], list(r)
assert "3 min read" in r["text"] and "3 min read" not in r["clean"]
assert r["newsclean"] == {"blocks": 3, "kept": 2, "dropped": {"meta": 1}}, r["newsclean"]
' "$tmp/out"
printf '{"clean":0,"text":"Body line.","newsclean":null}\n{}\n' | "$bin" --jsonl --output-field clean --annotate --field text >"$tmp/out" 2>"$tmp/err"
check "an existing output member is replaced in place" test "$(head -1 "$tmp/out")" = '{"clean":"Body line.","text":"Body line.","newsclean":{"blocks":1,"kept":1,"dropped":{}}}'
check "an empty object lacks the field" test "$(sed -n 2p "$tmp/out")" = '{}'

# Empty input; a final line without a newline; CRLF kept.
printf '' | "$bin" --jsonl >"$tmp/out"; s=$?
check "empty input: empty output, exit 0" test "$s" = 0 -a ! -s "$tmp/out"
printf '{"text":"a"}\n{"text":"b"}' | "$bin" --jsonl >"$tmp/out"
check "final line without newline" test "$(cat "$tmp/out")" = "$(printf '{"text":"a"}\n{"text":"b"}')" -a "$(lines "$tmp/out")" = 2
printf '{"text":"a"}\r\n' | "$bin" --jsonl | od -c | grep -q '}  \\r  \\n'
check "CRLF: the CR stays where it was" test $? = 0

# Escaping: control characters, invalid UTF-8, lone surrogates, pairs.
printf '{"text":"tab\\there \\u0001ctl q\\" bs\\\\ bad\xff byte \\ud800 lone \\udc00 low \\ud83d\\ude00 pair \\u00e9"}\n' >"$tmp/esc.jsonl"
"$bin" --jsonl "$tmp/esc.jsonl" >"$tmp/out"
check "escapes decoded and re-encoded exactly" python3 -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")  # valid UTF-8 out
t = json.loads(raw)["text"]
assert t == "tab here ctl q\" bs\\ bad\ufffd byte \ufffd lone \ufffd low \U0001F600 pair \u00e9", repr(t)
' "$tmp/out"

# Errors: reported with the line number, and each policy.
{
  printf '{"text":"one"}\n'
  printf '{"text":"two"\n'            # truncated
  printf 'not json\n'
  printf '{"other":1}\n'              # no field
  printf '{"text":5}\n'               # not a string
  printf '\n'                         # empty line
  printf '{"text":"x"} trailing\n'
  printf '{"text":"bad \\q escape"}\n'
  printf '{"text":"three"}\n'
} >"$tmp/bad.jsonl"
"$bin" --jsonl "$tmp/bad.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
check "pass: one line out per line in" test "$(lines "$tmp/out")" = 9
check "pass: exit 0" test "$s" = 0
check "pass: bad lines unchanged" cmp -s <(sed -n 2,8p "$tmp/out") <(sed -n 2,8p "$tmp/bad.jsonl")
check "pass: 7 messages" test "$(grep -c 'passed through unchanged' "$tmp/err")" = 7
check "message names file and line" grep -q "bad.jsonl:2: not valid JSON: truncated" "$tmp/err"
check "missing field named" grep -q 'bad.jsonl:4: no "text" member' "$tmp/err"
check "not a string named" grep -q 'bad.jsonl:5: "text" is not a string' "$tmp/err"
check "empty line named" grep -q 'bad.jsonl:6: empty line' "$tmp/err"
"$bin" --jsonl --on-error=drop "$tmp/bad.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
check "drop: only the good lines" test "$(cat "$tmp/out")" = "$(printf '{"text":"one"}\n{"text":"three"}')" -a "$s" = 0
check "drop: reported" test "$(grep -c '(dropped)' "$tmp/err")" = 7
"$bin" --jsonl --on-error=fail -j 2 "$tmp/bad.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
check "fail: exit 4" test "$s" = 4
check "fail: the lines before are written" test "$(cat "$tmp/out")" = '{"text":"one"}'
check "fail: says where it stopped" grep -q 'bad.jsonl:2: .*stopping' "$tmp/err"
"$bin" --jsonl --stats "$tmp/bad.jsonl" >/dev/null 2>"$tmp/err"
check "--stats summary" grep -q '9 record(s) read, 9 written, 0 changed, 7 in error' "$tmp/err"

# Usage errors.
check "--field needs --jsonl" test "$(status_of "$bin" --field x </dev/null)" = 2
check "--on-error=bogus" test "$(status_of "$bin" --jsonl --on-error=bogus </dev/null)" = 2
check "-j 0" test "$(status_of "$bin" --jsonl -j 0 </dev/null)" = 2
check "--jsonl with -z" test "$(status_of "$bin" --jsonl -z </dev/null)" = 2

# HTML from a member; site rules from the URL member.
printf '{"url":"https://example.com/a","html":"<html><body><article><h1>Title</h1><p>A first paragraph of the story, with enough words to read as prose here.</p></article></body></html>"}\n' |
  "$bin" --jsonl --html-field html --output-field text >"$tmp/out"
check "--html-field" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).read())
assert "<" not in r["text"] and "first paragraph" in r["text"] and r["html"].startswith("<html>"), r
' "$tmp/out"
printf '[site-only site=example.com]\ndrop marker /^SITE MARKER$/\n' >"$tmp/site.rules"
printf '{"url":"https://www.example.com/x","text":"Body line here.\\nSITE MARKER"}\n{"url":"https://other.org/","text":"Body line here.\\nSITE MARKER"}\n' >"$tmp/site.jsonl"
"$bin" --jsonl --rules "$tmp/site.rules" "$tmp/site.jsonl" >"$tmp/out"
check "url member picks site rules" test "$(head -1 "$tmp/out")" = '{"url":"https://www.example.com/x","text":"Body line here."}'
check "other sites keep the line" grep -q 'SITE MARKER' <(sed -n 2p "$tmp/out")
"$bin" --jsonl --url-field '' --rules "$tmp/site.rules" "$tmp/site.jsonl" >"$tmp/out"
check "--url-field '' turns it off" test "$(grep -c 'SITE MARKER' "$tmp/out")" = 2

# A record of 50 MB.
python3 -c '
import json, sys
para = "A paragraph of a very long article, with enough words to read as prose here. " * 20
text = "\n".join(para + str(i) for i in range(50 * 10**6 // len(para)))
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": 1, "text": text}) + "\n" + json.dumps({"id": 2, "text": "after"}) + "\n")
' "$tmp/big.jsonl"
timeout 120 "$bin" --jsonl -j 2 --max-bytes 64M "$tmp/big.jsonl" >"$tmp/out"; s=$?
check "50 MB record: exit 0" test "$s" = 0
check "50 MB record: two lines, valid JSON" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 2 and rows[0]["id"] == 1 and len(rows[0]["text"]) > 45 * 10**6 and rows[1]["text"] == "after"
' "$tmp/out"

# Over the default limit (32 MiB) the same record is not cleaned: it passes
# through unchanged, with a message, and the record after it still comes out.
timeout 120 "$bin" --jsonl -j 2 "$tmp/big.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
check "50 MB record over the default limit: exit 0" test "$s" = 0
check "50 MB record over the default limit: passed through" cmp -s "$tmp/out" "$tmp/big.jsonl"
check "50 MB record over the default limit: message" grep -q "big.jsonl:1: record over the size limit of 32 MiB (--max-bytes) (passed through unchanged)" "$tmp/err"

# Records over --max-bytes, by a little (caught by the worker) and by a lot
# (caught while reading, never held whole), under every policy and -j.
python3 - "$tmp/limit.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"n": 1, "text": "Short one.\nAdvertisement"}) + "\n")
    f.write(json.dumps({"n": 2, "text": "x" * 1100}) + "\n")          # just over 1K
    f.write(json.dumps({"n": 3, "text": "y " * 400000}) + "\n")      # far over 1K
    f.write(json.dumps({"n": 4, "text": "Last one.\nAdvertisement"}))  # no final newline
PY
for j in 1 2; do
  "$bin" --jsonl -j $j --max-bytes 1K "$tmp/limit.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
  check "limit -j $j pass: exit 0" test "$s" = 0
  check "limit -j $j pass: four lines in order, the big ones unchanged" python3 -c '
import json, sys
out = open(sys.argv[1]).read().split("\n")
src = open(sys.argv[2]).read().split("\n")
assert len(out) == 5 and out[4] == "", out[-1:]
assert [json.loads(l)["n"] for l in out[:4]] == [1, 2, 3, 4]
assert out[1] == src[1] and out[2] == src[2]
assert json.loads(out[0])["text"] == "Short one." and json.loads(out[3])["text"] == "Last one."
' "$tmp/out" "$tmp/limit.jsonl"
  check "limit -j $j pass: one message per big record" test "$(grep -c 'over the size limit of 1 KiB' "$tmp/err")" = 2
  "$bin" --jsonl -j $j --max-bytes 1K --on-error=drop "$tmp/limit.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
  check "limit -j $j drop: records 1 and 4" test "$s/$(grep -o '"n": [0-9]' "$tmp/out" | tr -d '\n')" = '0/"n": 1"n": 4'
  "$bin" --jsonl -j $j --max-bytes 1K --on-error=fail "$tmp/limit.jsonl" >"$tmp/out" 2>"$tmp/err"; s=$?
  check "limit -j $j fail: status 4 after record 1" test "$s/$(wc -l <"$tmp/out")" = "4/1"
  check "limit -j $j fail: names record 2" grep -q "limit.jsonl:2: record over the size limit" "$tmp/err"
done
# -z: the same for NUL-separated documents.
{ printf 'Short one.\nAdvertisement\0'; head -c 300000 /dev/zero | tr '\0' 'w'; printf '\0Last one.\n'; } >"$tmp/limit.z"
"$bin" -z --max-bytes 1K "$tmp/limit.z" >"$tmp/out" 2>"$tmp/err"; s=$?
check "-z limit: three documents, the big one unchanged" python3 -c '
import sys
out = open(sys.argv[1], "rb").read().split(b"\0")
assert out == [b"Short one.\n", b"w" * 300000, b"Last one.\n", b""], [len(x) for x in out]
' "$tmp/out"
check "-z limit: message names document 2" grep -q "limit.z:2: document over the size limit of 1 KiB" "$tmp/err"

# Order and one-in-one-out under -j: a mixed stream, -j 1 against -j 2 and -j 3.
python3 - "$tmp/mixed.jsonl" <<'PY'
import json, random, sys
random.seed(4)
words = "the a story of council water bridge said on Tuesday people city new report".split()
chrome = ["3 min read", "Advertisement", "Share", "Subscribe to our newsletter", "Photo: Getty Images"]
with open(sys.argv[1], "w", encoding="utf-8", errors="surrogatepass") as f:
    for i in range(30000):
        k = random.random()
        if k < 0.03:
            f.write(random.choice(['{"text":"cut', 'garbage', '{"id":%d}' % i, '', '{"text":"a"}}']) + "\n")
            continue
        n = random.randint(1, 12)
        paras = [" ".join(random.choice(words) for _ in range(random.randint(3, 40))) + "." for _ in range(n)]
        if random.random() < 0.5:
            paras.insert(random.randint(0, n), random.choice(chrome))
        if random.random() < 0.01:
            paras.append("x" * random.randint(100000, 400000))  # some big ones
        f.write(json.dumps({"id": i, "text": "\n".join(paras), "url": "https://s%d.example/" % (i % 7)}) + "\n")
PY
"$bin" --jsonl -j 1 "$tmp/mixed.jsonl" >"$tmp/j1" 2>"$tmp/e1"
"$bin" --jsonl -j 2 "$tmp/mixed.jsonl" >"$tmp/j2" 2>"$tmp/e2"
"$bin" --jsonl -j 3 <"$tmp/mixed.jsonl" >"$tmp/j3" 2>/dev/null
check "-j 2 output is byte for byte -j 1" cmp -s "$tmp/j1" "$tmp/j2"
check "-j 3 from stdin too" cmp -s "$tmp/j1" "$tmp/j3"
check "-j 2 messages are those of -j 1, in order" cmp -s "$tmp/e1" "$tmp/e2"
check "one line out per line in" test "$(lines "$tmp/j1")" = "$(lines "$tmp/mixed.jsonl")"
check "ids in input order" python3 -c '
import json, sys
ids = []
for a, b in zip(open(sys.argv[1], "rb"), open(sys.argv[2], "rb")):
    try:
        x, y = json.loads(a), json.loads(b)
    except ValueError:
        assert a == b; continue
    assert x.get("id") == y.get("id")
' "$tmp/mixed.jsonl" "$tmp/j1"

# -z through the pool: the same as -j 1, and as before.
tr '\n' '\0' <"$tmp/mixed.jsonl" | head -c 3000000 >"$tmp/mixed.z"
"$bin" -z -j 1 "$tmp/mixed.z" >"$tmp/z1"
"$bin" -z -j 2 "$tmp/mixed.z" >"$tmp/z2"
check "-z -j 2 is byte for byte -j 1" cmp -s "$tmp/z1" "$tmp/z2"
check "-z one output per document" test "$(tr -cd '\0' <"$tmp/z1" | wc -c)" = "$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print(d.count(b"\0") + (1 if d and not d.endswith(b"\0") else 0))' "$tmp/mixed.z")"

# Progress: on request, off with --no-progress and by default in a pipe.
"$bin" --jsonl --progress "$tmp/mixed.jsonl" >/dev/null 2>"$tmp/err"
check "--progress shows records, MB, MB/s and the share" grep -Eq '^newsclean: [0-9]+ records, [0-9.]+ MB, [0-9.]+ MB/s, 100% done$' <(grep -v 'passed through' "$tmp/err")
"$bin" --jsonl --no-progress "$tmp/one.jsonl" >/dev/null 2>"$tmp/err"
check "--no-progress is quiet" test ! -s "$tmp/err"

# Output errors: a full disk is an error, a closed pipe is not.
"$bin" --jsonl "$tmp/one.jsonl" >/dev/full 2>"$tmp/err"; s=$?
check "full disk exits 2" test "$s" = 2
"$bin" --jsonl -j 2 "$tmp/mixed.jsonl" 2>"$tmp/err" | head -n 1 >/dev/null
check "closed pipe is quiet" test -z "$(grep -v 'passed through' "$tmp/err")"

finish
