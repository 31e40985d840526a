"""The in-tree build backend (_backend/herald_build.py), which makes
`pip install ./clients/python` work with no package index: its wheel holds
the package and a RECORD whose hashes and sizes match, its sdist holds what
a build from it needs, and its editable wheel points at these sources."""

import base64
import hashlib
import importlib.util
import os
import tarfile
import tempfile
import unittest
import zipfile

import support

spec = importlib.util.spec_from_file_location("herald_build", os.path.join(support.SOURCE, "_backend", "herald_build.py"))
herald_build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(herald_build)


class BuildTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def record(self, wheel):
        """The wheel's RECORD rows, checked against the files it holds."""
        with zipfile.ZipFile(wheel) as z:
            names = set(z.namelist())
            record = next(n for n in names if n.endswith(".dist-info/RECORD"))
            rows = [r.split(",") for r in z.read(record).decode().splitlines()]
            self.assertEqual({r[0] for r in rows}, names, "RECORD lists every file, and only those")
            for path, digest, size in rows:
                if path == record:
                    self.assertEqual((digest, size), ("", ""))
                    continue
                data = z.read(path)
                want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                self.assertEqual((digest, size), (want, str(len(data))), path)
            return names, {n: z.read(n) for n in names}

    def test_wheel(self):
        name = herald_build.build_wheel(self.dir.name)
        self.assertEqual(name, "herald_client-0.1.0.dev0-py3-none-any.whl")
        names, files = self.record(os.path.join(self.dir.name, name))
        for want in ("herald_client/__init__.py", "herald_client/client.py", "herald_client/verify.py"):
            self.assertIn(want, names)
        self.assertFalse([n for n in names if "__pycache__" in n or n.startswith("tests/")])
        metadata = files["herald_client-0.1.0.dev0.dist-info/METADATA"].decode()
        self.assertIn("Name: herald-client\n", metadata)
        self.assertIn("Requires-Python: >=3.11\n", metadata)
        self.assertNotIn("Requires-Dist", metadata, "the client has no runtime dependency")
        self.assertEqual(herald_build.get_requires_for_build_wheel(), [])

    def test_editable(self):
        name = herald_build.build_editable(self.dir.name)
        _, files = self.record(os.path.join(self.dir.name, name))
        self.assertEqual(files["_herald_client_editable.pth"].decode().strip(), support.SOURCE)

    def test_sdist(self):
        name = herald_build.build_sdist(self.dir.name)
        with tarfile.open(os.path.join(self.dir.name, name)) as tar:
            names = set(tar.getnames())
        base = "herald_client-0.1.0.dev0/"
        for want in ("pyproject.toml", "PKG-INFO", "_backend/herald_build.py", "herald_client/client.py"):
            self.assertIn(base + want, names)


if __name__ == "__main__":
    unittest.main()
