"""A PEP 517 build backend for herald-client, in the standard library alone.

Why not setuptools or another published backend: `pip install
./clients/python` must work on a machine that reaches no package index,
and pip's isolated build installs the backend named in pyproject.toml
from the index first. This one is in the tree (`backend-path`) and needs
nothing, so the build has nothing to fetch. It does only what this
pure-Python, dependency-free package needs: a py3-none-any wheel of the
package directory named after the project, an sdist of the tree, and an
editable wheel (PEP 660) that points at the sources.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import tomllib
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _project() -> dict:
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def _names() -> tuple[str, str, str]:
    """The project's name as written, its normalised file-name form, and
    its version."""
    p = _project()
    return p["name"], p["name"].replace("-", "_").replace(".", "_").lower(), p["version"]


def _metadata() -> str:
    p = _project()
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + p["name"],
        "Version: " + p["version"],
        "Summary: " + p.get("description", ""),
    ]
    if "requires-python" in p:
        lines.append("Requires-Python: " + p["requires-python"])
    if isinstance(p.get("license"), dict) and "text" in p["license"]:
        lines.append("License: " + p["license"]["text"])
    for dep in p.get("dependencies", []):
        lines.append("Requires-Dist: " + dep)
    readme = os.path.join(ROOT, "README.md")
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            return "\n".join(lines) + "\n\n" + f.read()
    return "\n".join(lines) + "\n"


def _package_files(package: str) -> list[str]:
    """The package's files, relative to ROOT, sorted; no bytecode."""
    out = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, package)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if not name.endswith((".pyc", ".pyo")):
                out.append(os.path.relpath(os.path.join(dirpath, name), ROOT))
    return out


def _wheel(directory: str, files: dict[str, bytes]) -> str:
    """Writes a py3-none-any wheel holding files plus its .dist-info, with
    a RECORD of every file's SHA-256 and size; returns its file name."""
    _, norm, version = _names()
    info = f"{norm}-{version}.dist-info"
    files = dict(files)
    files[info + "/METADATA"] = _metadata().encode()
    files[info + "/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: herald_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    files[info + "/RECORD"] = ("\n".join(record) + "\n").encode()
    name = f"{norm}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            z.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _, norm, _ = _names()
    files = {}
    for rel in _package_files(norm):
        with open(os.path.join(ROOT, rel), "rb") as f:
            files[rel.replace(os.sep, "/")] = f.read()
    if not files:
        raise RuntimeError(f"no package directory {norm}/ beside pyproject.toml")
    return _wheel(wheel_directory, files)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """A wheel whose .pth file puts this source tree on sys.path."""
    _, norm, _ = _names()
    return _wheel(wheel_directory, {f"_{norm}_editable.pth": (ROOT + "\n").encode()})


def build_sdist(sdist_directory, config_settings=None):
    _, norm, version = _names()
    base = f"{norm}-{version}"
    name = base + ".tar.gz"
    members = ["pyproject.toml", "README.md", os.path.join("_backend", "herald_build.py")] + _package_files(norm)
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in members:
            path = os.path.join(ROOT, rel)
            if os.path.exists(path):
                tar.add(path, arcname=base + "/" + rel.replace(os.sep, "/"), recursive=False)
        pkg_info = _metadata().encode()
        ti = tarfile.TarInfo(base + "/PKG-INFO")
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return name
