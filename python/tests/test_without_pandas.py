"""The package without its optional runtimes: without pandas everything but
the frame functions works; without protobuf, classification, the live calls
and the batch calls' JSON mapping still do.
Each case runs in a fresh interpreter with the module hidden (a None entry
in sys.modules makes its import fail)."""

import os
import subprocess
import sys
import textwrap
import unittest


def run_hidden(hidden, code):
    """Runs `code` in a new python with the modules `hidden`; returns its
    standard output, failing the test's caller on a non-zero exit."""
    prelude = "import sys\n" + "".join("sys.modules[%r] = None\n" % m for m in hidden)
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=dict(os.environ), check=False)
    if done.returncode != 0:
        raise AssertionError("exit %d\n%s%s" % (done.returncode, done.stdout, done.stderr))
    return done.stdout


class WithoutPandasTest(unittest.TestCase):
    def test_everything_but_frames_works(self):
        out = run_hidden(["pandas"], """
            import mhpbr
            assert not mhpbr.have_pandas()
            c = mhpbr.Classifier().classify([0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2,
                                             0, 0, 0, 0, 0, 0])
            assert c.suggested_cluster == 10, c
            st = mhpbr.periods_build(as_of="2024-03-31", events=[
                {"patient_id": "P1", "date": "2023-04-01", "kind": "ALLOCATE",
                 "cluster": 3}])
            assert st.periods[0].cluster == 3
            assert mhpbr.package_cost().costs
            calls = [lambda: mhpbr.classify_frame(None),
                     lambda: mhpbr.periods_frame(None, "2024-03-31"),
                     lambda: mhpbr.cost_frame(None, None, None, "2024-03-31"),
                     lambda: mhpbr.price_frame(None, None, None),
                     lambda: mhpbr.tariff_frame(None),
                     lambda: mhpbr.package_cost_frame(),
                     lambda: mhpbr.to_frame([])]
            for call in calls:
                try:
                    call()
                except ImportError as e:
                    assert "pandas" in str(e), e
                else:
                    raise AssertionError("a frame function ran without pandas")
            print("ok", mhpbr.__version__)
        """)
        self.assertTrue(out.startswith("ok "), out)


class WithoutProtobufTest(unittest.TestCase):
    def test_classification_works_and_batches_say_why_not(self):
        out = run_hidden(["google", "google.protobuf"], """
            import mhpbr
            c = mhpbr.Classifier(mhpbr.Rules.default()).classify(
                {"1": 0, "7": 3, "8": 3})
            assert c.reason == "too_few_known", c
            try:
                mhpbr.price()
            except ImportError as e:
                assert "protobuf" in str(e), e
            else:
                raise AssertionError("price ran without protobuf")
            # The JSON mapping needs no protobuf runtime.
            out = mhpbr.periods_build_json(as_of="2024-03-31", events=[
                {"patient_id": "P1", "date": "2023-04-01", "kind": "ALLOCATE",
                 "cluster": 3}])
            assert out["periods"][0]["cluster"] == 3, out
            assert out["periods"][0]["days"] == "366", out  # int64: a string
            print("ok")
        """)
        self.assertEqual(out.strip(), "ok")


if __name__ == "__main__":
    unittest.main()
