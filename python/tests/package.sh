#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then Debian's python3 imports the
# installed package from another directory, with nothing of the build tree on
# its path, and cleans an article with it, in a Dask worker process too.
# usage: python/tests/package.sh BUILD_DIR CMAKE PYTHON INSTALL_DIR
set -u
build=$1 cmake=$2 python=$3 dir=$4
# $tmp, check and finish, as every end-to-end test script has them.
. "$(dirname "$0")/../../tests/lib.sh"

"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1
check "cmake --install" test $? = 0
pkg=$tmp/prefix/$dir/newsclean
check "extension installed" test -n "$(find "$pkg" -name '_newsclean*.so' | head -1)"
for f in __init__.py __init__.pyi dask.py py.typed; do check "$f installed" test -f "$pkg/$f"; done

# Installed with --prefix /usr/local (or /usr), Debian's python3 finds it
# with no PYTHONPATH: the directory is on its own path.
for prefix in /usr/local /usr; do
  check "$prefix/$dir is on $python's path" env -u PYTHONPATH "$python" -c '
import sys; assert sys.argv[1] in sys.path, sys.path' "$prefix/$dir"
done

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
out=$(env -u PYTHONPATH PYTHONPATH="$tmp/prefix/$dir" PYTHONNOUSERSITE=1 "$python" -c '
import os, sys, pickle
import newsclean, newsclean.dask
here = os.path.realpath(newsclean.__file__)
assert here.startswith(os.path.realpath(sys.argv[1])), here
article = "Headline here\n3 min read\nA first paragraph of the story, with enough words to read as prose here.\n"
print(newsclean.clean(article), end="")
c = pickle.loads(pickle.dumps(newsclean.Cleaner(disable="meta")))
print(c.clean(article) != newsclean.clean(article))
' "$tmp/prefix" 2>"$tmp/err")
s=$?
[ $s = 0 ] || cat "$tmp/err"
check "the installed package imports and cleans" test "$out" = "$(printf 'Headline here\n\nA first paragraph of the story, with enough words to read as prose here.\nTrue')"

finish
