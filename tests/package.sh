#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then a tiny program built against
# the installed package with find_package(newsclean), run on one article.
# usage: tests/package.sh BUILD_DIR [CMAKE]
set -u
build=$1
cmake=${2:-cmake}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}

"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1
check "cmake --install" test $? = 0
p=$tmp/prefix
check "binary installed" test -x "$p/bin/newsclean"
check "man page newsclean.1" test -f "$p/share/man/man1/newsclean.1"
check "man page newsclean-rules.5" test -f "$p/share/man/man5/newsclean-rules.5"
check "public header" test -f "$p/include/newsclean/newsclean.h" -a -f "$p/include/newsclean/block.h"
check "library" test -n "$(find "$p" -name 'libnewsclean.a' | head -1)"
check "package config" test -n "$(find "$p" -name 'newscleanConfig.cmake' | head -1)"
check "installed binary runs" test "$(printf 'One line.\n' | "$p/bin/newsclean")" = "One line."

mkdir "$tmp/app"
cat >"$tmp/app/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(newsclean_consumer LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(newsclean 0.1 REQUIRED)
add_executable(app app.cc)
target_link_libraries(app PRIVATE newsclean::newsclean)
CM
cat >"$tmp/app/app.cc" <<'CC'
// Reads an article on stdin, writes the clean text: the public API alone.
#include <iostream>
#include <iterator>
#include <newsclean/newsclean.h>

int main() {
  std::vector<newsclean::RuleError> errors;
  auto cleaner = newsclean::Cleaner::create(newsclean::Config{}, &errors);
  if (!cleaner) return 3;
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << cleaner->clean(in, newsclean::DocumentOptions{}).text();
  return 0;
}
CC
"$cmake" -S "$tmp/app" -B "$tmp/app/build" -DCMAKE_PREFIX_PATH="$p" -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1
s=$?
check "find_package(newsclean) configures" test $s = 0
[ $s = 0 ] || cat "$tmp/configure.log"
"$cmake" --build "$tmp/app/build" >"$tmp/build.log" 2>&1
s=$?
check "the program builds against newsclean::newsclean" test $s = 0
[ $s = 0 ] || tail -30 "$tmp/build.log"
out=$(printf 'Headline of the story\n3 min read\nA first paragraph of the story, with enough words to read as prose here.\n' | "$tmp/app/build/app")
check "the program cleans an article" test "$out" = "$(printf 'Headline of the story\n\nA first paragraph of the story, with enough words to read as prose here.')"

echo "$passed passed, $failed failed"
test "$failed" = 0
