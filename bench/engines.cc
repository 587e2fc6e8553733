// bench/engines: the C++ side of bench/engines.sh, which measures imrsearch beside plain Xapian
// and Lucene 8 on the same generated decisions and queries.
//
//   engines decisions LETTERS_DIR OUT.tsv        the parsed decisions, "id<TAB>text" a line
//   engines plain-queries MIX.tsv OUT.tsv        each query reduced to words and "phrases"
//   engines plain-index DECISIONS.tsv DB         plain Xapian: TermGenerator, English stems
//   engines search --engine imrsearch|imrsearch-no-facets|plain --db DB --queries MIX.tsv
//                  [--passes 5] [--threads N] [--slowest N]
//
// search runs one warm pass and then `passes` more, and prints the best of them (the least
// time in all) as "all QPS P50 P95 P99" and one such line per kind of query, as LuceneBench
// does, then the peak RSS on standard error. imrsearch reads the queries as its users type
// them, the baselines their words and phrases (a plain engine's search box has no fields or
// connectors).
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "imr/analyzers.h"
#include "imr/error.h"
#include "imr/latency.h"
#include "imr/plain_decision.h"
#include "imr/searcher.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Query {
    std::string kind, text;
};

std::vector<Query> read_queries(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::vector<Query> out;
    for (std::string line; std::getline(in, line);) {
        const size_t tab = line.find('\t');
        if (tab != std::string::npos) out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    if (out.empty()) throw std::runtime_error(file.string() + " holds no \"kind<TAB>query\" line");
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Tabs and line ends as spaces: the text fits on its line.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

int write_decisions(const fs::path& letters, const fs::path& out_file) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(letters))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::ofstream out(out_file, std::ios::binary);
    size_t n = 0;
    for (const auto& f : files) {
        const imr::Letter l = imr::parse_letter(read_file(f), f.string());
        for (const auto& d : l.decisions) {
            out << l.decision_id(d) << '\t' << one_line(imr::bench::plain_text(l, d)) << '\n';
            ++n;
        }
    }
    std::cout << "decisions " << n << " letters " << files.size() << '\n';
    return out ? 0 : 3;
}

// Words and "phrases" only, lower-cased (so that AND, OR and NOT are words to either engine):
// every other character a space; an unpaired quote dropped.
std::string words_and_phrases(const std::string& q) {
    std::string out;
    for (unsigned char c : q) {
        if (std::isalnum(c) || c >= 0x80 || c == '"') out += static_cast<char>(std::tolower(c));
        else out += ' ';
    }
    if (std::count(out.begin(), out.end(), '"') % 2 != 0) out.erase(out.rfind('"'), 1);
    return out;
}

int write_plain_queries(const fs::path& mix, const fs::path& out_file) {
    std::ofstream out(out_file);
    for (const auto& q : read_queries(mix)) out << q.kind << '\t' << words_and_phrases(q.text) << '\n';
    return out ? 0 : 3;
}

int plain_index(const fs::path& decisions, const fs::path& db) {
    const auto start = Clock::now();
    Xapian::WritableDatabase w(db.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    std::ifstream in(decisions);
    size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(Xapian::Utf8Iterator(line.data() + tab + 1, line.size() - tab - 1));
        doc.set_data(line.substr(0, tab));
        w.add_document(doc);
        ++n;
    }
    w.commit();
    std::printf("index %.3f %zu\n", std::chrono::duration<double>(Clock::now() - start).count(), n);
    return 0;
}

using Search = std::function<void(const std::string&)>;

// The plain top ten: Xapian's QueryParser with its default operators, BM25, each hit's data read.
Search plain_search(const Xapian::Database& db) {
    auto qp = std::make_shared<Xapian::QueryParser>();
    qp->set_database(db);
    qp->set_stemmer(Xapian::Stem("english"));
    qp->set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    return [&db, qp](const std::string& text) {
        Xapian::Enquire e(db);
        e.set_query(qp->parse_query(text));
        const Xapian::MSet m = e.get_mset(0, 10);
        for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
    };
}

// A query the engine refuses (a summary phrase over too many letters at 1M) is answered, with
// its message, as a user is: timed and counted, not fatal to the run.
Search imrsearch_search(imr::Searcher& searcher, bool facets) {
    return [&searcher, facets](const std::string& text) {
        imr::SearchOptions o;
        o.facets = facets;
        try {
            (void)searcher.search(text, o);
        } catch (const imr::Error& e) {
            static std::set<std::string> said;
            if (said.insert(text).second) std::cerr << "engines: refused (timed as answered): " << e.what() << '\n';
        }
    };
}

// One warm pass, then `passes`: the best pass's latencies, overall and by kind.
// With `slowest`, that many of the slowest queries follow on standard error.
void run_passes(const std::vector<Query>& queries, const Search& search, int passes, size_t slowest) {
    std::vector<double> best;
    double best_total = 0;
    for (int pass = 0; pass <= passes; ++pass) {
        std::vector<double> ms;
        double total = 0;
        for (const auto& q : queries) {
            const auto t = Clock::now();
            search(q.text);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            total += ms.back();
        }
        if (pass > 0 && (best.empty() || total < best_total)) {
            best = ms;
            best_total = total;
        }
    }
    std::cout << imr::bench::latency_line("all", imr::bench::latency_of(best));
    std::map<std::string, std::vector<double>> by_kind;
    std::vector<std::string> kinds;
    for (size_t i = 0; i < queries.size(); ++i) {
        if (!by_kind.count(queries[i].kind)) kinds.push_back(queries[i].kind);
        by_kind[queries[i].kind].push_back(best[i]);
    }
    for (const auto& k : kinds) std::cout << imr::bench::latency_line(k, imr::bench::latency_of(by_kind[k]));
    std::vector<size_t> order(queries.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return best[a] > best[b]; });
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::fprintf(stderr, "peak RSS %.0f MB\n", static_cast<double>(ru.ru_maxrss) / 1024);
    for (size_t i = 0; i < slowest && i < order.size(); ++i)
        std::fprintf(stderr, "%9.2f ms  %s\t%s\n", best[order[i]], queries[order[i]].kind.c_str(), queries[order[i]].text.c_str());
}

int search(const std::vector<std::string>& a) {
    std::string engine, db, queries;
    int passes = 5;
    unsigned threads = 0;
    size_t slowest = 0;
    for (size_t i = 0; i + 1 < a.size(); i += 2) {
        if (a[i] == "--engine") engine = a[i + 1];
        else if (a[i] == "--db") db = a[i + 1];
        else if (a[i] == "--queries") queries = a[i + 1];
        else if (a[i] == "--passes") passes = std::max(1, std::stoi(a[i + 1]));
        else if (a[i] == "--threads") threads = static_cast<unsigned>(std::stoul(a[i + 1]));
        else if (a[i] == "--slowest") slowest = std::stoul(a[i + 1]);
        else throw std::runtime_error("unknown option " + a[i]);
    }
    const std::vector<Query> mix = read_queries(queries);
    if (engine == "plain") {
        Xapian::Database d(db);
        run_passes(mix, plain_search(d), passes, slowest);
        return 0;
    }
    if (engine != "imrsearch" && engine != "imrsearch-no-facets") throw std::runtime_error("unknown engine " + engine);
    imr::SearcherOptions options;
    if (threads > 0) options.threads = threads;
    imr::Searcher searcher(db, options);
    run_passes(mix, imrsearch_search(searcher, engine == "imrsearch"), passes, slowest);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    try {
        if (a.size() == 3 && a[0] == "decisions") return write_decisions(a[1], a[2]);
        if (a.size() == 3 && a[0] == "plain-queries") return write_plain_queries(a[1], a[2]);
        if (a.size() == 3 && a[0] == "plain-index") return plain_index(a[1], a[2]);
        if (!a.empty() && a[0] == "search") return search({a.begin() + 1, a.end()});
    } catch (const Xapian::Error& e) {
        std::cerr << "engines: " << e.get_description() << '\n';
        return 3;
    } catch (const std::exception& e) {  // imr::Error, an unreadable file
        std::cerr << "engines: " << e.what() << '\n';
        return 3;
    }
    std::cerr << "usage: engines decisions LETTERS_DIR OUT.tsv | plain-queries MIX.tsv OUT.tsv |\n"
                 "       engines plain-index DECISIONS.tsv DB |\n"
                 "       engines search --engine imrsearch|imrsearch-no-facets|plain --db DB --queries MIX.tsv "
                 "[--passes N] [--threads N] [--slowest N]\n";
    return 2;
}
