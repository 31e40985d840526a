"""What the tests share: the package under test, how a test that cannot
run says so, and the herald binary."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(os.path.dirname(SOURCE))

try:  # the installed package (pip install ./clients/python), when there is one
    import herald_client  # noqa: F401
except ImportError:  # else the sources beside these tests
    sys.path.insert(0, SOURCE)
    import herald_client  # noqa: F401


def in_ci() -> bool:
    """CI=true or 1, as internal/testenv reads it (.ci/run sets it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def missing(test: str, need: str, why: str) -> Exception:
    """What a test that cannot run raises: in CI a failure, elsewhere a
    skip that names the test and what it needs, never a silent pass."""
    if in_ci():
        return RuntimeError(f"{test} needs {need}, which CI must provide: {why}")
    return unittest.SkipTest(f"{test} cannot run outside CI without {need} (it fails instead under CI=true): {why}")


_built = None


def herald_binary(test: str) -> str:
    """HERALD_BINARY when set, else a herald built now with `go build
    ./cmd/herald` into a temporary directory."""
    global _built
    if os.environ.get("HERALD_BINARY"):
        return os.environ["HERALD_BINARY"]
    if _built:
        return _built
    go = shutil.which("go")
    if go is None:
        raise missing(test, "HERALD_BINARY or Go", "it builds herald from this checkout when HERALD_BINARY is unset")
    out = os.path.join(tempfile.mkdtemp(prefix="herald-bin-"), "herald")
    done = subprocess.run([go, "build", "-o", out, "./cmd/herald"], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"HERALD_BINARY is not set and `go build ./cmd/herald` failed in {REPO}:\n{done.stderr}")
    _built = out
    return out
