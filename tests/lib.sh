# Shared by the end-to-end test scripts: sourced after `bin` and `repo` are set.
# Gives a temporary folder $tmp (removed at exit), check NAME COMMAND... (counts a
# pass or prints FAIL NAME), status_of COMMAND... (the exit status alone), and
# finish, which prints the closing 'N passed, N failed' line and sets the status.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
status_of() { "$@" >/dev/null 2>&1; echo $?; }

finish() {
  echo "$passed passed, $failed failed"
  test "$failed" = 0
}
