"""`pip install --no-index --no-build-isolation --target DIR ./python` works
from a source checkout (setup.py reads the version from capi/mhpbr.h and
runs protoc on proto/), and the installed package imports and runs.

pip builds in the tree it is given, so the test copies what the build reads
(python/, proto/, capi/mhpbr.h) to a temporary directory first: the source
tree is left as it was."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

import support


def have_pip():
    done = subprocess.run([sys.executable, "-m", "pip", "--version"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return done.returncode == 0


@unittest.skipUnless(have_pip(), "pip is not installed for %s (Debian: python3-pip)"
                     % sys.executable)
class PipInstallTest(unittest.TestCase):
    def test_install_then_import_and_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src")
            ignore = shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "*_pb2.py")
            shutil.copytree(os.path.join(support.SOURCE_DIR, "python"),
                            os.path.join(src, "python"), ignore=ignore)
            shutil.copytree(os.path.join(support.SOURCE_DIR, "proto"),
                            os.path.join(src, "proto"))
            os.makedirs(os.path.join(src, "capi"))
            shutil.copy(os.path.join(support.SOURCE_DIR, "capi", "mhpbr.h"),
                        os.path.join(src, "capi"))
            site = os.path.join(tmp, "site")
            env = dict(os.environ, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
            env.pop("MHPBR_SOURCE_DIR", None)  # the proto/ beside python/ is used
            done = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--no-index", "--no-build-isolation",
                 "--no-cache-dir", "--target", site, os.path.join(src, "python")],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                cwd=tmp, check=False)
            self.assertEqual(done.returncode, 0, done.stdout)

            installed = sorted(os.path.relpath(os.path.join(d, f), site)
                               for d, _, files in os.walk(os.path.join(site, "mhpbr"))
                               for f in files if f.endswith(".py"))
            protos = sorted("mhpbr/v1/%s_pb2.py" % n[:-len(".proto")] for n in os.listdir(
                os.path.join(src, "proto", "mhpbr", "v1")) if n.endswith(".proto"))
            for p in protos + ["mhpbr/__init__.py", "mhpbr/v1/__init__.py"]:
                self.assertIn(p, installed)

            # Only the installed copy on the path (not CMake's staged one).
            run_env = dict(os.environ, PYTHONPATH=site)
            code = textwrap.dedent("""
                import importlib.metadata, os, sys
                import mhpbr
                from mhpbr.v1 import pricing_pb2
                assert mhpbr.__file__.startswith(sys.argv[1]), mhpbr.__file__
                c = mhpbr.Classifier().classify([0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2,
                                                 0, 0, 0, 0, 0, 0])
                st = mhpbr.price(contract=pricing_pb2.Contract(
                    year_start="2023-04-01", mff_ppm=1000000,
                    partial_period=pricing_pb2.FULL, social_care=pricing_pb2.POOLED))
                print(mhpbr.__version__, importlib.metadata.version("mhpbr"),
                      c.suggested_cluster, st.totals.payment_pence,
                      len(mhpbr.package_cost().costs) > 0)
            """)
            done = subprocess.run([sys.executable, "-c", code, site],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=run_env, cwd=tmp, check=False)
            self.assertEqual(done.returncode, 0, done.stderr)
            version = support.header_version()
            self.assertEqual(done.stdout.split(), [version, version, "10", "0", "True"])


if __name__ == "__main__":
    unittest.main()
