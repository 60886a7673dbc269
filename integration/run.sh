#!/usr/bin/env bash
# Install wagtail-physio into a brand-new Wagtail site the way the README says, and
# check it in Chromium. See integration/README.md.
#
#   bash integration/run.sh PYTHON [oldest|newest|LABEL]
#
# PYTHON: the interpreter to test on; a comma-separated list of candidates takes the
#   first that runs (e.g. "python3.13,python3.12"). A bare name that pyenv has
#   installed but not activated is found in pyenv's versions folder.
# oldest: Django 5.2.*, Wagtail 7.4.* (+ django-csp 4 for the CSP)
# newest: the newest Django 6.x (<6.2) and Wagtail 8.x (<9)
# any other label: set DJANGO_SPEC and WAGTAIL_SPEC yourself (pip requirement specs).
#
# Everything happens in a new temporary folder (INTEGRATION_TMP, default $TMPDIR or
# /tmp): the wheel build, the virtual environment, the site, its database and the
# screenshots. Nothing is written to the checkout. The server is always stopped; the
# virtual environment is removed at the end, the site too when everything passed
# (KEEP_INTEGRATION_RUN=1 keeps both). Screenshots stay; their paths are printed.
set -euo pipefail

usage() { sed -n '2,18p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage
CANDIDATES=$1
LABEL=${2:-custom}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAX_SECONDS=${INTEGRATION_MAX_SECONDS:-360}
START=$SECONDS

case "$LABEL" in
  oldest)
    DJANGO_SPEC=${DJANGO_SPEC:-"Django==5.2.*"}
    WAGTAIL_SPEC=${WAGTAIL_SPEC:-"wagtail==7.4.*"} ;;
  newest)
    DJANGO_SPEC=${DJANGO_SPEC:-"Django>=6.0,<6.2"}
    WAGTAIL_SPEC=${WAGTAIL_SPEC:-"wagtail>=8.0,<9"} ;;
  *)
    : "${DJANGO_SPEC:?set DJANGO_SPEC (e.g. Django==5.2.*) for label $LABEL}"
    : "${WAGTAIL_SPEC:?set WAGTAIL_SPEC (e.g. wagtail==7.4.*) for label $LABEL}" ;;
esac

runs_python() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }
PY=""
IFS=',' read -r -a _candidates <<<"$CANDIDATES"
for candidate in "${_candidates[@]}"; do
  if runs_python "$candidate"; then
    PY=$candidate
    break
  fi
  # A bare name pyenv knows but has not made global (its shim then refuses to run):
  # try that interpreter in pyenv's versions folder, newest first.
  if [[ "$candidate" != */* ]] && command -v pyenv >/dev/null 2>&1; then
    for found in $(ls -1d "$(pyenv root)"/versions/*/bin/"$candidate" 2>/dev/null | sort -rV); do
      if runs_python "$found"; then
        PY=$found
        break 2
      fi
    done
  fi
done
if [ -z "$PY" ]; then
  echo "integration: none of these runs as Python 3.11 or newer: $CANDIDATES" >&2
  exit 1
fi

RUN=$(mktemp -d "${INTEGRATION_TMP:-${TMPDIR:-/tmp}}/wagtail-physio-integration-$LABEL.XXXXXX")
export PHYSIO_IT_RUN_DIR=$RUN PHYSIO_IT_LABEL=$LABEL
STATUS=1

phase() { printf '\n--- integration [%s] %s (%ds)\n' "$LABEL" "$*" "$((SECONDS - START))"; }

# Quieter pip: the machine's extra local indexes warn about every missing package.
pip_quiet() { "$@" 2>&1 | grep -v -E "^WARNING: Location '.*' is ignored" || return "${PIPESTATUS[0]}"; }

cleanup() {
  local pid
  # First the test run (its process group: timeout, pytest, Playwright's driver),
  # so that it starts no server after the list below is read.
  if [ -n "${PYTEST_PID:-}" ] && kill -0 -- "-$PYTEST_PID" 2>/dev/null; then
    echo "integration [$LABEL]: stopping the test run" >&2
    kill -TERM -- "-$PYTEST_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 -- "-$PYTEST_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$PYTEST_PID" 2>/dev/null || true
  fi
  # The test suite stops its servers; this catches one left by a killed run. Each
  # server runs in its own process group, whose id the suite writes down.
  if [ -f "$RUN/server.pids" ]; then
    while read -r pid; do
      if [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null; then
        echo "integration [$LABEL]: stopping server process group $pid" >&2
        kill -TERM -- "-$pid" 2>/dev/null || true
        sleep 1
        kill -KILL -- "-$pid" 2>/dev/null || true
      fi
    done <"$RUN/server.pids"
  fi
  rm -rf "$RUN/src" "$RUN/dist"
  if [ -n "${KEEP_INTEGRATION_RUN:-}" ]; then
    echo "integration [$LABEL]: kept $RUN/venv and $RUN/site" >&2
    return
  fi
  rm -rf "$RUN/venv"
  if [ "$STATUS" -eq 0 ]; then
    rm -rf "$RUN/site"
  elif [ -d "$RUN/site" ]; then
    echo "integration [$LABEL]: site kept for inspection in $RUN/site" >&2
    for log in "$RUN"/server-*.log; do
      [ -f "$log" ] || continue
      echo "--- last lines of $log" >&2
      tail -n 30 "$log" >&2
    done
  fi
}
PYTEST_PID=""
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

phase "Python: $PY ($("$PY" --version 2>&1)); $DJANGO_SPEC, $WAGTAIL_SPEC; run folder $RUN"
"$PY" -m venv "$RUN/venv"
VPY=$RUN/venv/bin/python
pip_quiet "$VPY" -m pip install --quiet --upgrade pip

phase "Build the wheel from a copy of the checkout"
# A copy, so the build writes no build/ or *.egg-info into the checkout.
mkdir -p "$RUN/src"
tar -C "$REPO" --exclude='__pycache__' --exclude='*.pyc' \
  -cf - pyproject.toml setup.cfg README.md LICENSE wagtail_physio | tar -C "$RUN/src" -xf -
pip_quiet "$VPY" -m pip wheel --quiet --no-deps -w "$RUN/dist" "$RUN/src"
WHEEL=$(ls "$RUN"/dist/wagtail_physio-*.whl)
echo "$WHEEL"

phase "Install the wheel (not editable), Django, Wagtail, pytest and Playwright"
pip_quiet "$VPY" -m pip install --quiet "$WHEEL" "$DJANGO_SPEC" "$WAGTAIL_SPEC" \
  "playwright>=1.45" "pytest>=8"
if (cd "$RUN" && PYTHONPATH= "$VPY" -c 'import django, sys; sys.exit(django.VERSION >= (6, 0))'); then
  # Django 5.2 has no Content-Security-Policy of its own.
  pip_quiet "$VPY" -m pip install --quiet "django-csp>=4,<5"
fi
# From the run folder with no PYTHONPATH: `python -c` puts the current folder first
# on sys.path, and in the checkout that would import its wagtail_physio instead.
(cd "$RUN" && PYTHONPATH= "$VPY" -c 'import django, wagtail, wagtail_physio
print("Python", __import__("sys").version.split()[0], "/ Django", django.__version__,
      "/ Wagtail", wagtail.__version__, "/ wagtail-physio", wagtail_physio.__version__,
      "from", wagtail_physio.__file__)')

phase "wagtail start, the README's snippets, migrate, content"
# PYTHONDONTWRITEBYTECODE: no __pycache__ in the checkout's integration/ folder.
(cd "$RUN" && PYTHONPATH='' PYTHONDONTWRITEBYTECODE=1 "$VPY" "$REPO/integration/build_site.py" \
  --run-dir "$RUN" --readme "$REPO/README.md")

phase "Checks in Chromium"
# The suite's own ini: no pytest-django, no xdist, nothing from setup.cfg.
# In the background and waited for, so that a signal to this script runs the cleanup
# at once; `timeout` makes itself a process group, which the cleanup can stop whole.
(cd "$RUN" && PYTHONPATH='' PYTHONDONTWRITEBYTECODE=1 exec timeout -k 15 240 "$VPY" -m pytest -v \
  -c "$REPO/integration/pytest.ini" --rootdir "$REPO/integration" "$REPO/integration") &
PYTEST_PID=$!
STATUS=1
if wait "$PYTEST_PID"; then STATUS=0; else STATUS=$?; fi

ELAPSED=$((SECONDS - START))
phase "done: pytest exit $STATUS in ${ELAPSED}s total"
if [ -d "$RUN/screenshots" ]; then
  echo "Screenshots:"
  ls -1 "$RUN"/screenshots/*.png 2>/dev/null | sed 's/^/  /'
fi
if [ "$STATUS" -eq 0 ] && [ "$ELAPSED" -gt "$MAX_SECONDS" ]; then
  echo "integration [$LABEL]: took ${ELAPSED}s, over the ${MAX_SECONDS}s budget" >&2
  STATUS=1
fi
exit "$STATUS"
