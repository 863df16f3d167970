"""The tool's outputs as a new user meets them (issue 15): every write is
checked, a run's outputs are all or nothing, interrupted runs leave no
temporary files, every command has --help, options an action does not use
are usage errors, and a directory given for a file is named as one.

Run by ctest (tests/bad_input/CMakeLists.txt) with MHPBR_TOOL naming the
built tool; by hand:
  MHPBR_TOOL=build/bin/mhpbr python3 -m unittest -v outputs_test

The full-disk cases mount a 12 KiB tmpfs (as root, or in a user and mount
namespace made with `unshare -rm`); they are skipped, saying why, where the
machine allows neither.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("MHPBR_SOURCE_DIR",
                        os.path.normpath(os.path.join(HERE, "..", "..")))
TOOL = os.environ.get("MHPBR_TOOL",
                      os.path.join(SOURCE, "build", "bin", "mhpbr"))
EX = os.path.join(SOURCE, "examples", "data")
UNIT_COSTS = os.path.join(SOURCE, "lib", "rules",
                          "example_unit_costs.textproto")
COMMANDS = ["classify", "periods", "cost", "tariff", "price", "compare",
            "package", "report", "rules", "outcomes", "spc"]


def run(argv, **kw):
    return subprocess.run([TOOL] + argv, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=300, **kw)


def leftovers(d):
    found = []
    for root, _, files in os.walk(d):
        found += [os.path.join(root, f) for f in files if ".tmp-" in f]
    return found


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mhpbr_outputs_")
        self.cost_out = os.path.join(self.tmp, "costed.csv")
        # A `mhpbr cost` output for `tariff` to read.
        p = run(["cost", "--periods", self.ex("periods.csv"), "--activity",
                 self.ex("activity.csv"), "--unit-costs", UNIT_COSTS,
                 "--as-of", "2024-03-31", "--out", self.cost_out])
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def ex(name):
        return os.path.join(EX, name)

    def path(self, name):
        return os.path.join(self.tmp, name)

    # Each multi-output run: (name, argv without outputs, main output flag,
    # the other output flags).
    def runs(self):
        ex = self.ex
        return [
            ("classify", ["classify", "--in", ex("assessments.csv")], "--out",
             ["--rejects"]),
            ("periods", ["periods", "--in", ex("events.csv"), "--as-of",
                         "2024-03-31"], "--out",
             ["--by-patient", "--by-cluster", "--rejects"]),
            ("cost", ["cost", "--periods", ex("periods.csv"), "--activity",
                      ex("activity.csv"), "--unit-costs", UNIT_COSTS,
                      "--as-of", "2024-03-31"], "--out",
             ["--by-cluster", "--summary", "--rejects"]),
            ("tariff", ["tariff", "--in", self.cost_out, "--min-periods",
                        "1"], "--out", ["--evidence", "--rejects"]),
            ("price", ["price", "--periods", ex("periods.csv"), "--tariff",
                       ex("tariff.csv"), "--contract",
                       ex("contract.textproto")], "--out",
             ["--summary", "--by-cluster", "--rejects", "--xlsx"]),
            ("package plan", ["package", "plan", "--plan",
                              ex("plan.textproto")], "--out", ["--summary"]),
            ("package delivered", ["package", "delivered", "--plan",
                                   ex("plan.textproto"), "--activity",
                                   ex("activity.csv"), "--as-of",
                                   "2024-03-31"], "--out",
             ["--unmatched", "--rejects"]),
            ("spc", ["spc", "--in", ex("spc.csv")], "--out",
             ["--summary", "--svg", "--rejects"]),
            ("report", ["report", "--periods", ex("periods.csv"),
                        "--activity", ex("activity.csv"), "--unit-costs",
                        UNIT_COSTS, "--as-of", "2024-03-31"], "--out",
             ["--rejects", "--xlsx"]),
        ]


class WriteFailureTest(Fixture):
    """Every write is checked, to a file or to standard output."""

    # Runs whose whole output goes to --out (or standard output).
    def single_runs(self):
        ex = self.ex
        return [
            ["rules", "export"], ["rules", "show"],
            ["rules", "export", "--rules", os.path.join(
                SOURCE, "lib", "rules", "mhct_reference.textproto")],
            ["package", "show", "--cluster", "3"], ["package", "cost"],
        ] + [argv for _, argv, _, _ in self.runs()
             if argv[0] != "report"]

    def test_out_to_dev_full(self):
        for argv in self.single_runs() + [r[1] for r in self.runs()
                                          if r[0] == "report"]:
            with self.subTest(argv=argv):
                p = run(argv + ["--out", "/dev/full"])
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(b"mhpbr: /dev/full: write failed (No space "
                              b"left on device)", p.stderr)
                self.assertNotIn(b": : ", p.stderr)

    def test_stdout_to_dev_full(self):
        for argv in self.single_runs() + [["--help"], ["classify", "--help"],
                                          ["version"]]:
            with self.subTest(argv=argv):
                with open("/dev/full", "wb") as full:
                    p = subprocess.run([TOOL] + argv, stdout=full,
                                       stderr=subprocess.PIPE,
                                       stdin=subprocess.DEVNULL, timeout=300)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(b"standard output: write failed", p.stderr)

    def test_full_file_system(self):
        with SmallTmpfs(self) as fs:
            # The rule set's text is far over 12 KiB: the write fails part
            # way, and nothing is renamed into place.
            cmd = [TOOL, "rules", "export", "--out",
                   os.path.join(fs.dir, "rules.textproto")]
            code, err = fs.run(cmd)
            self.assertEqual(code, 2, err)
            self.assertIn(b"rules.textproto: write failed (No space left "
                          b"on device)", err)
            self.assertEqual(fs.listing(), [])
            # A classify output on the full disk, its rejects elsewhere.
            code, err = fs.run([
                TOOL, "classify", "--in",
                os.path.join(self.tmp, "big.csv"), "--out",
                os.path.join(fs.dir, "out.csv"), "--rejects",
                self.path("rejects.csv")], big_input=self.path("big.csv"))
            self.assertEqual(code, 2, err)
            self.assertEqual(fs.listing(), [])
            self.assertFalse(os.path.exists(self.path("rejects.csv")))


class AllOrNothingTest(Fixture):
    """A run with several outputs commits none of them when any fails."""

    def test_one_failing_output_keeps_every_other_out(self):
        for name, argv, main, others in self.runs():
            for failing in [main] + others:
                with self.subTest(run=name, failing=failing):
                    for f in os.listdir(self.tmp):
                        if f != "costed.csv":
                            os.remove(self.path(f))
                    args = list(argv)
                    targets = {}
                    for flag in [main] + others:
                        target = self.path(flag.strip("-") + ".out")
                        targets[flag] = target
                        # An output already there stays as it was.
                        with open(target, "wb") as f:
                            f.write(b"previous\n")
                        args += [flag,
                                 "/dev/full" if flag == failing else target]
                    p = run(args)
                    self.assertEqual(p.returncode, 2, p.stderr)
                    self.assertIn(b"/dev/full: write failed (No space left "
                                  b"on device); no output written", p.stderr)
                    # No summary claiming rows went to a file that is not
                    # there.
                    self.assertNotIn(b" read, ", p.stderr)
                    for flag, target in targets.items():
                        with open(target, "rb") as f:
                            self.assertEqual(f.read(), b"previous\n",
                                             (flag, p.stderr))
                    self.assertEqual(leftovers(self.tmp), [])
                    # The same run with every output writable writes them
                    # all.
                    args = list(argv)
                    for flag, target in targets.items():
                        args += [flag, target]
                    p = run(args)
                    self.assertIn(p.returncode, (0, 1), p.stderr)
                    for flag, target in targets.items():
                        with open(target, "rb") as f:
                            self.assertNotEqual(f.read(), b"previous\n",
                                                flag)

    def test_report_csv_dir(self):
        ex = self.ex
        argv = ["report", "--periods", ex("periods.csv"), "--activity",
                ex("activity.csv"), "--unit-costs", UNIT_COSTS, "--as-of",
                "2024-03-31", "--out", self.path("report.html")]
        # A CSV figure that cannot be written: no page, no other figure,
        # and the directory the run made is gone again.
        csv_dir = self.path("figures")
        os.mkdir(csv_dir)
        os.symlink("/dev/full", os.path.join(csv_dir, "summary.csv"))
        p = run(argv + ["--csv-dir", csv_dir])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertFalse(os.path.exists(self.path("report.html")))
        self.assertEqual(os.listdir(csv_dir), ["summary.csv"])
        new_dir = self.path("new_figures")
        p = run(argv[:-1] + ["/dev/full", "--csv-dir", new_dir])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertFalse(os.path.exists(new_dir))
        # And all of them when nothing fails.
        p = run(argv + ["--csv-dir", new_dir])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(self.path("report.html")))
        self.assertIn("summary.csv", os.listdir(new_dir))
        self.assertIn("homogeneity.csv", os.listdir(new_dir))

    def test_two_outputs_naming_one_file(self):
        p = run(["cost", "--periods", self.ex("periods.csv"), "--activity",
                 self.ex("activity.csv"), "--unit-costs", UNIT_COSTS,
                 "--as-of", "2024-03-31", "--out", self.path("same.csv"),
                 "--summary", self.path("same.csv")])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(b"named for two outputs", p.stderr)
        self.assertFalse(os.path.exists(self.path("same.csv")))


class InterruptTest(Fixture):
    """SIGINT, SIGTERM and SIGHUP remove the temporary files of every
    output (SIGKILL cannot be caught: see tests/README.md)."""

    def test_signals_leave_no_temporary_file(self):
        header = (b"assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,"
                  b"r9,r10,r11,r12,r13,ra,rb,rc,rd,re")
        rows = b"".join(b"A%d,P1,2023-04-01,0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,"
                        b"0,0,0\n" % i for i in range(20000))
        out = self.path("out.csv")
        rejects = self.path("rejects.csv")
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
                    signal.SIGKILL):
            with self.subTest(signal=sig):
                with open(out, "wb") as f:
                    f.write(b"previous output\n")
                p = subprocess.Popen(
                    [TOOL, "classify", "--in", "-", "--out", out,
                     "--rejects", rejects],
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
                p.stdin.write(header + b"\n")
                # Feed rows until the temporary output has data in it, so
                # the signal lands part-way through writing.
                deadline = time.time() + 120
                while time.time() < deadline:
                    p.stdin.write(rows)
                    p.stdin.flush()
                    temps = [n for n in os.listdir(self.tmp)
                             if n.startswith("out.csv.tmp-")]
                    if temps and os.path.getsize(self.path(temps[0])) > 0:
                        break
                self.assertEqual(len(leftovers(self.tmp)), 2)
                p.send_signal(sig)
                try:
                    p.stdin.close()
                except BrokenPipeError:
                    pass
                p.wait(timeout=60)
                self.assertEqual(p.returncode, -sig)
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), b"previous output\n")
                self.assertFalse(os.path.exists(rejects))
                if sig == signal.SIGKILL:
                    # Cannot be caught: the temporary files stay (and the
                    # previous output is still untouched).
                    for t in leftovers(self.tmp):
                        os.remove(t)
                self.assertEqual(leftovers(self.tmp), [])


class HelpTest(unittest.TestCase):
    def test_every_command_has_help(self):
        for command in COMMANDS:
            for flag in ("--help", "-h"):
                with self.subTest(command=command, flag=flag):
                    p = run([command, flag])
                    self.assertEqual(p.returncode, 0, p.stderr)
                    self.assertEqual(p.stderr, b"")
                    text = p.stdout.decode()
                    self.assertTrue(text.startswith("usage: mhpbr " + command),
                                    text)
                    self.assertIn("Exit status", text)
                    # Every option the command accepts is described.
                    self.assertIn("--", text)
            # Help wins over other arguments, even incomplete ones.
            p = run([command, "--out", "x.csv", "--help"])
            self.assertEqual(p.returncode, 0, p.stderr)
        for argv in (["--help"], ["help"], ["-h"]):
            p = run(argv)
            self.assertEqual(p.returncode, 0, p.stderr)
            for command in COMMANDS:
                self.assertIn(command.encode(), p.stdout)
        p = run(["help", "classify"])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(p.stdout.startswith(b"usage: mhpbr classify"))

    def test_help_names_every_option_the_command_takes(self):
        # Each option in a command's help is accepted (not "unknown
        # option"), and an unknown one is refused with the synopsis.
        for command in COMMANDS:
            text = run([command, "--help"]).stdout.decode()
            synopsis = text.split("\n\n")[0]
            options = {w.strip("[]()|") for w in synopsis.split()
                       if w.strip("[(").startswith("--")}
            for line in text.splitlines():
                if line.startswith("  --"):
                    head = line.strip().split("  ")[0]
                    options |= {o.split()[0] for o in head.split(", ")}
            options = {o for o in options if len(o) > 2}
            self.assertTrue(options, command)
            for option in sorted(options):
                p = run([command, option, "x"] if option != "--strict"
                        else [command, option])
                self.assertNotIn(b"unknown option", p.stderr,
                                 (command, option))
            p = run([command, "--no-such-option", "x"])
            self.assertEqual(p.returncode, 2)
            self.assertIn(b"unknown option --no-such-option", p.stderr)
            self.assertIn(b"usage: mhpbr " + command.encode(), p.stderr)

    def test_data_errors_print_no_usage(self):
        tmp = tempfile.mkdtemp(prefix="mhpbr_help_")
        try:
            bad = os.path.join(tmp, "bad.textproto")
            with open(bad, "w") as f:
                f.write("templates { cluster: 99 }\n")
            for argv in (["package", "cost", "--catalogue", bad],
                         ["package", "plan", "--plan", bad],
                         ["package", "show", "--cluster", "3",
                          "--catalogue", bad],
                         ["rules", "check", "--rules", bad],
                         ["package", "show", "--cluster", "3",
                          "--unit-costs", bad]):
                with self.subTest(argv=argv):
                    p = run(argv)
                    self.assertEqual(p.returncode, 2, p.stderr)
                    self.assertTrue(p.stderr.startswith(b"mhpbr: "),
                                    p.stderr)
                    self.assertNotIn(b"usage:", p.stderr)
        finally:
            shutil.rmtree(tmp)


class UnusedOptionTest(unittest.TestCase):
    def test_an_option_the_action_does_not_use_is_a_usage_error(self):
        cases = [
            (["rules", "check", "--out", "x"], b"--out is not used by "
                                               b"rules check"),
            (["package", "validate", "--plan", "x"], b"--plan is not used"),
            (["package", "cost", "--cluster", "3"], b"--cluster is not used"),
            (["package", "show", "--cluster", "3", "--summary", "x"],
             b"--summary is not used"),
            (["package", "plan", "--plan", "x", "--activity", "y"],
             b"--activity is not used"),
            (["package", "spread", "--plan", "x"], b"--plan is not used"),
        ]
        for argv, message in cases:
            with self.subTest(argv=argv):
                p = run(argv)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(message, p.stderr)
                self.assertIn(b"usage:", p.stderr)

    def test_package_show_honours_out(self):
        tmp = tempfile.mkdtemp(prefix="mhpbr_show_")
        try:
            out = os.path.join(tmp, "show.txt")
            p = run(["package", "show", "--cluster", "3", "--out", out])
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout, b"")
            with open(out, "rb") as f:
                text = f.read()
            self.assertTrue(text.startswith(b"Care package for cluster 3"))
            self.assertEqual(text, run(["package", "show", "--cluster",
                                        "3"]).stdout)
        finally:
            shutil.rmtree(tmp)


class DirectoryTest(unittest.TestCase):
    """A directory where a file is expected is named as one, as the CSV
    readers do; so is a missing file."""

    def test_text_format_inputs(self):
        d = tempfile.mkdtemp(prefix="mhpbr_dir_")
        try:
            cases = [
                ["rules", "check", "--rules", d],
                ["rules", "show", "--rules", d],
                ["package", "cost", "--catalogue", d],
                ["package", "cost", "--unit-costs", d],
                ["package", "plan", "--plan", d],
                ["price", "--periods", os.path.join(EX, "periods.csv"),
                 "--tariff", os.path.join(EX, "tariff.csv"), "--contract",
                 d],
                ["periods", "--in", os.path.join(EX, "events.csv"),
                 "--as-of", "2024-03-31", "--transitions", d],
                ["classify", "--in", d],
            ]
            for argv in cases:
                with self.subTest(argv=argv):
                    p = run(argv)
                    self.assertEqual(p.returncode, 2, p.stderr)
                    self.assertIn(d.encode() + b": is a directory", p.stderr)
                    self.assertNotIn(b"usage:", p.stderr)
                    self.assertNotIn(b"is not a date", p.stderr)
                    missing = [a if a != d else d + "/missing" for a in argv]
                    p = run(missing)
                    self.assertEqual(p.returncode, 2, p.stderr)
                    self.assertIn(b"/missing: cannot open (No such file or "
                                  b"directory)", p.stderr)
            p = run(["rules", "export", "--out", d])
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(d.encode() + b": is a directory", p.stderr)
        finally:
            shutil.rmtree(d)


class SmallTmpfs:
    """A 12 KiB tmpfs: mounted directly as root, else inside a user and
    mount namespace (where each command then runs)."""

    def __init__(self, test):
        self.test = test

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="mhpbr_tmpfs_")
        self.direct = False
        self.ns = False
        if os.geteuid() == 0 and subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", self.dir],
                capture_output=True).returncode == 0:
            self.direct = True
        elif shutil.which("unshare") and subprocess.run(
                ["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=12k",
                 "tmpfs", self.dir], capture_output=True).returncode == 0:
            self.ns = True
        else:
            os.rmdir(self.dir)
            self.test.skipTest("cannot mount a small tmpfs here (neither "
                               "root nor unshare -rm)")
        return self

    def run(self, argv, big_input=None):
        if big_input:
            with open(big_input, "wb") as f:
                f.write(b"assessment_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,"
                        b"r11,r12,r13,ra,rb,rc,rd,re\n")
                for i in range(5000):
                    f.write(b"A%d,2023-04-01,0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,"
                            b"0,0,0\n" % i)
        if self.direct:
            p = subprocess.run(argv, capture_output=True, timeout=300)
            return p.returncode, p.stderr
        # In a namespace: mount, run, and list what is left, in one shell.
        script = ('mount -t tmpfs -o size=12k tmpfs "$0" && "$@"; rc=$?; '
                  'ls -A "$0" > "$0.listing"; exit $rc')
        p = subprocess.run(["unshare", "-rm", "sh", "-c", script, self.dir]
                           + argv, capture_output=True, timeout=300)
        return p.returncode, p.stderr

    def listing(self):
        if self.direct:
            return sorted(os.listdir(self.dir))
        with open(self.dir + ".listing") as f:
            return sorted(f.read().split())

    def __exit__(self, *exc):
        if self.direct:
            subprocess.run(["umount", self.dir])
        if os.path.exists(self.dir + ".listing"):
            os.remove(self.dir + ".listing")
        os.rmdir(self.dir)
        return False


if __name__ == "__main__":
    unittest.main()
