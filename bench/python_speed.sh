#!/usr/bin/env bash
# The Python module and newsclean.dask beside the C++ library and the command:
# bench/python_speed.py says what is measured. Ratios only, from one run.
# usage: bench/python_speed.sh [BUILD_DIR] [--mb N] [--skip-dask] ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
[ $# -gt 0 ] && shift
build=$(cd "$build" && pwd)
cmake --build "$build" --target newsclean newsclean_python library_speed -j2 >/dev/null
PYTHONPATH="$build/python" exec /usr/bin/python3 "$here/python_speed.py" --build "$build" "$@"
