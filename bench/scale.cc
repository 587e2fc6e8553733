// bench/scale: indexing and search at several corpus sizes, against a plain-Xapian baseline
// and a read-and-tokenise-only floor, on letters generated from data/letters.
//
//   build/bench/scale [--sizes 10000,100000,1000000] [--seed 42] [--model data/letters]
//                     [--work DIR] [--repeat 5] [--shards N] [--no-baseline] [--no-search]
//                     [--commit-every LETTERS] [--jemalloc-baseline]
//
// Each phase runs in a child process, so that its peak RSS and CPU time are its own. The
// baseline's run in scale-plain, this program built with the system's malloc (imrsearch and
// this program link jemalloc); --jemalloc-baseline runs them under jemalloc too.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/indexer.h"
#include "imr/latency.h"
#include "imr/letter_generator.h"
#include "imr/plain_decision.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "imr/searcher.h"

namespace fs = std::filesystem;
using namespace imr;
using Clock = std::chrono::steady_clock;

namespace {

struct Phase {
    double seconds = 0, cpu_seconds = 0;
    long peak_rss_kb = 0;
    std::string report;  // what the child measured, as text lines "key value"
};

// Runs `child` in a child process, which writes its report to the descriptor it is given.
Phase spawn(const std::function<void(int)>& child) {
    int fd[2];
    if (pipe(fd) != 0) throw std::runtime_error("pipe");
    std::fflush(stdout);
    auto start = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        child(fd[1]);
        _exit(0);
    }
    close(fd[1]);
    Phase p;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) p.report.append(buf, static_cast<size_t>(n));
    close(fd[0]);
    int status = 0;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    p.cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                    static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    p.peak_rss_kb = ru.ru_maxrss;
    return p;
}

void write_all(int fd, const std::string& out) { (void)!write(fd, out.data(), out.size()); }

// Runs `work` in a child process; what it returns becomes `report`.
Phase in_child(const std::function<std::string()>& work) {
    return spawn([&](int fd) {
        try {
            write_all(fd, work());
        } catch (const std::exception& e) {
            write_all(fd, std::string("error ") + e.what() + "\n");
        }
    });
}

// Runs `program` with `args` (a `--phase` of this benchmark), its standard output the report:
// a phase under another program's allocator.
Phase in_program(const fs::path& program, const std::vector<std::string>& args) {
    return spawn([&](int fd) {
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        dup2(fd, STDOUT_FILENO);
        execv(program.c_str(), argv.data());
        write_all(fd, "error cannot run " + program.string() + ": " + std::strerror(errno) + "\n");
    });
}

double value_of(const std::string& report, const std::string& key) {
    std::istringstream in(report);
    std::string k;
    double v;
    while (in >> k >> v)
        if (k == key) return v;
    return 0;
}

std::uintmax_t folder_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

// Generated letters until `decisions` decisions have been handed out.
class Corpus {
public:
    Corpus(const bench::LetterModel& model, std::uint64_t seed, size_t decisions)
        : gen_(model, seed), target_(decisions) {}

    bool next(LetterText& out) {
        if (decisions_ >= target_) return false;
        size_t n = 0;
        out.text = gen_.letter(index_, &n);
        out.name = gen_.file_name(index_);
        out.paged = false;
        ++index_;
        decisions_ += n;
        bytes_ += out.text.size();
        return true;
    }

    size_t letters() const { return index_; }
    size_t decisions() const { return decisions_; }
    std::uintmax_t bytes() const { return bytes_; }

private:
    bench::LetterGenerator gen_;
    size_t target_, decisions_ = 0, index_ = 0;
    std::uintmax_t bytes_ = 0;
};

std::string corpus_report(const Corpus& c) {
    return "letters " + std::to_string(c.letters()) + "\ndecisions " + std::to_string(c.decisions()) + "\nbytes " +
           std::to_string(c.bytes()) + "\n";
}

// What a plain indexer makes of each decision: all of its text through Xapian's TermGenerator
// with English stemming and its defaults, handed to `use`.
void plain_documents(Corpus& corpus, const std::function<void(Xapian::Document&)>& use) {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    LetterText t;
    while (corpus.next(t)) {
        Letter l = parse_letter(t.text, t.name);
        for (const auto& d : l.decisions) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(bench::plain_text(l, d));
            doc.set_data(l.decision_id(d));
            use(doc);
        }
    }
}

// Parse and tokenise, and write nothing: the floor no indexer can beat.
std::string tokenise_only(const bench::LetterModel& model, std::uint64_t seed, size_t size) {
    Corpus corpus(model, seed, size);
    size_t terms = 0;
    plain_documents(corpus, [&](Xapian::Document& doc) { terms += doc.termlist_count(); });
    return corpus_report(corpus) + "terms " + std::to_string(terms) + "\n";
}

// The plain-Xapian baseline: those documents added with the default flush, one process.
std::string baseline_index(const bench::LetterModel& model, std::uint64_t seed, size_t size, const fs::path& db) {
    Corpus corpus(model, seed, size);
    Xapian::WritableDatabase w(db.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    plain_documents(corpus, [&](Xapian::Document& doc) { w.add_document(doc); });
    w.commit();
    return corpus_report(corpus);
}

std::string imrsearch_index(const bench::LetterModel& model, std::uint64_t seed, size_t size, const fs::path& db,
                            unsigned shards, size_t letters_per_commit) {
    Corpus corpus(model, seed, size);
    IndexOptions options;
    options.shards = shards;
    options.letters_per_commit = letters_per_commit;
    Indexer indexer(db, options);
    IndexSummary s = indexer.index_stream([&](LetterText& t) { return corpus.next(t); });
    return corpus_report(corpus) + "indexed " + std::to_string(s.decisions_indexed) + "\nfailed " +
           std::to_string(s.failures.size()) + "\n";
}

// In imrsearch's block size: Xapian's compaction writes 8 KB blocks unless told.
std::string compact(const fs::path& from, const fs::path& to) {
    Xapian::Database(from.string()).compact(to.string(), 0, static_cast<int>(schema::kBlockSize));
    return "bytes " + std::to_string(folder_bytes(to)) + "\n";
}

// Each shard of a sharded index compacted on its own, with the stub naming them.
std::string compact_shards(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(from))
        if (e.is_directory())
            Xapian::Database(e.path().string()).compact((to / e.path().filename()).string(), 0, static_cast<int>(schema::kBlockSize));
    fs::copy_file(from / "XAPIANDB", to / "XAPIANDB");
    return "bytes " + std::to_string(folder_bytes(to)) + "\n";
}

struct QueryKind {
    const char* kind;
    std::vector<std::string> queries;
};

const std::vector<QueryKind>& query_mix() {
    static const std::vector<QueryKind> mix = {
        {"keywords", {"acupuncture functional improvement", "lumbar MRI red flags", "cyclobenzaprine spasm"}},
        {"phrase", {"\"functional improvement\"", "\"epidural steroid injection\""}},
        {"fields", {"treatment:imaging region:lumbar", "outcome:overturned specialty:\"family practice\""}},
        {"facet words", {"PT denied no functional improvement", "opioid taper"}},
        {"date range", {"date:2014-01-01..2014-06-30 knee"}},
        {"broad", {"medically necessary", "request guidelines"}},
        {"connectors", {"acupuncture /s \"functional improvement\"", "functional /3 improvement", "lumbar /p surgery"}},
    };
    return mix;
}

std::string latency_report(const std::string& name, const std::vector<double>& ms) {
    const bench::Latency l = bench::latency_of(ms);
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s_p50 %.2f\n%s_p95 %.2f\n%s_p99 %.2f\n%s_qps %.1f\n", name.c_str(), l.p50,
                  name.c_str(), l.p95, name.c_str(), l.p99, name.c_str(), l.qps);
    return buf;
}

// The query mix, each query `repeat` times: imrsearch with excerpts and facets, one kind at a
// time and all together.
std::string search_imrsearch(const fs::path& db, int repeat, bool parallel) {
    SearcherOptions options;
    options.parallel = parallel;
    Searcher searcher(db, options);
    std::string out;
    std::vector<double> all;
    size_t estimated_facets = 0;
    for (const auto& kind : query_mix()) {
        std::vector<double> ms;
        for (int r = 0; r < repeat; ++r) {
            for (const auto& q : kind.queries) {
                auto start = Clock::now();
                SearchResults res = searcher.search(q);
                ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                if (!res.facets_exact) ++estimated_facets;
            }
        }
        std::string key = kind.kind;
        std::replace(key.begin(), key.end(), ' ', '_');
        out += latency_report(key, ms);
        all.insert(all.end(), ms.begin(), ms.end());
    }
    return out + latency_report("all", all) + "estimated_facets " + std::to_string(estimated_facets) + "\n";
}

// The baseline's plain top ten: default QueryParser, BM25, no excerpts or facets.
std::string search_baseline(const fs::path& db, int repeat) {
    Xapian::Database d(db.string());
    Xapian::QueryParser qp;
    qp.set_database(d);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<double> ms;
    for (int r = 0; r < repeat; ++r) {
        for (const auto& kind : query_mix()) {
            for (const auto& q : kind.queries) {
                auto start = Clock::now();
                Xapian::Enquire e(d);
                e.set_query(qp.parse_query(q));
                Xapian::MSet m = e.get_mset(0, 10);
                for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
                ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            }
        }
    }
    return latency_report("all", ms);
}

std::string machine() {
    std::ifstream cpu("/proc/cpuinfo");
    std::string line, model;
    while (std::getline(cpu, line))
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    char buf[512];
    std::snprintf(buf, sizeof buf, "machine: %u cores (%s), %.1f GiB; Xapian %s, g++ %s", std::thread::hardware_concurrency(),
                  model.c_str(), static_cast<double>(pages) * static_cast<double>(page) / (1 << 30), Xapian::version_string(),
                  __VERSION__);
    return buf;
}

void print_row(const char* what, const Phase& p, double decisions, double letters, double bytes) {
    double rate = decisions / p.seconds;
    std::printf("  %-22s %9.1f s %9.0f letters/s %9.0f decisions/s %7.1f MB/s %6.0f%% cpu %8.0f MB peak\n", what, p.seconds,
                letters / p.seconds, rate, bytes / p.seconds / 1e6, 100 * p.cpu_seconds / p.seconds,
                static_cast<double>(p.peak_rss_kb) / 1024);
}

void print_search(const char* what, const Phase& p, const std::string& key) {
    std::printf("  %-22s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %8.1f q/s\n", what, value_of(p.report, key + "_p50"),
                value_of(p.report, key + "_p95"), value_of(p.report, key + "_p99"), value_of(p.report, key + "_qps"));
}

// The query mix on `db`, in a child process, printed kind by kind.
void print_search_phase(const fs::path& db, int repeat, bool parallel) {
    Phase search = in_child([&] { return search_imrsearch(db, repeat, parallel); });
    if (search.report.rfind("error", 0) == 0) std::printf("  %s", search.report.c_str());
    for (const auto& kind : query_mix()) {
        std::string key = kind.kind;
        std::replace(key.begin(), key.end(), ' ', '_');
        print_search(kind.kind, search, key);
    }
    print_search("all", search, "all");
    std::printf("  %-22s peak RSS %.0f MB; facet counts estimated on %.0f calls\n", "", search.peak_rss_kb / 1024.0,
                value_of(search.report, "estimated_facets"));
}

// The program that runs the baseline's phases: scale-plain beside this one, built with the
// system's malloc, or this program itself (jemalloc) with --jemalloc-baseline.
fs::path baseline_program(bool jemalloc) {
    fs::path self = fs::read_symlink("/proc/self/exe");
    return jemalloc ? self : self.parent_path() / "scale-plain";
}

// `scale --phase NAME ARGS...`: one baseline phase, its report on standard output; how scale
// runs the baseline in a program of its own.
int run_phase(const std::vector<std::string>& a) {
    try {
        if (a.size() == 5 && a[0] == "plain-index") {
            auto model = bench::LetterModel::from_folder(a[1]);
            std::cout << baseline_index(model, std::stoull(a[2]), std::stoull(a[3]), a[4]);
            return 0;
        }
        if (a.size() == 3 && a[0] == "plain-search") {
            std::cout << search_baseline(a[1], std::stoi(a[2]));
            return 0;
        }
    } catch (const std::exception& e) {
        std::cout << "error " << e.what() << '\n';
        return 1;
    }
    std::cerr << "scale: unknown phase\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2 && std::string(argv[1]) == "--phase") return run_phase(std::vector<std::string>(argv + 2, argv + argc));
    std::vector<size_t> sizes = {10000, 100000, 1000000};
    std::uint64_t seed = 42;
    fs::path model_dir = "data/letters", work = fs::temp_directory_path() / "imrsearch-scale";
    int repeat = 5;
    bool baseline = true, jemalloc_baseline = false;
    unsigned shards = std::max(2u, std::thread::hardware_concurrency());
    fs::path search_only;
    bool parallel = false, search = true, keep = false;
    size_t commit_every = IndexOptions{}.letters_per_commit;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--sizes" && i + 1 < argc) {
            sizes.clear();
            std::stringstream list(argv[++i]);
            std::string item;
            while (std::getline(list, item, ',')) sizes.push_back(std::stoull(item));
        } else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
        else if (a == "--model" && i + 1 < argc) model_dir = argv[++i];
        else if (a == "--work" && i + 1 < argc) work = argv[++i];
        else if (a == "--repeat" && i + 1 < argc) repeat = std::stoi(argv[++i]);
        else if (a == "--no-baseline") baseline = false;
        else if (a == "--jemalloc-baseline") jemalloc_baseline = true;
        else if (a == "--shards" && i + 1 < argc) shards = static_cast<unsigned>(std::stoul(argv[++i]));
        else if (a == "--search-only" && i + 1 < argc) search_only = argv[++i];
        else if (a == "--parallel") parallel = true;
        else if (a == "--no-search") search = false;
        else if (a == "--keep") keep = true;
        else if (a == "--commit-every" && i + 1 < argc) commit_every = std::stoull(argv[++i]);
        else {
            std::cerr << "usage: scale [--sizes 10000,100000,1000000] [--seed S] [--model DIR] [--work DIR] "
                         "[--repeat N] [--shards N] [--no-baseline] [--jemalloc-baseline] [--no-search] "
                         "[--commit-every LETTERS] [--keep]\n"
                         "       scale --search-only INDEX [--parallel] [--repeat N]\n";
            return 2;
        }
    }
    if (!search_only.empty()) {
        // The search phase alone, on an index already built (and compacted), to measure a
        // searcher change without indexing again.
        std::printf("%s\nsearching %s (query mix x%d, excerpts and facets%s)\n", machine().c_str(),
                    search_only.c_str(), repeat, parallel ? ", shards in xapian-progsrv processes" : "");
        print_search_phase(search_only, repeat, parallel);
        return 0;
    }
    try {
        auto model = bench::LetterModel::from_folder(model_dir);
        const fs::path plain_program = baseline_program(jemalloc_baseline);
        std::printf("%s\nimrsearch with jemalloc; plain Xapian with %s\n", machine().c_str(),
                    jemalloc_baseline ? "jemalloc too" : "the system's malloc");
        for (size_t size : sizes) {
            fs::remove_all(work);
            fs::create_directories(work);
            const fs::path imr_db = work / "imrsearch", compacted = work / "imrsearch-compact", plain_db = work / "plain";
            Phase tokenise = in_child([&] { return tokenise_only(model, seed, size); });
            double decisions = value_of(tokenise.report, "decisions"), letters = value_of(tokenise.report, "letters");
            double bytes = value_of(tokenise.report, "bytes");
            std::printf("\n%.0f decisions (%.0f letters, %.1f MB of text, seed %llu)\n", decisions, letters, bytes / 1e6,
                        static_cast<unsigned long long>(seed));
            std::printf("indexing\n");
            print_row("read and tokenise only", tokenise, decisions, letters, bytes);
            Phase plain;
            if (baseline) {
                plain = in_program(plain_program, {"--phase", "plain-index", model_dir.string(), std::to_string(seed),
                                                   std::to_string(size), plain_db.string()});
                if (plain.report.rfind("error", 0) == 0) std::printf("  %s", plain.report.c_str());
                print_row("plain Xapian", plain, decisions, letters, bytes);
            }
            Phase imr = in_child([&] { return imrsearch_index(model, seed, size, imr_db, 1, commit_every); });
            print_row("imrsearch", imr, decisions, letters, bytes);
            if (!imr.report.empty() && imr.report.rfind("error", 0) == 0) std::printf("  %s", imr.report.c_str());
            // Shards written in parallel, then merged into one database by compaction.
            const fs::path sharded_db = work / "imrsearch-sharded", merged = work / "imrsearch-merged";
            Phase sharded = in_child([&] { return imrsearch_index(model, seed, size, sharded_db, shards, commit_every); });
            Phase merge = in_child([&] { return compact(sharded_db, merged); });
            Phase both{sharded.seconds + merge.seconds, sharded.cpu_seconds + merge.cpu_seconds,
                       std::max(sharded.peak_rss_kb, merge.peak_rss_kb), sharded.report};
            // The shards are an index as they are (searched together, or in parallel); merged
            // they are one database.
            const std::string sharded_label = "imrsearch " + std::to_string(shards) + " shards";
            print_row(sharded_label.c_str(), sharded, decisions, letters, bytes);
            const std::string label = sharded_label + "+merge";
            print_row(label.c_str(), both, decisions, letters, bytes);
            fs::remove_all(merged);
            const fs::path shards_compacted = work / "imrsearch-shards-compact";
            in_child([&] { return compact_shards(sharded_db, shards_compacted); });
            fs::remove_all(sharded_db);
            Phase comp = in_child([&] { return compact(imr_db, compacted); });
            double compact_bytes = value_of(comp.report, "bytes");
            double imr_bytes = static_cast<double>(folder_bytes(imr_db));
            std::printf("  index size: %.1f MB (%.0f B/decision, %.2fx the text); compacted in %.1f s: %.1f MB "
                        "(%.0f B/decision, %.2fx the text)\n",
                        imr_bytes / 1e6, imr_bytes / decisions, imr_bytes / bytes, comp.seconds, compact_bytes / 1e6,
                        compact_bytes / decisions, compact_bytes / bytes);
            if (baseline) {
                double plain_bytes = static_cast<double>(folder_bytes(plain_db));
                std::printf("  plain Xapian index: %.1f MB (%.2fx the text); imrsearch indexes %.2fx its decisions/s "
                            "(%.2fx in %u shards, %.2fx merged)\n",
                            plain_bytes / 1e6, plain_bytes / bytes, plain.seconds / imr.seconds,
                            plain.seconds / sharded.seconds, shards, plain.seconds / both.seconds);
            }
            std::fflush(stdout);
            if (!search) continue;
            std::printf("searching (query mix x%d, excerpts and facets)\n", repeat);
            print_search_phase(compacted, repeat, false);
            std::printf("  %u shards, each searched in a xapian-progsrv process of its own (search --parallel)\n", shards);
            print_search_phase(shards_compacted, repeat, true);
            if (baseline) {
                Phase plain_search =
                    in_program(plain_program, {"--phase", "plain-search", plain_db.string(), std::to_string(repeat)});
                print_search("plain Xapian top-10", plain_search, "all");
            }
            std::fflush(stdout);
        }
        if (!keep) fs::remove_all(work);
    } catch (const std::exception& e) {  // imr::Error, a missing model folder, an unwritable work folder
        std::cerr << "scale: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
