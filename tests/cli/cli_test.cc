// The `mhpbr` tool run as a user runs it: the built binary, spawned with
// its own standard output, standard error and exit status captured, on CSV
// fixtures written into a fresh temporary directory per test (or read from
// tests/data/cli/). Checks the `mhpbr classify` contract of formats.md: the
// output columns and rows, the rejects file, the summary line, the exit
// statuses, and the tool's robustness to awkward input.

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kTool[] = MHPBR_TOOL_PATH;
constexpr char kDataDir[] = MHPBR_CLI_DATA_DIR;
constexpr char kSampleAssessments[] = MHPBR_SAMPLE_ASSESSMENTS;

constexpr char kOutHeader[] =
    "assessment_id,patient_id,date,suggested_cluster,suggested_fit,"
    "runner_up_cluster,runner_up_fit,superclass,allocated_cluster,"
    "allocation_red,red_items,reason";
constexpr char kInHeader[] =
    "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,"
    "r13,ra,rb,rc,rd,re";

// Typical ratings of a few clusters (examples.csv; items 1-13, then A-E)
// and what the default rule set makes of them with no clinician answers:
// suggested, fit, runner-up, its fit, superclass. The values were checked
// against a separate model of classification.md over profiles.csv.
constexpr char kC1[] = "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0";
constexpr char kC1Result[] = "1,37,2,37,non-psychotic";
constexpr char kC3[] = "0,0,0,0,1,1,3,3,2,0,0,2,0,0,0,0,0,0";
constexpr char kC3Result[] = "3,37,2,35,non-psychotic";
constexpr char kC10[] = "0,0,0,0,1,3,0,0,2,2,0,2,0,0,0,0,0,0";
constexpr char kC10Result[] = "10,37,13,31,psychotic";
constexpr char kC18[] = "0,0,0,2,1,0,2,2,1,1,0,1,0,0,0,0,0,0";
constexpr char kC18Result[] = "18,37,19,34,organic";

// An input row under kInHeader.
std::string In(const std::string& id, const std::string& ratings,
               const std::string& patient = "P",
               const std::string& date = "2023-04-03") {
  return id + "," + patient + "," + date + "," + ratings;
}

// The output row of an accepted input row without an allocation.
std::string Out(const std::string& id, const std::string& result,
                const std::string& patient = "P",
                const std::string& date = "2023-04-03") {
  return id + "," + patient + "," + date + "," + result + ",,,,";
}

std::string Summary(int read, int ok, int rejected) {
  return std::to_string(read) + " read, " + std::to_string(ok) + " ok, " +
         std::to_string(rejected) + " rejected";
}

// Lines joined with "\n", each ended by it.
std::string Lines(const std::vector<std::string>& lines,
                  const char* eol = "\n") {
  std::string out;
  for (const std::string& l : lines) out += l + eol;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string LastLine(const std::string& text) {
  std::vector<std::string> lines = SplitLines(text);
  return lines.empty() ? "" : lines.back();
}

// RFC 4180, as formats.md describes it: rows of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    any = true;
    if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(field);
      field.clear();
    } else if (ch == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else {
      field += ch;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote in output";
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size()) return false;
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

struct RunResult {
  // The exit status; 128 + the signal when killed by one.
  int status = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
        "/mhpbr_cli_test_XXXXXX";
    ASSERT_NE(mkdtemp(templ.data()), nullptr) << std::strerror(errno);
    dir_ = templ;
    io_dir_ = dir_ + "/.io";
    ASSERT_EQ(mkdir(io_dir_.c_str(), 0700), 0) << std::strerror(errno);
  }

  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Writes `content` (bytes as given) to a file in the test's directory.
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = Path(name);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(f.good()) << path;
    return path;
  }

  static std::string Read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    EXPECT_TRUE(f.good()) << "cannot read " << path;
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }

  // Files in the test's directory, other than the captured output.
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name != ".io") names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // Runs the tool with `args`, standard input from /dev/null.
  RunResult Run(const std::vector<std::string>& args) {
    RunResult result;
    const std::string out_path = io_dir_ + "/stdout";
    const std::string err_path = io_dir_ + "/stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> strings = {kTool};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc =
        posix_spawn(&pid, kTool, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      ADD_FAILURE() << "cannot run " << kTool << ": " << std::strerror(rc);
      return result;
    }
    // Never hang the suite: a run gets 60 seconds.
    int ws = 0;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      const pid_t w = waitpid(pid, &ws, WNOHANG);
      if (w == pid) break;
      if (w < 0 && errno != EINTR) {
        ADD_FAILURE() << "waitpid: " << std::strerror(errno);
        return result;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &ws, 0);
        ADD_FAILURE() << "mhpbr did not finish within 60 s";
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (WIFEXITED(ws)) {
      result.status = WEXITSTATUS(ws);
    } else if (WIFSIGNALED(ws)) {
      result.status = 128 + WTERMSIG(ws);
      ADD_FAILURE() << "mhpbr killed by signal " << WTERMSIG(ws);
    }
    result.out = Read(out_path);
    result.err = Read(err_path);
    return result;
  }

  // `mhpbr classify --in <file written from content> [extra...]`.
  RunResult Classify(const std::string& content,
                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"classify", "--in",
                                     Write("in.csv", content)};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args);
  }

  // The default rule set's text, from `mhpbr rules export`.
  std::string DefaultRulesText() {
    RunResult r = Run({"rules", "export"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("min_known_items: 12"));
    return r.out;
  }

  std::string dir_;
  std::string io_dir_;
};

// Replaces the one occurrence of `from` in `text`.
std::string ReplaceOnce(std::string text, const std::string& from,
                        const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from << "'";
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos)
      << "'" << from << "' appears more than once";
  return text.replace(at, from.size(), to);
}

// ---- The command line -----------------------------------------------------

TEST_F(CliTest, NoArgumentsIsUsageError) {
  RunResult r = Run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("usage"));
}

TEST_F(CliTest, UnknownCommandIsUsageError) {
  RunResult r = Run({"frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("frobnicate"));
}

TEST_F(CliTest, VersionPrintsVersion) {
  RunResult r = Run({"version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "mhpbr " MHPBR_EXPECTED_VERSION "\n");
}

TEST_F(CliTest, ClassifyUsageErrorsExitTwoWithoutOutput) {
  const std::string good = Write("good.csv", Lines({kInHeader, In("A", kC1)}));
  fs::create_directory(Path("a_directory"));
  const std::vector<std::vector<std::string>> cases = {
      {"classify"},
      {"classify", "--in"},
      {"classify", "--in", good, "--bogus"},
      {"classify", "--bogus", "--in", good},
      {"classify", "--in", good, "stray"},
      {"classify", "--in", good, "--in", good},
      {"classify", "--in", good, "--strict=yes"},
      {"classify", "--in", Path("no_such_file.csv")},
      {"classify", "--in", Path("a_directory")},
      {"classify", "--in", good, "--rules", Path("no_such_rules.textproto")},
      {"classify", "--in", good, "--rejects", Path("no_such_dir/r.csv")},
      {"classify", "--in", good, "--out", Path("no_such_dir/o.csv")},
  };
  for (const auto& args : cases) {
    std::string shown;
    for (const std::string& a : args) shown += " " + a;
    SCOPED_TRACE("mhpbr" + shown);
    RunResult r = Run(args);
    EXPECT_EQ(r.status, 2);
    EXPECT_THAT(r.out, IsEmpty());
    EXPECT_THAT(r.err, HasSubstr("mhpbr: "));
    // Nothing was read, so there is no summary.
    EXPECT_THAT(r.err, Not(HasSubstr(" read, ")));
  }
}

TEST_F(CliTest, EmptyFileIsUsageError) {
  for (const std::string content : {"", "\n\n", "\r\n"}) {
    RunResult r = Classify(content);
    EXPECT_EQ(r.status, 2) << "content of " << content.size() << " bytes";
    EXPECT_THAT(r.out, IsEmpty());
    EXPECT_THAT(r.err, HasSubstr("empty"));
  }
}

TEST_F(CliTest, MissingRequiredColumnIsUsageErrorNamingIt) {
  // No r9 or re.
  RunResult r = Classify(
      "assessment_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r10,r11,r12,r13,ra,rb,rc,"
      "rd\nA,2023-04-03,0,0,0,0,1,1,2,2,0,0,1,0,0,0,0,0\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("r9"));
  EXPECT_THAT(r.err, HasSubstr("re"));

  // No assessment_id.
  r = Classify(std::string(kInHeader).substr(strlen("assessment_id,")) +
               "\nP,2023-04-03," + kC1 + "\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("assessment_id"));

  // No date.
  r = Classify(
      "assessment_id,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,r13,ra,rb,rc,rd,"
      "re\nA," +
      std::string(kC1) + "\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("date"));

  // Neither r8 nor all of r8a..r8j.
  r = Classify(
      "assessment_id,date,r1,r2,r3,r4,r5,r6,r7,r8a,r8b,r9,r10,r11,r12,r13,ra,"
      "rb,rc,rd,re\nA,2023-04-03,0,0,0,0,1,1,2,2,,1,0,0,1,0,0,0,0,0,0\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("r8a..r8j"));
}

TEST_F(CliTest, DuplicateColumnIsUsageError) {
  RunResult r =
      Classify(std::string(kInHeader) + ",r1\n" + In("A", kC1) + ",0\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("r1"));
}

TEST_F(CliTest, MalformedHeaderIsUsageError) {
  RunResult r = Classify("assessment_id,\"da\"te\n" + In("A", kC1) + "\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("header"));
}

TEST_F(CliTest, UnwritableOutputIsAnError) {
  // A full disk must not pass for a finished run.
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::string in = std::string(kDataDir) + "/contract.csv";
  RunResult r = Run({"classify", "--in", in, "--out", "/dev/full"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("write failed"));
  r = Run({"classify", "--in", in, "--rejects", "/dev/full"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("/dev/full: write failed"));
}

TEST_F(CliTest, FailedRunLeavesExistingOutputAlone) {
  const std::string out = Write("out.csv", "old\n");
  RunResult r = Classify("assessment_id,date\nA,2023-04-03\n",
                         {"--out", out, "--rejects", Path("rejects.csv")});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(Read(out), "old\n");
  // No half-written or temporary files left behind.
  EXPECT_THAT(Files(), ElementsAre("in.csv", "out.csv"));
}

// ---- The output contract ----------------------------------------------------

TEST_F(CliTest, OutputColumnsRowsAndValues) {
  const std::string in = std::string(kDataDir) + "/contract.csv";
  const std::string expected =
      Read(std::string(kDataDir) + "/contract_expected.csv");
  RunResult r = Run({"classify", "--in", in});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, expected);
  EXPECT_EQ(LastLine(r.err), Summary(11, 11, 0));

  // Spelled out for the contract's sake.
  const std::vector<std::string> lines = SplitLines(r.out);
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(lines[0], kOutHeader);
  // Allocation columns empty without an allocation.
  EXPECT_EQ(lines[1], "X1,P1,2023-04-03,1,37,2,37,non-psychotic,,,,");
  // Red on one item.
  EXPECT_EQ(lines[2], "X2,P2,2023-04-04,10,37,13,31,psychotic,1,y,6,");
  EXPECT_EQ(lines[3], "X3,P3,2023-04-05,18,37,19,34,organic,18,n,,");
  // Cluster 0: no fits, the reason; an allocation to 0 is never red.
  EXPECT_EQ(lines[4], "X4,P4,2023-04-06,0,,,,variance,0,n,,too_few_known");
  EXPECT_EQ(lines[5], "X5,P5,2023-04-07,0,,,,variance,,,,no_fit");
  // Red items joined by ';' in profile row order.
  EXPECT_EQ(lines[6], "X6,P6,2023-04-08,10,37,13,31,psychotic,6,y,6;13,");
  EXPECT_EQ(lines[7], "X7,P7,2023-04-09,1,37,2,37,non-psychotic,17,y,6;D,");
  EXPECT_EQ(lines[8], "X8,P8,2023-04-10,1,37,2,37,non-psychotic,16,y,3;6,");
  // No runner-up.
  EXPECT_EQ(lines[9], "X9,P9,2023-04-11,11,35,,,psychotic,,,,");

  // Every row has the 12 columns, and the values their forms.
  const auto rows = ParseCsv(r.out);
  ASSERT_EQ(rows.size(), 12u);
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    SCOPED_TRACE(f[0]);
    ASSERT_EQ(f.size(), 12u);
    EXPECT_THAT(f[3], ::testing::MatchesRegex("[0-9]+"));
    EXPECT_THAT(f[7], ::testing::AnyOf("non-psychotic", "psychotic", "organic",
                                       "variance"));
    EXPECT_EQ(f[7] == "variance", f[3] == "0");
    EXPECT_THAT(f[9], ::testing::AnyOf("y", "n", ""));
    EXPECT_EQ(f[8].empty(), f[9].empty());
    if (f[9] != "y") {
      EXPECT_THAT(f[10], IsEmpty());
    }
    if (f[3] == "0") {
      EXPECT_THAT(f[4], IsEmpty());
      EXPECT_THAT(f[5], IsEmpty());
      EXPECT_THAT(f[6], IsEmpty());
      EXPECT_THAT(f[11], ::testing::AnyOf("no_fit", "too_few_known"));
    } else {
      EXPECT_THAT(f[4], ::testing::MatchesRegex("-?[0-9]+"));
      EXPECT_THAT(f[11], IsEmpty());
    }
    if (!f[5].empty()) {
      EXPECT_THAT(f[6], ::testing::MatchesRegex("-?[0-9]+"));
    }
    EXPECT_EQ(f[5].empty(), f[6].empty());
  }
}

TEST_F(CliTest, OutFileWritesTheFileAndNothingToStandardOutput) {
  const std::string in = std::string(kDataDir) + "/contract.csv";
  const std::string expected =
      Read(std::string(kDataDir) + "/contract_expected.csv");
  const std::string out = Path("out.csv");
  RunResult r = Run({"classify", "--in", in, "--out", out});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_EQ(Read(out), expected);
  EXPECT_EQ(LastLine(r.err), Summary(11, 11, 0));

  // --out=FILE, over an existing file.
  Write("out2.csv", "old contents\n");
  r = Run({"classify", "--in=" + in, "--out=" + Path("out2.csv")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_EQ(Read(Path("out2.csv")), expected);
  EXPECT_THAT(Files(), ElementsAre("out.csv", "out2.csv"));
}

TEST_F(CliTest, HeaderOnlyFileGivesHeaderOnly) {
  RunResult r = Classify(std::string(kInHeader) + "\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kOutHeader) + "\n");
  EXPECT_EQ(LastLine(r.err), Summary(0, 0, 0));
}

// ---- Rejects, the summary and exit statuses -------------------------------

// A file with good and bad rows, blank lines and a field spanning lines, so
// that physical line numbers differ from record numbers.
std::string MixedFile() {
  return Lines({
      kInHeader,                                        // line 1
      In("G1", kC1),                                    // 2
      In("B1", "0,0,0,0,1,1,7,2,1,0,0,1,0,0,0,0,0,0"),  // 3: rating 7
      "",                                               // 4: blank
      In("G2", kC3, "\"two\nlines\""),                  // 5-6
      In("B2", kC1, "P", "2023-02-30"),                 // 7: bad date
      In("B3", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0"),    // 8: 20 fields
      In("G3", kC10),                                   // 9
      In("B4", kC1, "P", "2023-04-03") + ",extra",      // 10: 22 fields
      In("B5", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,x"),  // 11: re x
      In("G4", kC18),                                   // 12
  });
}

TEST_F(CliTest, RejectsFileNamesLineIdAndReason) {
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(MixedFile(), {"--rejects", rejects});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(LastLine(r.err), Summary(9, 4, 5));

  const auto rows = ParseCsv(Read(rejects));
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_THAT(rows[0], ElementsAre("line", "id", "reason"));
  std::vector<std::pair<std::string, std::string>> line_id;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u);
    line_id.emplace_back(rows[i][0], rows[i][1]);
    EXPECT_THAT(rows[i][2], Not(IsEmpty()));
  }
  EXPECT_THAT(line_id,
              ElementsAre(std::pair<std::string, std::string>("3", "B1"),
                          std::pair<std::string, std::string>("7", "B2"),
                          std::pair<std::string, std::string>("8", "B3"),
                          std::pair<std::string, std::string>("10", "B4"),
                          std::pair<std::string, std::string>("11", "B5")));
  // Reasons name the column at fault.
  EXPECT_THAT(rows[1][2], StartsWith("r7:"));
  EXPECT_THAT(rows[2][2], StartsWith("date:"));
  EXPECT_THAT(rows[3][2], HasSubstr("20 fields"));
  EXPECT_THAT(rows[4][2], HasSubstr("22 fields"));
  EXPECT_THAT(rows[5][2], StartsWith("re:"));

  // The accepted rows, in input order, the quoted newline kept.
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("G1", kC1Result),
                          Out("G2", kC3Result, "\"two\nlines\""),
                          Out("G3", kC10Result), Out("G4", kC18Result)}));
}

TEST_F(CliTest, WithoutRejectsFileRejectsGoToStandardError) {
  RunResult r = Classify(MixedFile());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("line 3 B1: "));
  EXPECT_THAT(r.err, HasSubstr("line 11 B5: "));
  EXPECT_EQ(LastLine(r.err), Summary(9, 4, 5));
  // Standard output holds only the classified rows.
  EXPECT_EQ(ParseCsv(r.out).size(), 5u);
}

TEST_F(CliTest, StrictExitStatus) {
  const std::string rejects = Path("rejects.csv");
  // Rejected rows: 0 without --strict, 1 with it; the run is still done.
  RunResult lax = Classify(MixedFile(), {"--rejects", rejects});
  EXPECT_EQ(lax.status, 0);
  RunResult strict = Classify(MixedFile(), {"--rejects", rejects, "--strict"});
  EXPECT_EQ(strict.status, 1);
  EXPECT_EQ(strict.out, lax.out);
  EXPECT_EQ(ParseCsv(Read(rejects)).size(), 6u);
  EXPECT_EQ(LastLine(strict.err), Summary(9, 4, 5));

  // No rejected rows: 0 with --strict.
  RunResult clean =
      Classify(Lines({kInHeader, In("A", kC1), In("B", kC3)}), {"--strict"});
  EXPECT_EQ(clean.status, 0) << clean.err;
  EXPECT_EQ(LastLine(clean.err), Summary(2, 2, 0));
}

TEST_F(CliTest, EveryInputRowIsAccountedFor) {
  // 300 rows, bad in several ways on a pattern.
  std::vector<std::string> lines = {kInHeader};
  std::vector<std::string> good_ids;
  int bad = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "R" + std::to_string(i);
    if (i % 7 == 0) {
      lines.push_back(In(id, kC1, "P", "2023-13-01"));
      ++bad;
    } else if (i % 11 == 0) {
      lines.push_back(In(id, "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0,0"));
      ++bad;
    } else if (i % 13 == 0) {
      lines.push_back(In(id, "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,5"));
      ++bad;
    } else {
      lines.push_back(In(id, i % 2 ? kC3 : kC10));
      good_ids.push_back(id);
    }
  }
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(Lines(lines), {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  const int good = static_cast<int>(good_ids.size());
  EXPECT_EQ(good + bad, 300);
  EXPECT_EQ(LastLine(r.err), Summary(300, good, bad));
  const auto out = ParseCsv(r.out);
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(out.size(), static_cast<size_t>(good) + 1);
  ASSERT_EQ(rej.size(), static_cast<size_t>(bad) + 1);
  for (int i = 0; i < good; ++i) EXPECT_EQ(out[i + 1][0], good_ids[i]);
  // Lines of the rejects are the data rows' lines (row i is on line i + 2).
  for (size_t i = 1; i < rej.size(); ++i) {
    EXPECT_EQ(rej[i][0], std::to_string(std::stoi(rej[i][1].substr(1)) + 2));
  }
}

TEST_F(CliTest, BadCellsAreRejectedNamingTheColumn) {
  const std::string r1 = "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0";
  const std::vector<std::pair<std::string, std::string>> cases = {
      // a data row -> the column its reason names
      {In("A", "5,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0"), "r1"},
      {In("A", "0,0,0,0,1,1,2,-1,1,0,0,1,0,0,0,0,0,0"), "r8"},
      {In("A", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,x"), "re"},
      {In("A", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,10"), "re"},
      {In("A", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,2.0"), "re"},
      {In("A", r1, "P", "2023-02-29"), "date"},
      {In("A", r1, "P", "2023-13-01"), "date"},
      {In("A", r1, "P", "03/04/2023"), "date"},
      {In("A", r1, "P", ""), "date"},
      {In("A", r1, "P", "2023-4-3"), "date"},
      {In("A", r1, "P", "20230403"), "date"},
      {In("A", r1, "P", "2023-04-31"), "date"},
  };
  for (const auto& [row, column] : cases) {
    SCOPED_TRACE(row);
    const std::string rejects = Path("rejects.csv");
    RunResult r = Classify(Lines({kInHeader, row, In("OK", kC1)}),
                           {"--rejects", rejects});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(LastLine(r.err), Summary(2, 1, 1));
    const auto rej = ParseCsv(Read(rejects));
    ASSERT_EQ(rej.size(), 2u);
    EXPECT_EQ(rej[1][0], "2");
    EXPECT_EQ(rej[1][1], "A");
    EXPECT_THAT(rej[1][2], StartsWith(column + ":"));
    EXPECT_EQ(r.out, Lines({kOutHeader, Out("OK", kC1Result)}));
  }
}

TEST_F(CliTest, BadAnswersAndAllocationsAreRejected) {
  const std::string header =
      std::string(kInHeader) + ",organic,psychosis,allocated_cluster";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {In("A", kC1) + ",maybe,,", "organic"},
      {In("A", kC1) + ",,2,", "psychosis"},
      {In("A", kC1) + ",,,9", "allocated_cluster"},
      {In("A", kC1) + ",,,22", "allocated_cluster"},
      {In("A", kC1) + ",,,-1", "allocated_cluster"},
      {In("A", kC1) + ",,,x", "allocated_cluster"},
  };
  for (const auto& [row, column] : cases) {
    SCOPED_TRACE(row);
    const std::string rejects = Path("rejects.csv");
    RunResult r = Classify(Lines({header, row, In("OK", kC1) + ",n,n,1"}),
                           {"--rejects", rejects});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(LastLine(r.err), Summary(2, 1, 1));
    const auto rej = ParseCsv(Read(rejects));
    ASSERT_EQ(rej.size(), 2u);
    EXPECT_EQ(rej[1][1], "A");
    EXPECT_THAT(rej[1][2], StartsWith(column + ":"));
    EXPECT_EQ(r.out,
              Lines({kOutHeader,
                     "OK,P,2023-04-03," + std::string(kC1Result) + ",1,n,,"}));
  }
}

// ---- The rule set ---------------------------------------------------------

TEST_F(CliTest, RulesFileChangesTheResult) {
  const std::string text = DefaultRulesText();
  // 16 known items (two given as 9): classified under the default minimum
  // of 12, not under a minimum of 18.
  const std::string sixteen = "9,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,9";
  const std::string in =
      Write("in16.csv", Lines({kInHeader, In("A", sixteen), In("B", kC1)}));

  RunResult def = Run({"classify", "--in", in});
  EXPECT_EQ(def.status, 0) << def.err;
  EXPECT_EQ(def.out, Lines({kOutHeader, Out("A", "1,33,2,33,non-psychotic"),
                            Out("B", kC1Result)}));

  const std::string min18 =
      Write("min18.textproto",
            ReplaceOnce(text, "min_known_items: 12", "min_known_items: 18"));
  RunResult strict = Run({"classify", "--in", in, "--rules", min18});
  EXPECT_EQ(strict.status, 0) << strict.err;
  EXPECT_EQ(strict.out,
            Lines({kOutHeader, "A,P,2023-04-03,0,,,,variance,,,,too_few_known",
                   Out("B", kC1Result)}));

  // M weighs 5 instead of 3: cluster 1's ratings (one M row) score 39.
  const std::string heavy =
      Write("heavy.textproto",
            ReplaceOnce(text, "weights { must: 3 ", "weights { must: 5 "));
  RunResult weighted = Run({"classify", "--in", in, "--rules", heavy});
  EXPECT_EQ(weighted.status, 0) << weighted.err;
  EXPECT_EQ(weighted.out,
            Lines({kOutHeader, Out("A", "1,35,2,35,non-psychotic"),
                   Out("B", "1,39,2,39,non-psychotic")}));

  // The exported text itself gives the default result.
  const std::string same = Write("same.textproto", text);
  RunResult round = Run({"classify", "--in", in, "--rules", same});
  EXPECT_EQ(round.status, 0) << round.err;
  EXPECT_EQ(round.out, def.out);
}

TEST_F(CliTest, InvalidRulesFileIsUsageError) {
  const std::string in = Write("in.csv", Lines({kInHeader, In("A", kC1)}));
  // A syntax error: the message names the file, line and column.
  const std::string syntax =
      Write("syntax.textproto", "provenance {\n  source: \"x\"\n  oops\n}\n");
  RunResult r = Run({"classify", "--in", in, "--rules", syntax});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err,
              ::testing::ContainsRegex("syntax\\.textproto:[0-9]+:[0-9]+"));

  // Parses, but a profile cell is not a band letter: names cluster and item.
  const std::string bands =
      Write("bands.textproto",
            ReplaceOnce(DefaultRulesText(),
                        "cluster: 6\n  rows { item: \"1\" bands: \"ELUUU\" }",
                        "cluster: 6\n  rows { item: \"1\" bands: \"ELUUX\" }"));
  r = Run({"classify", "--in", in, "--rules", bands});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("cluster 6 item 1"));

  // An empty rule set.
  r = Run({"classify", "--in", in, "--rules", Write("empty.textproto", "")});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, IsEmpty());
}

TEST_F(CliTest, RulesCheck) {
  RunResult r = Run({"rules", "check"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("0 failed"));

  // Cluster 1's example relabelled as cluster 2's: it classifies to 1.
  const std::string text = ReplaceOnce(
      DefaultRulesText(),
      "examples { cluster: 1 ratings: [0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, "
      "0, 0, 0, 0, 0] }",
      "examples { cluster: 2 ratings: [0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, "
      "0, 0, 0, 0, 0] }");
  r = Run({"rules", "check", "--rules", Write("bad.textproto", text)});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("example for cluster 2 classifies to 1"));
  EXPECT_THAT(r.err, HasSubstr("1 failed"));

  // An unreadable rule set is a usage error.
  r = Run({"rules", "check", "--rules", Write("x.textproto", "oops {")});
  EXPECT_EQ(r.status, 2);
}

// ---- Input robustness -----------------------------------------------------

TEST_F(CliTest, CrlfLineEndings) {
  const std::vector<std::string> rows = {
      kInHeader, In("A", kC1), In("B", kC3, "\"x,\r\ny\""), In("C", kC10),
      // An empty last cell before CRLF.
      In("D", "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,")};
  RunResult lf = Classify(Lines(rows, "\n"));
  RunResult crlf = Classify(Lines(rows, "\r\n"));
  EXPECT_EQ(crlf.status, 0) << crlf.err;
  EXPECT_EQ(crlf.out, lf.out);
  EXPECT_EQ(LastLine(crlf.err), Summary(4, 4, 0));
  EXPECT_THAT(crlf.out, HasSubstr(Out("A", kC1Result) + "\n"));
  EXPECT_THAT(crlf.out, HasSubstr(Out("C", kC10Result) + "\n"));
  // Output rows end in LF; the only CR is the one inside the quoted field.
  EXPECT_EQ(std::count(crlf.out.begin(), crlf.out.end(), '\r'), 1);
}

TEST_F(CliTest, Utf8ByteOrderMark) {
  RunResult r =
      Classify("\xEF\xBB\xBF" + Lines({kInHeader, In("A", kC1)}, "\r\n"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("A", kC1Result)}));
}

TEST_F(CliTest, QuotedFieldsAreReadAndRequoted) {
  RunResult r = Classify(Lines({
      kInHeader,
      "\"A1\",\"Smith, J\",\"2023-04-03\"," + std::string(kC1),
      In("A2", kC1, "\"say \"\"hi\"\"\""),
      In("A3", kC1, "\"two\nlines\""),
      // Quoted ratings are ratings.
      "A4,P,2023-04-03,\"0\",\"0\",0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,\"\"",
  }));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("A1", kC1Result, "\"Smith, J\""),
                          Out("A2", kC1Result, "\"say \"\"hi\"\"\""),
                          Out("A3", kC1Result, "\"two\nlines\""),
                          Out("A4", "1,35,2,35,non-psychotic")}));
  const auto rows = ParseCsv(r.out);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1][1], "Smith, J");
  EXPECT_EQ(rows[2][1], "say \"hi\"");
  EXPECT_EQ(rows[3][1], "two\nlines");
}

TEST_F(CliTest, ColumnsInAnyOrderWithUnknownColumns) {
  // The same rows as in the standard order, shuffled, with extra columns.
  const std::string standard =
      Lines({std::string(kInHeader) + ",organic,psychosis,allocated_cluster",
             In("A", kC10) + ",n,y,1", In("B", kC18) + ",y,,18"});
  const std::string shuffled = Lines({
      "site,re,rd,rc,rb,ra,r13,r12,r11,r10,r9,r8,r7,r6,r5,r4,r3,r2,r1,"
      "allocated_cluster,notes,psychosis,organic,date,patient_id,assessment_id",
      "North,0,0,0,0,0,0,2,0,2,2,0,0,3,1,0,0,0,0,1,\"a, b\",y,n,2023-04-03,P,A",
      "South,0,0,0,0,0,0,1,0,1,1,2,2,0,1,2,0,0,0,18,,,y,2023-04-03,P,B",
  });
  RunResult a = Classify(standard);
  RunResult b = Classify(shuffled);
  EXPECT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(b.out, a.out);
  EXPECT_EQ(b.out,
            Lines({kOutHeader,
                   "A,P,2023-04-03," + std::string(kC10Result) + ",1,y,6,",
                   "B,P,2023-04-03," + std::string(kC18Result) + ",18,n,,"}));
}

TEST_F(CliTest, Item8AsTypes) {
  // Cluster 3's ratings with item 8 (3) given as types: 8A 1, 8B 3, 8H 2.
  const std::string types_header =
      "assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8a,r8b,r8c,r8d,"
      "r8e,r8f,r8g,r8h,r8i,r8j,r9,r10,r11,r12,r13,ra,rb,rc,rd,re";
  const std::string rest = "2,0,0,2,0,0,0,0,0,0";
  RunResult r = Classify(Lines({
      types_header,
      "A,P,2023-04-03,0,0,0,0,1,1,3,1,3,,,,,,2,,," + rest,
      // All types unknown: item 8 unknown (17 known), still cluster 3.
      "B,P,2023-04-03,0,0,0,0,1,1,3,,,,,,,,,,," + rest,
      "C,P,2023-04-03,0,0,0,0,1,1,3,9,3,9,9,9,9,9,9,9,9," + rest,
  }));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            Lines({kOutHeader, Out("A", kC3Result),
                   Out("B", "3,35,2,33,non-psychotic"), Out("C", kC3Result)}));
}

TEST_F(CliTest, Item8BothFormsInOneRowIsRejected) {
  const std::string header =
      std::string(kInHeader) + ",r8a,r8b,r8c,r8d,r8e,r8f,r8g,r8h,r8i,r8j";
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(
      Lines({
          header,
          // r8 only.
          In("A", kC3) + ",,,,,,,,,,",
          // Types only (r8 empty).
          In("B", "0,0,0,0,1,1,3,,2,0,0,2,0,0,0,0,0,0") + ",1,3,,,,,2,,,",
          // Both: rejected.
          In("C", kC3) + ",,3,,,,,,,,",
          // r8 given as 9 (not known) beside types: the types give item 8.
          In("D", "0,0,0,0,1,1,3,9,2,0,0,2,0,0,0,0,0,0") + ",,3,,,,,,,,",
      }),
      {"--rejects", rejects});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(LastLine(r.err), Summary(4, 3, 1));
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("A", kC3Result), Out("B", kC3Result),
                          Out("D", kC3Result)}));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 2u);
  EXPECT_EQ(rej[1][0], "4");
  EXPECT_EQ(rej[1][1], "C");
  EXPECT_THAT(rej[1][2], HasSubstr("r8"));
}

TEST_F(CliTest, RaggedRowsAreRejected) {
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(Lines({
                             kInHeader,
                             "A,P,2023-04-03,0,0",
                             In("B", kC1) + ",0,0,0",
                             "C",
                             In("D", kC1),
                         }),
                         {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(4, 1, 3));
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("D", kC1Result)}));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 4u);
  EXPECT_THAT(rej[1], ElementsAre("2", "A", HasSubstr("5 fields")));
  EXPECT_THAT(rej[2], ElementsAre("3", "B", HasSubstr("24 fields")));
  EXPECT_THAT(rej[3], ElementsAre("4", "C", HasSubstr("1 fields")));
}

TEST_F(CliTest, MalformedQuotesAreRejectedAndReadingGoesOn) {
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(Lines({
                             kInHeader, In("A", kC1, "P\"x"),  // 2: stray quote
                             In("B", kC1, "\"P\"x"),           // 3: after quote
                             In("C", kC1),                     // 4
                             In("D", kC1, "\"unclosed"),       // 5: to the end
                             In("E", kC3),                     // 6
                             In("F", kC10),                    // 7
                         }),
                         {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("C", kC1Result), Out("E", kC3Result),
                          Out("F", kC10Result)}));
  EXPECT_EQ(LastLine(r.err), Summary(6, 3, 3));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 4u);
  EXPECT_EQ(rej[1][0], "2");
  EXPECT_EQ(rej[2][0], "3");
  EXPECT_EQ(rej[3][0], "5");
}

TEST_F(CliTest, BlankLinesAreSkippedButCounted) {
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(std::string(kInHeader) + "\n\n" + In("A", kC1) +
                             "\n\r\n\n" + In("B", kC1, "P", "bad") + "\n" +
                             In("C", kC3),  // no final LF
                         {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(3, 2, 1));
  EXPECT_EQ(r.out,
            Lines({kOutHeader, Out("A", kC1Result), Out("C", kC3Result)}));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 2u);
  EXPECT_EQ(rej[1][0], "6");
  EXPECT_EQ(rej[1][1], "B");
}

TEST_F(CliTest, NulBytes) {
  // A NUL in a rating cell is not a rating: the row is rejected. A NUL in
  // patient_id is just a byte of the id: passed through unchanged.
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(
      Lines({
          kInHeader,
          In("A", std::string("0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0\0", 36)),
          In("B", kC1, std::string("P\0Q", 3)),
          In("C", kC3),
      }),
      {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(3, 2, 1));
  EXPECT_EQ(r.out,
            Lines({kOutHeader, Out("B", kC1Result, std::string("P\0Q", 3)),
                   Out("C", kC3Result)}));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 2u);
  EXPECT_EQ(rej[1][0], "2");
  EXPECT_EQ(rej[1][1], "A");
  EXPECT_THAT(rej[1][2], StartsWith("re:"));
}

TEST_F(CliTest, InvalidUtf8InIdIsPassedThrough) {
  // The tool does not judge the bytes of ids: a row whose assessment_id and
  // patient_id are not UTF-8 is accepted and the bytes are written back
  // unchanged.
  const std::string id = "\xFF\xFE\x41";
  const std::string patient = "P\xC3(";
  RunResult r = Classify(Lines({kInHeader, In(id, kC1, patient)}));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(1, 1, 0));
  EXPECT_EQ(r.out, Lines({kOutHeader, Out(id, kC1Result, patient)}));
}

TEST_F(CliTest, RejectsFileStaysUtf8) {
  // A long bad cell is shortened in the reason; the cut must not split a
  // UTF-8 character (formats.md: CSV files are UTF-8). Here the 40th and
  // 41st bytes are the two bytes of "é".
  const std::string cell = std::string(39, 'a') + "\xC3\xA9" + "bbb";
  ASSERT_TRUE(IsValidUtf8(cell));
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(
      Lines({kInHeader, In("A", cell + ",0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0")}),
      {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(1, 0, 1));
  const std::string text = Read(rejects);
  EXPECT_THAT(text, HasSubstr("r1:"));
  EXPECT_TRUE(IsValidUtf8(text)) << text;
}

TEST_F(CliTest, VeryLongLineIsRejectedAndFollowingRowsProcessed) {
  const std::string rejects = Path("rejects.csv");
  const std::string huge(2 << 20, 'x');
  RunResult r = Classify(Lines({
                             kInHeader,
                             In("A", kC1),
                             In("LONG", kC1, huge),
                             In("B", kC3),
                             In("LONGQ", kC1, "\"" + huge + "\""),
                             In("C", kC10),
                         }),
                         {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(5, 3, 2));
  EXPECT_EQ(r.out, Lines({kOutHeader, Out("A", kC1Result), Out("B", kC3Result),
                          Out("C", kC10Result)}));
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), 3u);
  EXPECT_EQ(rej[1][0], "3");
  EXPECT_EQ(rej[2][0], "5");
  // The reason says why, briefly: the rejects file stays small.
  EXPECT_LT(Read(rejects).size(), 1000u);
}

TEST_F(CliTest, LargeFileAcrossReadBufferBoundaries) {
  // 6000 CRLF rows with quoted patient ids of random length holding commas,
  // quotes, CRs and LFs, so that the reader's buffer boundaries fall inside
  // every kind of token. Every id must come back unchanged, and the lines
  // of the bad rows (every 97th) must count the LFs inside quotes.
  std::mt19937 rng(20230403);
  const char kAlphabet[] = "ab,\"\n\r x";
  std::string text = std::string(kInHeader) + "\r\n";
  std::vector<std::pair<std::string, std::string>> good;  // id, patient
  std::vector<std::pair<std::string, std::string>> bad;   // line, id
  int64_t line = 2;
  for (int i = 0; i < 6000; ++i) {
    std::string patient;
    const int len = static_cast<int>(rng() % 41);
    for (int k = 0; k < len; ++k) patient += kAlphabet[rng() % 9];
    std::string quoted = "\"";
    for (char ch : patient)
      quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    quoted += "\"";
    const std::string id = "I" + std::to_string(i);
    const bool is_bad = i % 97 == 0;
    text +=
        In(id, is_bad ? "0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,7" : kC1, quoted) +
        "\r\n";
    if (is_bad) {
      bad.emplace_back(std::to_string(line), id);
    } else {
      good.emplace_back(id, patient);
    }
    line += 1 + std::count(patient.begin(), patient.end(), '\n');
  }
  ASSERT_GT(text.size(), 4u << 16);
  const std::string rejects = Path("rejects.csv");
  RunResult r = Classify(text, {"--rejects", rejects});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(LastLine(r.err), Summary(6000, static_cast<int>(good.size()),
                                     static_cast<int>(bad.size())));
  const auto out = ParseCsv(r.out);
  ASSERT_EQ(out.size(), good.size() + 1);
  int mismatches = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    if (out[i + 1].size() != 12u || out[i + 1][0] != good[i].first ||
        out[i + 1][1] != good[i].second || out[i + 1][3] != "1") {
      if (++mismatches <= 3) {
        ADD_FAILURE() << "row " << i << ": " << good[i].first;
      }
    }
  }
  EXPECT_EQ(mismatches, 0);
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), bad.size() + 1);
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(rej[i + 1][0], bad[i].first);
    EXPECT_EQ(rej[i + 1][1], bad[i].second);
  }
}

// ---- The bundled sample ---------------------------------------------------

TEST_F(CliTest, BundledSampleAssessments) {
  // Expected counts come from the file itself: every non-blank line after
  // the header is one row; the deliberately bad rows are those whose id
  // starts with "BAD-" (a rating of 7, 29 February 2023, cluster 9).
  const std::string text = Read(kSampleAssessments);
  const std::vector<std::string> lines = SplitLines(text);
  ASSERT_FALSE(lines.empty());
  std::vector<std::string> good_ids;
  std::vector<std::pair<std::string, std::string>> bad;  // line, id
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    ASSERT_EQ(line.find('"'), std::string::npos) << "quoted sample line";
    const std::string id = line.substr(0, line.find(','));
    if (id.rfind("BAD-", 0) == 0) {
      bad.emplace_back(std::to_string(i + 1), id);
    } else {
      good_ids.push_back(id);
    }
  }
  std::vector<std::string> bad_ids;
  for (const auto& b : bad) bad_ids.push_back(b.second);
  EXPECT_THAT(bad_ids, ElementsAre("BAD-RATING", "BAD-DATE", "BAD-CLUSTER"));
  const int rows = static_cast<int>(good_ids.size() + bad.size());

  const std::string rejects = Path("rejects.csv");
  RunResult r =
      Run({"classify", "--in", kSampleAssessments, "--rejects", rejects});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(LastLine(r.err), Summary(rows, static_cast<int>(good_ids.size()),
                                     static_cast<int>(bad.size())));
  const auto out = ParseCsv(r.out);
  ASSERT_EQ(out.size(), good_ids.size() + 1);
  for (size_t i = 0; i < good_ids.size(); ++i) {
    EXPECT_EQ(out[i + 1][0], good_ids[i]);
    EXPECT_EQ(out[i + 1].size(), 12u);
  }
  const auto rej = ParseCsv(Read(rejects));
  ASSERT_EQ(rej.size(), bad.size() + 1);
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(rej[i + 1][0], bad[i].first);
    EXPECT_EQ(rej[i + 1][1], bad[i].second);
  }
  EXPECT_THAT(rej[1][2], StartsWith("r7:"));
  EXPECT_THAT(rej[2][2], StartsWith("date:"));
  EXPECT_THAT(rej[3][2], StartsWith("allocated_cluster:"));

  RunResult strict = Run({"classify", "--in", kSampleAssessments, "--strict"});
  EXPECT_EQ(strict.status, 1);
  EXPECT_EQ(strict.out, r.out);
}

}  // namespace
