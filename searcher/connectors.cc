#include "connectors.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "date_range.h"
#include "decision_positions.h"
#include "docid_set.h"
#include "filter_values.h"
#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "imr/error.h"
#include "imr/record.h"
#include "imr/schema.h"
#include "indexed_words.h"
#include "query_understanding.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;
using Q = Xapian::Query;

// ---- Tokens -------------------------------------------------------------------------------

struct Token {
    enum Kind { word, phrase, open, close, title_open, date_open, near, any_of, both, but_not } kind = word;
    std::string text;
    char near_kind = 0;  // 'n' /n, 'b' pre/n, 's' /s, 'p' /p
    unsigned n = 0;
};

std::optional<Token> connector(std::string_view t) {
    static const std::regex pattern(R"((w?/s)|(w?/p)|w?/(\d+)|pre/(\d+)|\+(\d+))", std::regex::icase);
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(t.begin(), t.end(), m, pattern)) return std::nullopt;
    Token c{Token::near, std::string(t)};
    if (m[1].matched) c.near_kind = 's';
    else if (m[2].matched) c.near_kind = 'p';
    else {
        c.near_kind = m[3].matched ? 'n' : 'b';
        const std::string digits = m[3].matched ? m[3].str() : m[4].matched ? m[4].str() : m[5].str();
        c.n = digits.size() > 4 ? 100000 : static_cast<unsigned>(std::stoul(digits));
    }
    return c;
}

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::vector<Token> tokens_of(std::string_view q) {
    std::vector<Token> out;
    size_t i = 0;
    while (i < q.size()) {
        if (space(q[i])) {
            ++i;
            continue;
        }
        if (q[i] == '(' || q[i] == ')') {
            out.push_back({q[i] == '(' ? Token::open : Token::close, std::string(1, q[i])});
            ++i;
            continue;
        }
        if (q[i] == '"') {
            const size_t end = q.find('"', i + 1);
            out.push_back({Token::phrase, std::string(q.substr(i + 1, (end == std::string_view::npos ? q.size() : end) - i - 1))});
            i = end == std::string_view::npos ? q.size() : end + 1;
            continue;
        }
        if (q[i] == '&' || q[i] == '%') {
            out.push_back({q[i] == '&' ? Token::both : Token::but_not, std::string(1, q[i])});
            ++i;
            continue;
        }
        size_t j = i;
        // A field's quoted value stays with its name: item:"lumbar spine".
        while (j < q.size() && !space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '&' && q[j] != '%') {
            if (q[j] == '"' && j > i && q[j - 1] == ':') {
                const size_t end = q.find('"', j + 1);
                j = end == std::string_view::npos ? q.size() : end + 1;
                break;
            }
            ++j;
        }
        const std::string word(q.substr(i, j - i));
        const std::string lower = ascii_lower(word);
        if (j < q.size() && q[j] == '(' && (lower == "ti" || lower == "da")) {
            out.push_back({lower == "ti" ? Token::title_open : Token::date_open, lower + "("});
            i = j + 1;
            continue;
        }
        i = j;
        if (auto c = connector(word)) out.push_back(*c);
        else if (word == "AND") out.push_back({Token::both, word});
        else if (word == "OR") out.push_back({Token::any_of, word});
        else if (word == "NOT" && !out.empty() && (out.back().kind == Token::both || out.back().text == "BUT")) {
            out.back() = {Token::but_not, out.back().text + " NOT"};
        } else if (word == "NOT") out.push_back({Token::but_not, word});
        else out.push_back({Token::word, word});
    }
    return out;
}

// ---- The tree -----------------------------------------------------------------------------

struct Node {
    enum Kind { leaf, any_of, near, both, but_not, title, dates } kind = leaf;
    std::string text;      // leaf: as typed ("knee", "\"a phrase\"", "item:x", "chiropract!")
    bool phrase = false;   // leaf: a quoted phrase
    char near_kind = 0;
    unsigned n = 0;
    std::string from, to;  // dates: ISO days, "" open
    std::vector<Node> kids;
};

Error query_error(const std::string& query, const std::string& what) {
    return Error(ErrorKind::bad_query, "query '" + query + "': " + what);
}

// Days before and after: "aft 2017-01" is from 2017-02-01, "bef 2017" up to 2016-12-31.
std::string shifted_day(const std::string& iso, int by) {
    int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto in_month = [&](int yy, int mm) { return mm == 2 && ((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0) ? 29 : days[mm - 1]; };
    d += by;
    if (d < 1) {
        if (--m < 1) m = 12, --y;
        d = in_month(y, m);
    } else if (d > in_month(y, m)) {
        d = 1;
        if (++m > 12) m = 1, ++y;
    }
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

class Parser {
public:
    Parser(const std::string& query, const Xapian::Database& db) : query_(query), tokens_(tokens_of(query)), db_(db) {}

    Node run() {
        if (tokens_.empty()) throw query_error(query_, "empty query");
        Node n = expression(0);
        if (i_ < tokens_.size()) throw query_error(query_, "unexpected '" + tokens_[i_].text + "'");
        return n;
    }

private:
    // Levels, loosest first: AND NOT, AND, /p, /s, /n and pre/n, OR.
    int level_of(const Token& t) const {
        switch (t.kind) {
            case Token::but_not: return 0;
            case Token::both: return 1;
            case Token::near: return t.near_kind == 'p' ? 2 : t.near_kind == 's' ? 3 : 4;
            default: return -1;
        }
    }

    Node expression(int level) {
        if (level > 4) return alternatives();
        Node left = expression(level + 1);
        while (i_ < tokens_.size() && level_of(tokens_[i_]) == level) {
            const Token op = tokens_[i_++];
            if (op.kind == Token::near && (op.near_kind == 'n' || op.near_kind == 'b') && (op.n < 1 || op.n > 255)) {
                throw query_error(query_, "'" + op.text + "': a distance is 1 to 255 words");
            }
            if (i_ >= tokens_.size()) throw query_error(query_, "'" + op.text + "' needs something after it");
            Node right = expression(level + 1);
            Node joined;
            joined.kind = op.kind == Token::but_not ? Node::but_not : op.kind == Token::both ? Node::both : Node::near;
            joined.near_kind = op.near_kind;
            joined.n = op.n;
            joined.kids = {std::move(left), std::move(right)};
            left = std::move(joined);
        }
        return left;
    }

    // Words side by side, or OR between: one of them.
    Node alternatives() {
        Node first = primary();
        Node any;
        any.kind = Node::any_of;
        any.kids.push_back(std::move(first));
        while (i_ < tokens_.size()) {
            const Token& t = tokens_[i_];
            if (t.kind == Token::any_of) {
                ++i_;
                if (i_ >= tokens_.size()) throw query_error(query_, "'OR' needs something after it");
                any.kids.push_back(primary());
            } else if (t.kind == Token::word || t.kind == Token::phrase || t.kind == Token::open ||
                       t.kind == Token::title_open || t.kind == Token::date_open) {
                any.kids.push_back(primary());
            } else {
                break;
            }
        }
        return any.kids.size() == 1 ? std::move(any.kids.front()) : any;
    }

    Node primary() {
        if (i_ >= tokens_.size()) throw query_error(query_, "the query ends where a word was expected");
        const Token t = tokens_[i_++];
        switch (t.kind) {
            case Token::open:
            case Token::title_open: {
                Node inner = expression(0);
                if (i_ >= tokens_.size() || tokens_[i_].kind != Token::close) throw query_error(query_, "a '(' is not closed");
                ++i_;
                if (t.kind == Token::open) return inner;
                Node title;
                title.kind = Node::title;
                title.kids.push_back(std::move(inner));
                return title;
            }
            case Token::date_open: {
                Node d = date_restriction(true);
                if (i_ >= tokens_.size() || tokens_[i_].kind != Token::close) throw query_error(query_, "da( is not closed");
                ++i_;
                return d;
            }
            case Token::phrase: {
                Node leaf;
                leaf.text = "\"" + t.text + "\"";
                leaf.phrase = true;
                return leaf;
            }
            case Token::word: {
                const std::string lower = ascii_lower(t.text);
                if (lower == "date" && i_ < tokens_.size() && is_date_word(tokens_[i_].text)) return date_restriction(false);
                Node leaf;
                leaf.text = t.text;
                return leaf;
            }
            default: throw query_error(query_, "'" + t.text + "' where a word was expected");
        }
    }

    static bool is_date_word(const std::string& w) {
        const std::string l = ascii_lower(w);
        return l == "aft" || l == "after" || l == "bef" || l == "before" || l == "is" || l == "on";
    }

    // aft DATE, bef DATE, is DATE, DATE; within da( ), joined by & or AND.
    Node date_restriction(bool in_segment) {
        Node d;
        d.kind = Node::dates;
        while (true) {
            std::string how = "is";
            if (i_ < tokens_.size() && tokens_[i_].kind == Token::word && is_date_word(tokens_[i_].text)) how = ascii_lower(tokens_[i_++].text);
            if (i_ >= tokens_.size() || tokens_[i_].kind != Token::word) throw query_error(query_, "a date restriction needs a date (da(aft 1/1/2017))");
            const std::string date = tokens_[i_++].text;
            const auto [first, last] = days(date);
            if (how == "aft" || how == "after") d.from = shifted_day(last, 1);
            else if (how == "bef" || how == "before") d.to = shifted_day(first, -1);
            else d.from = first, d.to = last;
            if (!in_segment || i_ >= tokens_.size() || tokens_[i_].kind != Token::both) break;
            ++i_;
        }
        if (!d.from.empty() && !d.to.empty() && d.from > d.to) throw query_error(query_, "the date restriction holds no day");
        return d;
    }

    // The first and last day `date` stands for, through the date filter's own reading.
    std::pair<std::string, std::string> days(const std::string& date) {
        ParseLog scratch;
        DateFilter filter(db_, sc::slot::decision_date, "date", scratch);
        (void)filter(date, date, "date:" + date);
        if (!scratch.error.empty()) throw query_error(query_, scratch.error);
        return {scratch.ranges.at(0).from, scratch.ranges.at(0).to};
    }

    std::string query_;
    std::vector<Token> tokens_;
    size_t i_ = 0;
    const Xapian::Database& db_;
};

// ---- Reading it back ------------------------------------------------------------------------

std::string shown(const Node& n) {
    auto side = [](const Node& k) { return k.kind == Node::leaf || k.kind == Node::title || k.kind == Node::dates ? shown(k) : std::string("(") + shown(k) + ")"; };
    switch (n.kind) {
        case Node::leaf: return n.text;
        case Node::title: return "ti(" + shown(n.kids[0]) + ")";
        case Node::dates:
            if (n.from == n.to) return "da(is " + n.from + ")";
            return "da(" + (n.from.empty() ? "" : "from " + n.from) + (n.from.empty() || n.to.empty() ? "" : " ") +
                   (n.to.empty() ? "" : "to " + n.to) + ")";
        case Node::any_of: {
            std::string out;
            for (const auto& k : n.kids) {
                if (!out.empty()) out += " OR ";
                out += side(k);
            }
            return out;
        }
        case Node::near: {
            const std::string op = n.near_kind == 's' ? "/s" : n.near_kind == 'p' ? "/p" : n.near_kind == 'n' ? "/" + std::to_string(n.n) : "pre/" + std::to_string(n.n);
            return side(n.kids[0]) + " " + op + " " + side(n.kids[1]);
        }
        case Node::both: return side(n.kids[0]) + " AND " + side(n.kids[1]);
        case Node::but_not: return side(n.kids[0]) + " AND NOT " + side(n.kids[1]);
    }
    return "";
}

// ---- Compiling ------------------------------------------------------------------------------

// One side of a connector as words: alternatives, each a run of term sets (a word is a run of
// one; a phrase, or "L4-5", of several).
using TermSet = std::set<std::string>;
using Run = std::vector<TermSet>;

struct Context {
    const Xapian::Database& db;
    ParseLog& log;
    const std::string& query;
    bool one_local_database = false;  // a DocidSet can stand for checked decisions (docid_set.h)
    bool title = false;               // within ti( )
    std::string prefix() const { return title ? std::string(sc::field("item").prefix) : ""; }
};

// Positions a connector's window spans (schema.h lays the unprefixed copy out for them; the
// item's own copy is one sentence).
Xapian::termcount window(const Node& n, const Context& c) {
    switch (n.near_kind) {
        case 'n':
        case 'b': return n.n + 1;
        case 's': return c.title ? sc::kFieldGap : sc::kSentenceGap;
        default: return sc::kFieldGap;
    }
}

class Compiler {
public:
    explicit Compiler(Context c) : c_(std::move(c)), words_(c_.prefix()) {}

    Q boolean(const Node& n) {
        switch (n.kind) {
            case Node::leaf: return leaf(n);
            case Node::title: return titled().boolean(n.kids[0]);
            case Node::dates: return plain("date:" + n.from + ".." + n.to, true);
            case Node::any_of: return combined(Q::OP_OR, n);
            case Node::both: return combined(Q::OP_AND, n);
            case Node::but_not: return combined(Q::OP_AND_NOT, n);
            case Node::near: return near(n);
        }
        return Q();
    }

private:
    // This compiler within ti( ).
    Compiler titled() const {
        Context inner = c_;
        inner.title = true;
        Compiler out(inner);
        out.region_ = region_;
        return out;
    }

    // An AND's parts, each where the others can hold; an AND NOT's excluded part where its
    // first can: a decision only there is checked in its text (`MRI /p "red flags" & upheld`
    // checks the upheld decisions having both sides, not all of them).
    Q combined(Q::op op, const Node& n) {
        std::vector<Q> parts;
        for (size_t i = 0; i < n.kids.size(); ++i) {
            std::vector<Q> others;
            if (op == Q::OP_AND && checks(n.kids[i]))
                for (size_t j = 0; j < n.kids.size(); ++j)
                    if (j != i) others.push_back(superset(n.kids[j]));
            if (op == Q::OP_AND_NOT && i > 0 && checks(n.kids[i])) others.push_back(superset(n.kids[0]));
            parts.push_back(others.empty() ? boolean(n.kids[i]) : within(n.kids[i], Q(Q::OP_AND, others.begin(), others.end())));
        }
        return Q(op, parts.begin(), parts.end());
    }

    // `n` compiled where only the decisions of `region` (and of this compiler's own) count.
    Q within(const Node& n, const Q& region) {
        Compiler inner(c_);
        inner.region_ = region_.empty() ? region : Q(Q::OP_AND, region_, region);
        return inner.boolean(n);
    }

    // `n`, a connector's side, where the other side `other` can hold: a connector there is
    // checked in the text only where the connector `n` is a side of can hold.
    Q beside(const Node& n, const Node& other) { return checks(n) ? within(n, superset(other)) : boolean(n); }

    // Whether compiling `n` checks decisions in their text: a connector with a phrase or
    // another connector on a side.
    bool checks(const Node& n) {
        if (n.kind == Node::near) {
            auto left = side(n.kids[0]), right = side(n.kids[1]);
            if (!(left && right && single_words(*left) && single_words(*right))) return true;
        }
        return std::any_of(n.kids.begin(), n.kids.end(), [&](const Node& k) { return checks(k); });
    }

    // What matches at least every decision `n` matches, with no decision checked: `n` itself
    // where it checks none, its sides where it would. Compiled apart, so that what it reads
    // (filters, notices) is told once, by `n`'s own compiling.
    Q superset(const Node& n) {
        if (!checks(n)) {
            ParseLog unused;
            Context quiet{c_.db, unused, c_.query, c_.one_local_database, c_.title};
            return Compiler(quiet).boolean(n);
        }
        if (n.kind == Node::title) return titled().superset(n.kids[0]);
        std::vector<Q> parts;
        if (n.kind == Node::but_not) parts.push_back(superset(n.kids[0]));
        else
            for (const auto& k : n.kids) parts.push_back(superset(k));
        return Q(n.kind == Node::any_of ? Q::OP_OR : Q::OP_AND, parts.begin(), parts.end());
    }

    // A leaf outside any connector means what it means in a plain query.
    Q leaf(const Node& n) {
        std::string text = n.text;
        if (text.ends_with('!')) text.back() = '*';
        if (c_.title && text.find(':') == std::string::npos) text = "item:" + text;
        return plain(text, false);
    }

    Q plain(const std::string& text, bool literal) {
        BuiltQuery built = build_query(c_.db, understand(text, literal), c_.query, c_.one_local_database);
        c_.log.filters.insert(c_.log.filters.end(), built.log.filters.begin(), built.log.filters.end());
        c_.log.ranges.insert(c_.log.ranges.end(), built.log.ranges.begin(), built.log.ranges.end());
        c_.log.notices.insert(c_.log.notices.end(), built.log.notices.begin(), built.log.notices.end());
        return built.ranked.unboosted;
    }

    // The term sets of a word as typed: its terms as the indexer makes them; a root expander
    // (word! or word*) every indexed term beginning so.
    Run run_of_word(const std::string& typed) {
        if (typed.find(':') != std::string::npos) {
            throw query_error(c_.query, "'" + typed + "': a field's value cannot be a side of a connector");
        }
        if (typed.ends_with('!') || typed.ends_with('*')) return {expansion(typed.substr(0, typed.size() - 1))};
        const std::vector<std::string> terms = words_(typed);
        if (terms.empty()) throw query_error(c_.query, "'" + typed + "' is a common word, which the index leaves out");
        Run run;
        for (const auto& t : terms) run.push_back({t});
        return run;
    }

    TermSet expansion(const std::string& typed) {
        const std::string root = ascii_lower(typed);
        if (root.size() < kMinWildcardPrefix) {
            throw query_error(c_.query, std::string("'") + typed + "!': a root needs at least " +
                                            std::to_string(kMinWildcardPrefix) + " letters");
        }
        TermSet out;
        std::string base = "Z";
        base += c_.prefix();
        for (const std::string& stem : {root, Xapian::Stem(sc::kStemLanguage)(root)}) {
            const std::string start = base + stem;
            for (auto it = c_.db.allterms_begin(start); it != c_.db.allterms_end(start); ++it) {
                out.insert(*it);
                if (out.size() > kMaxWildcardTerms) {
                    throw query_error(c_.query, "'" + typed + "!' matches more than " + std::to_string(kMaxWildcardTerms) +
                                                    " words of the index; type more of the word");
                }
            }
        }
        if (out.empty()) c_.log.notices.push_back("no word in the index begins as " + typed + "! does");
        return out;
    }

    // A connector's side as alternative runs, or nullopt when it is another connector.
    std::optional<std::vector<Run>> side(const Node& n) {
        if (n.kind == Node::leaf) {
            if (!n.phrase) return std::vector<Run>{run_of_word(n.text)};
            Run run;
            for (const auto& t : words_(n.text.substr(1, n.text.size() - 2))) run.push_back({t});
            if (run.empty()) throw query_error(c_.query, n.text + " holds only common words");
            return std::vector<Run>{run};
        }
        if (n.kind == Node::any_of) {
            std::vector<Run> all;
            for (const auto& k : n.kids) {
                auto runs = side(k);
                if (!runs) return std::nullopt;
                all.insert(all.end(), runs->begin(), runs->end());
            }
            return all;
        }
        if (n.kind == Node::near) return std::nullopt;
        throw query_error(c_.query, "'" + shown(n) + "' cannot be a side of a connector: use words, phrases, OR or another connector");
    }

    static Q terms_query(const TermSet& set) {
        if (set.empty()) return Q("Z\x01nothing");
        return set.size() == 1 ? Q(*set.begin()) : Q(Q::OP_OR, set.begin(), set.end());
    }

    // One query a word: each of its term sets as an OR.
    static std::vector<Q> word_queries(const std::vector<TermSet>& words) {
        std::vector<Q> out;
        for (const auto& set : words) out.push_back(terms_query(set));
        return out;
    }

    static Q run_query(const Run& run) {
        if (run.size() == 1) return terms_query(run[0]);
        const std::vector<Q> parts = word_queries(run);
        return Q(Q::OP_PHRASE, parts.begin(), parts.end(), static_cast<Xapian::termcount>(run.size()));
    }

    static Q alternatives_query(const std::vector<Run>& runs) {
        std::vector<Q> parts;
        for (const auto& r : runs) parts.push_back(run_query(r));
        return parts.size() == 1 ? parts[0] : Q(Q::OP_OR, parts.begin(), parts.end());
    }

    static bool single_words(const std::vector<Run>& runs) {
        return std::all_of(runs.begin(), runs.end(), [](const Run& r) { return r.size() == 1; });
    }

    // Both sides words (or OR of words): one Xapian NEAR, or PHRASE for pre/n, exact by the
    // index's layout. Otherwise the decisions having both sides are checked in their text.
    Q near(const Node& n) {
        auto left = side(n.kids[0]), right = side(n.kids[1]);
        if (left && right && single_words(*left) && single_words(*right)) {
            TermSet l, r;
            for (const auto& run : *left) l.insert(run[0].begin(), run[0].end());
            for (const auto& run : *right) r.insert(run[0].begin(), run[0].end());
            const std::vector<Q> sides{terms_query(l), terms_query(r)};
            return Q(n.near_kind == 'b' ? Q::OP_PHRASE : Q::OP_NEAR, sides.begin(), sides.end(), window(n, c_));
        }
        const Q l = left ? alternatives_query(*left) : beside(n.kids[0], n.kids[1]);
        const Q r = right ? alternatives_query(*right) : beside(n.kids[1], n.kids[0]);
        const Q weighed(Q::OP_AND, left ? weights_query(*left) : l, right ? weights_query(*right) : r);
        const bool paired = left && right && left->size() * right->size() <= kMaxPairedAlternatives;
        // /s and /p, their NEAR exact for words (a window no sentence, no field spans).
        if (paired && (n.near_kind == 's' || n.near_kind == 'p')) return Q(Q::OP_FILTER, weighed, checked_pairs(n, *left, *right));
        const Q candidates = paired ? pairs_within_reach(n, *left, *right) : Q(Q::OP_FILTER, Q(Q::OP_AND, l, r), within_reach(n));
        return Q(Q::OP_FILTER, weighed, checked(candidates, n));
    }

    // What a side's checked decisions are weighed by: its alternatives, a lone phrase as the
    // AND of its words, which weighs the same (Xapian weighs a phrase as its terms) and which
    // the page and the facet pass need not check on positions again. In an OR a phrase stays:
    // its words apart would weigh a decision holding them apart too.
    static Q weights_query(const std::vector<Run>& runs) {
        if (runs.size() != 1 || runs[0].size() == 1) return alternatives_query(runs);
        const std::vector<Q> parts = word_queries(runs[0]);
        return Q(Q::OP_AND, parts.begin(), parts.end());
    }

    // Sides of alternatives, checked pair by pair: more pairs make a query Xapian takes longer
    // over than the checks it saves.
    static constexpr size_t kMaxPairedAlternatives = 16;

    // The decisions where some alternative of each side is present, both within reach of each
    // other: for `imaging /s "red flag" OR "neurologic deficit"`, a NEAR of imaging, red and
    // flag with the phrase "red flag", or the same of the other phrase, where one NEAR of all
    // five words left 16,000 decisions to check, against 6,500 that hold.
    Q pairs_within_reach(const Node& n, const std::vector<Run>& left, const std::vector<Run>& right) {
        std::vector<Q> pairs;
        for (const Run& a : left)
            for (const Run& b : right) pairs.push_back(pair_within_reach(n, a, b));
        return Q(Q::OP_OR, pairs.begin(), pairs.end());
    }

    // The decisions holding alternatives `a` and `b`, their words within reach of each other.
    Q pair_within_reach(const Node& n, const Run& a, const Run& b) {
        std::vector<Q> words = word_queries(a);
        for (const Q& w : word_queries(b)) words.push_back(w);
        const Q near(Q::OP_NEAR, words.begin(), words.end(), std::max(reach(n), static_cast<Xapian::termcount>(words.size())));
        return Q(Q::OP_FILTER, near, Q(Q::OP_AND, run_query(a), run_query(b)));
    }

    // Every word of `n`'s sides within the span its connector allows: a NEAR that all of its
    // true matches satisfy, so that few decisions are left to check in their text.
    Q within_reach(const Node& n) {
        std::vector<TermSet> sets;
        words_of(n, sets);
        if (sets.size() < 2) return Q::MatchAll;
        const std::vector<Q> parts = word_queries(sets);
        const Xapian::termcount span = std::max<Xapian::termcount>(reach(n), static_cast<Xapian::termcount>(sets.size()));
        return Q(Q::OP_NEAR, parts.begin(), parts.end(), span);
    }

    // The term sets of every word on `n`'s sides, phrases' words one by one.
    void words_of(const Node& n, std::vector<TermSet>& out) {
        if (n.kind == Node::near) {
            for (const auto& k : n.kids) words_of(k, out);
            return;
        }
        TermSet any;  // an OR of words or phrases: one of them, so their words together
        if (auto runs = side(n); runs && runs->size() == 1) {
            for (const auto& set : runs->front()) out.push_back(set);
            return;
        } else if (runs) {
            for (const auto& run : *runs)
                for (const auto& set : run) any.insert(set.begin(), set.end());
            out.push_back(any);
        }
    }

    // How many positions `n`'s words can span when it holds: its own window, or for /n and
    // pre/n the distance plus what its sides span.
    Xapian::termcount reach(const Node& n) {
        if (n.kind != Node::near) {
            size_t longest = 1;
            if (auto runs = side(n))
                for (const auto& run : *runs) longest = std::max(longest, run.size());
            return static_cast<Xapian::termcount>(longest);
        }
        if (n.near_kind == 's' || n.near_kind == 'p') return window(n, c_);
        return std::min(window(n, c_) + reach(n.kids[0]) + reach(n.kids[1]), c_.title ? sc::kFieldGap : sc::kSentenceGap);
    }

    // The decisions of `candidates` whose words, where the index places them, satisfy `n`, as
    // their id terms: the layout is the text's (schema.h), so this is the text's answer.
    Q checked(const Q& candidates, const Node& n);
    Q checked_pairs(const Node& n, const std::vector<Run>& left, const std::vector<Run>& right);
    std::optional<std::vector<Xapian::docid>> to_check(const Q& candidates, const Node& n, size_t most = kMaxCheckedDecisions);
    void too_many(const Node& n);
    std::vector<Xapian::docid> held_in_text(const std::vector<Xapian::docid>& unchecked, const Node& n);
    void sort_out(const std::vector<Xapian::docid>& found, const Run& a, const Run& b, std::vector<Xapian::docid>& sure,
                  std::vector<Xapian::docid>& unsure) const;
    Q matching(std::vector<Xapian::docid> held) const;

    // Where this compiler's region restricts it: `q` within it.
    Q in_region(const Q& q) const { return region_.empty() ? q : Q(Q::OP_FILTER, q, region_); }

    // The least a word said twice in the positional copy searched weighs there (wdf): twice
    // its lightest positional field's weight (a citation's words there have no positions).
    Xapian::termcount said_twice() const {
        if (c_.title) return 2 * sc::field("item").wdf_weight;
        unsigned lightest = std::numeric_limits<unsigned>::max();
        for (const auto& f : sc::fields())
            if (f.in_default_search && f.positions == sc::Positions::both) lightest = std::min(lightest, f.wdf_weight);
        return 2 * lightest;
    }

    // A pair's candidates, at most, sure or checked (four bytes each while they are sorted out).
    static constexpr size_t kMaxPairCandidates = 10 * kMaxCheckedDecisions;

    // Decisions whose positions are read together (decision_positions.h) and held until checked.
    static constexpr size_t kCheckedAtOnce = 1024;

    // A decision's id term, which names it in every shard (docids do not).
    std::optional<std::string> id_term(Xapian::docid docid) const {
        Xapian::TermIterator id = c_.db.termlist_begin(docid);
        id.skip_to(sc::term("id", ""));
        if (id == c_.db.termlist_end(docid) || !(*id).starts_with(sc::field("id").prefix)) return std::nullopt;
        return *id;
    }

    // Each side's runs, worked out once for all the decisions checked.
    void collect_runs(const Node& n, std::map<const Node*, std::vector<Run>>& runs) {
        if (n.kind == Node::near || (n.kind == Node::any_of && !side(n))) {
            for (const auto& k : n.kids) collect_runs(k, runs);
            return;
        }
        runs[&n] = *side(n);
    }

    Context c_;
    IndexedWords words_;
    Q region_;  // where this part of the query can count, as the rest of it says; empty: anywhere
};

// ---- Checking by the index's positions -------------------------------------------------------

// Places a side's words take, as positions of the unprefixed copy (of the item's copy within
// ti( )): a sentence spans less than kSentenceGap positions, a field less than kFieldGap.
struct Span {
    Xapian::termpos first, last;
};

class PositionCheck {
public:
    PositionCheck(const TermPositions& positions, const std::map<const Node*, std::vector<Run>>& runs,
                  Xapian::termcount sentence)
        : positions_(positions), runs_(runs), sentence_(sentence) {}

    std::vector<Span> spans(const Node& n) {
        if (n.kind == Node::near) return near(n);
        std::vector<Span> out;
        const auto runs = runs_.find(&n);
        if (runs == runs_.end()) {  // an OR holding a connector
            for (const auto& k : n.kids) {
                auto more = spans(k);
                out.insert(out.end(), more.begin(), more.end());
            }
            return out;
        }
        for (const auto& run : runs->second)
            for (const auto& term : run[0])
                for (Xapian::termpos p : positions(term))
                    if (continues(run, p)) out.push_back({p, p + static_cast<Xapian::termpos>(run.size()) - 1});
        return out;
    }

private:
    const Positions& positions(const std::string& term) const {
        static const Positions none;
        const auto it = positions_.find(term);
        return it == positions_.end() ? none : it->second;
    }

    // Whether the rest of a phrase's words follow position `p`.
    bool continues(const Run& run, Xapian::termpos p) {
        for (size_t k = 1; k < run.size(); ++k) {
            bool found = false;
            for (const auto& term : run[k]) {
                const auto& list = positions(term);
                found = found || std::binary_search(list.begin(), list.end(), p + static_cast<Xapian::termpos>(k));
            }
            if (!found) return false;
        }
        return true;
    }

    std::vector<Span> near(const Node& n) {
        const std::vector<Span> left = spans(n.kids[0]);
        if (left.empty()) return {};  // the other side's positions need not be read
        const std::vector<Span> right = spans(n.kids[1]);
        std::vector<Span> out;
        for (const auto& a : left)
            for (const auto& b : right)
                if (holds(n, a, b)) out.push_back({std::min(a.first, b.first), std::max(a.last, b.last)});
        return out;
    }

    bool holds(const Node& n, const Span& a, const Span& b) const {
        if (a.first <= b.last && b.first <= a.last) return false;  // one word cannot be both sides
        const Xapian::termpos extent = std::max(a.last, b.last) - std::min(a.first, b.first);
        if (n.near_kind == 'p') return extent < sc::kFieldGap;
        if (extent >= sentence_) return false;
        const Xapian::termpos gap = b.first > a.last ? b.first - a.last : a.first - b.last;
        if (n.near_kind == 'n') return gap <= n.n;
        if (n.near_kind == 'b') return b.first > a.last && gap <= n.n;
        return true;
    }

    const TermPositions& positions_;
    const std::map<const Node*, std::vector<Run>>& runs_;
    Xapian::termcount sentence_;
};

namespace {

// The docids a match passes, up to `most` of them and a sign of more: four bytes each, where
// an MSet's items took twenty times that.
class DocidsSeen : public Xapian::MatchSpy {
public:
    explicit DocidsSeen(size_t most) : most_(most) {}
    void operator()(const Xapian::Document& doc, double) override {
        if (docids.size() <= most_) docids.push_back(doc.get_docid());
    }
    std::vector<Xapian::docid> docids;

private:
    size_t most_;
};

}  // namespace

// The decisions `candidates` match, ascending; nullopt (the failure logged) past `most`. A spy
// sees a shard's own docids, and a remote one cannot run ours: over shards, an MSet's, and at
// most kMaxCheckedDecisions.
std::optional<std::vector<Xapian::docid>> Compiler::to_check(const Q& candidates, const Node& n, size_t most) {
    Xapian::Enquire enquire(c_.db);
    enquire.set_query(candidates);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<Xapian::docid> docids;
    if (c_.one_local_database) {
        DocidsSeen seen(most);
        enquire.add_matchspy(&seen);
        enquire.get_mset(0, 0, static_cast<Xapian::doccount>(most + 1));
        docids = std::move(seen.docids);
    } else {
        most = std::min<size_t>(most, kMaxCheckedDecisions);
        const Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(most + 1));
        for (auto it = found.begin(); it != found.end(); ++it) docids.push_back(*it);
    }
    if (docids.size() > most) {
        too_many(n);
        return std::nullopt;
    }
    std::sort(docids.begin(), docids.end());
    return docids;
}

void Compiler::too_many(const Node& n) {
    c_.log.fail(std::string("'") + shown(n) + "': more than " + std::to_string(kMaxCheckedDecisions) +
                " decisions have both sides, too many to check; narrow a side, or write words rather than phrases");
}

// The decisions of `unchecked` (ascending) whose words, where the index places them, satisfy
// `n`: the layout is the text's (schema.h), so this is the text's answer.
std::vector<Xapian::docid> Compiler::held_in_text(const std::vector<Xapian::docid>& unchecked, const Node& n) {
    std::map<const Node*, std::vector<Run>> runs;
    collect_runs(n, runs);
    std::set<std::string> terms;
    for (const auto& [side, alternatives] : runs)
        for (const Run& run : alternatives)
            for (const TermSet& set : run) terms.insert(set.begin(), set.end());
    const Xapian::termcount sentence = c_.title ? sc::kFieldGap : sc::kSentenceGap;
    std::vector<Xapian::docid> held;
    for (size_t start = 0; start < unchecked.size(); start += kCheckedAtOnce) {
        const auto from = unchecked.begin() + static_cast<std::ptrdiff_t>(start);
        const std::vector<Xapian::docid> batch(from, from + static_cast<std::ptrdiff_t>(std::min(kCheckedAtOnce, unchecked.size() - start)));
        const std::vector<TermPositions> positions = decision_positions(c_.db, batch, terms, c_.one_local_database);
        for (size_t i = 0; i < batch.size(); ++i)
            if (!PositionCheck(positions[i], runs, sentence).spans(n).empty()) held.push_back(batch[i]);
    }
    return held;
}

// `held` (ascending) as a query: their docids in one local database, else their id terms.
Q Compiler::matching(std::vector<Xapian::docid> held) const {
    if (held.empty()) return Q("Z\x01nothing");
    if (c_.one_local_database) return Q((new DocidSet(std::move(held)))->release());
    std::vector<Q> ids;
    for (Xapian::docid d : held)
        if (auto id = id_term(d)) ids.emplace_back(*id);
    return ids.empty() ? Q("Z\x01nothing") : Q(Q::OP_OR, ids.begin(), ids.end());
}

Q Compiler::checked(const Q& candidates, const Node& n) {
    const auto unchecked = to_check(in_region(candidates), n);
    if (!unchecked) return Q("Z\x01nothing");
    return matching(held_in_text(*unchecked, n));
}

namespace {

// How often `term` is in each of `docids` (ascending): its wdf, 0 where absent.
std::vector<Xapian::termcount> wdfs(const Xapian::Database& db, const std::vector<Xapian::docid>& docids, const std::string& term) {
    std::vector<Xapian::termcount> out(docids.size());
    Xapian::PostingIterator p = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (size_t i = 0; i < docids.size() && p != end; ++i) {
        p.skip_to(docids[i]);
        if (p != end && *p == docids[i]) out[i] = p.get_wdf();
    }
    return out;
}

bool share_a_term(const Run& a, const Run& b) {
    for (const TermSet& x : a)
        for (const TermSet& y : b)
            if (std::any_of(x.begin(), x.end(), [&](const std::string& t) { return y.count(t) > 0; })) return true;
    return false;
}

}  // namespace

// `found` (ascending, holding the pair `a` and `b` within the reach of a sentence, /s, or of a
// field, /p) into the sure and the unsure: sure where each phrase of the pair has a word the
// text says once. The NEAR placed that word, in its one place, in a sentence (a field) with
// the other side; the phrase holds there too, being where that word is (a phrase never spans
// sentences). Sides sharing a term could be one word twice: unsure.
void Compiler::sort_out(const std::vector<Xapian::docid>& found, const Run& a, const Run& b, std::vector<Xapian::docid>& sure,
                        std::vector<Xapian::docid>& unsure) const {
    std::vector<bool> once(found.size(), true);  // every phrase so far has a word said once
    if (share_a_term(a, b)) once.assign(found.size(), false);
    for (const Run* run : {&a, &b}) {
        if (run->size() < 2) continue;
        std::vector<bool> here(found.size(), false);
        for (const TermSet& word : *run) {
            if (word.size() != 1) continue;
            const std::vector<Xapian::termcount> wdf = wdfs(c_.db, found, *word.begin());
            for (size_t i = 0; i < found.size(); ++i) here[i] = here[i] || (wdf[i] > 0 && wdf[i] < said_twice());
        }
        for (size_t i = 0; i < found.size(); ++i) once[i] = once[i] && here[i];
    }
    for (size_t i = 0; i < found.size(); ++i) (once[i] ? sure : unsure).push_back(found[i]);
}

// /s or /p between alternatives, pair by pair: the decisions sure to hold (sort_out) taken as
// they are, the others checked in the text. At 100k decisions 30% of `acupuncture /s
// "functional improvement"`'s 2,300 candidates are sure, half of `imaging /s "red flag"`'s
// 5,400 and of `MRI /p "red flags"`'s.
Q Compiler::checked_pairs(const Node& n, const std::vector<Run>& left, const std::vector<Run>& right) {
    std::vector<Xapian::docid> sure, unsure;
    for (const Run& a : left) {
        for (const Run& b : right) {
            // Most of a pair's candidates can be sure: the limit is on those checked.
            const auto found = to_check(in_region(pair_within_reach(n, a, b)), n, kMaxPairCandidates);
            if (!found) return Q("Z\x01nothing");
            sort_out(*found, a, b, sure, unsure);
        }
    }
    auto ascending = [](std::vector<Xapian::docid>& v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    ascending(sure);
    ascending(unsure);
    std::vector<Xapian::docid> unchecked;
    std::set_difference(unsure.begin(), unsure.end(), sure.begin(), sure.end(), std::back_inserter(unchecked));
    if (unchecked.size() > kMaxCheckedDecisions) {
        too_many(n);
        return Q("Z\x01nothing");
    }
    std::vector<Xapian::docid> held = held_in_text(unchecked, n), all;
    std::merge(sure.begin(), sure.end(), held.begin(), held.end(), std::back_inserter(all));
    return matching(std::move(all));
}

}  // namespace

bool is_connector_query(std::string_view query) {
    bool in_quotes = false;
    std::string word;
    std::vector<std::string> words;
    for (size_t i = 0; i <= query.size(); ++i) {
        const char c = i < query.size() ? query[i] : ' ';
        if (c == '"') in_quotes = !in_quotes;
        if (in_quotes) continue;
        if (space(c) || c == '(' || c == ')') {
            if (!word.empty()) words.push_back(word);
            if (c == '(' && (ascii_lower(word) == "ti" || ascii_lower(word) == "da")) return true;
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (connector(w) || w == "&" || w == "%" || (w.size() > 3 && w.back() == '!' && std::isalpha(static_cast<unsigned char>(w[w.size() - 2]))))
            return true;
        if (w == "BUT" && i + 1 < words.size() && words[i + 1] == "NOT") return true;
        if (ascii_lower(w) == "date" && i + 2 < words.size()) {
            const std::string next = ascii_lower(words[i + 1]);
            if ((next == "aft" || next == "bef") && std::isdigit(static_cast<unsigned char>(words[i + 2][0]))) return true;
        }
    }
    return false;
}

BuiltQuery build_connector_query(const Xapian::Database& db, bool one_local_database, const std::string& query,
                                 std::string& shown_as) {
    BuiltQuery built;
    const Node tree = Parser(query, db).run();
    shown_as = shown(tree);
    Q q = Compiler(Context{db, built.log, query, one_local_database}).boolean(tree);
    if (!built.log.error.empty()) throw query_error(query, built.log.error);
    built.ranked = plain_ranked(q);
    return built;
}

}  // namespace imr::detail
