#include "any_words.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>

#include "imr/big_endian.h"
#include "ranked_page.h"
#include "telling_words.h"

namespace imr::detail {

namespace {

constexpr Xapian::docid kPast = std::numeric_limits<Xapian::docid>::max();

// BM25's idf part of a term `termfreq` of `decisions` decisions hold, as Xapian 1.4's
// BM25Weight::init works it out (no relevance set; a query term's wqf of 1, which k3 leaves
// as it is).
double term_weight(double decisions, double termfreq) {
    double odds = (decisions - termfreq + 0.5) / (termfreq + 0.5);
    if (odds < 2) odds = odds * 0.5 + 1;  // as Xapian: a term most decisions hold still weighs
    return std::log(odds) * (Bm25::k1 + 1);
}

// BM25's share of `term_weight` for `wdf` occurrences in a decision of `length` terms.
double weight_in(double term_weight, double wdf, double length, double length_factor) {
    const double normalised = std::max(length * length_factor, Bm25::min_normlen);
    return term_weight * (wdf / (Bm25::k1 * (normalised * Bm25::b + (1 - Bm25::b)) + wdf));
}

void append_double(std::string& out, double d) {
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out.append(bytes, sizeof d);
}

double read_double(const std::string& s, size_t at) {
    double d = 0;
    std::memcpy(&d, s.data() + at, sizeof d);
    return d;
}

// Whether `part` is the weightless values telling_words reaches, whose terms are `reach`.
// (A weightless wildcard, "0 * WILDCARD", lists no terms: it is not.)
bool reaching(const Xapian::Query& part, const std::vector<std::string>& reach) {
    if (part.get_type() != Xapian::Query::OP_SCALE_WEIGHT || part.get_num_subqueries() != 1) return false;
    std::vector<Xapian::Query> leaves;
    or_parts(part.get_subquery(0), leaves);
    return std::all_of(leaves.begin(), leaves.end(), [&](const Xapian::Query& leaf) {
        return leaf.get_type() == Xapian::Query::LEAF_TERM &&
               std::find(reach.begin(), reach.end(), *leaf.get_terms_begin()) != reach.end();
    });
}

// The factor of `part`, a term scaled as one of `scaled` is (Xapian's Query does not tell its
// factor); none if `part` is not, or if that term is listed at two factors.
std::optional<double> scale_of(const Xapian::Query& part, const std::vector<ListedTerm>& scaled) {
    if (part.get_type() != Xapian::Query::OP_SCALE_WEIGHT || part.get_num_subqueries() != 1 ||
        part.get_subquery(0).get_type() != Xapian::Query::LEAF_TERM)
        return std::nullopt;
    const std::string term = *part.get_terms_begin();
    std::optional<double> factor;
    for (const auto& s : scaled) {
        if (s.term != term) continue;
        if (factor && *factor != s.factor) return std::nullopt;
        factor = s.factor;
    }
    return factor;
}

}  // namespace

AnyWords::AnyWords(std::vector<ListedTerm> terms) : terms_(std::move(terms)) {}

std::string AnyWords::serialise() const {
    std::string out;
    for (const auto& t : terms_) {
        append_u32(out, static_cast<std::uint32_t>(t.term.size()));
        out += t.term;
        append_double(out, t.factor);
        out += t.matches ? '1' : '0';
    }
    return out;
}

AnyWords* AnyWords::unserialise(const std::string& s) const {
    std::vector<ListedTerm> terms;
    for (size_t at = 0; at + 4 <= s.size();) {
        const size_t length = read_u32(s, at);
        at += 4;
        ListedTerm t;
        t.term = s.substr(at, length);
        at += length;
        t.factor = read_double(s, at);
        at += sizeof(double);
        t.matches = s[at++] == '1';
        terms.push_back(std::move(t));
    }
    return new AnyWords(std::move(terms));
}

void AnyWords::init(const Xapian::Database& db) {
    cursors_.clear();
    current_ = 0;
    started_ = false;
    const double decisions = db.get_doccount();
    length_factor_ = db.get_avlength() > 0 ? 1 / db.get_avlength() : 0;
    const double shortest = db.get_doclength_lower_bound();
    double bound = 0, none_hold = 1, most = 0, sum = 0;
    for (const auto& t : terms_) {
        const double termfreq = db.get_termfreq(t.term);
        if (termfreq == 0) continue;
        Cursor c{db.postlist_begin(t.term), db.postlist_end(t.term), 0, term_weight(decisions, termfreq) * t.factor, 0, t.matches};
        // The bound Xapian's BM25Weight::get_maxpart takes: the most occurrences, in the
        // shortest decision that can hold them.
        const double wdf_max = db.get_wdf_upper_bound(t.term);
        c.bound = weight_in(c.term_weight, wdf_max, std::max(wdf_max, shortest), length_factor_);
        bound += c.bound;
        if (t.matches) {
            // Xapian's estimate for an OR: its terms hold decisions independently.
            none_hold *= 1 - termfreq / decisions;
            most = std::max(most, termfreq);
            sum += termfreq;
        }
        cursors_.push_back(std::move(c));
    }
    termfreq_min_ = static_cast<Xapian::doccount>(most);
    termfreq_est_ = static_cast<Xapian::doccount>(std::lround(decisions * (1 - none_hold)));
    termfreq_max_ = static_cast<Xapian::doccount>(std::min(decisions, sum));
    set_maxweight(bound);
}

void AnyWords::move_to(Cursor& c, Xapian::docid did) const {
    if (c.docid >= did) return;
    c.at.skip_to(did);
    c.docid = c.at == c.end ? kPast : *c.at;
}

// To the first decision from `from` that a matching term holds and whose terms' bounds reach
// `min_weight`: the terms in the order of the decisions they stand at, the first whose bound
// with those before it reaches the weight is the pivot; the terms before it move to its
// decision, none of those between weighing enough.
void AnyWords::advance(Xapian::docid from, double min_weight) {
    started_ = true;
    for (;;) {
        for (auto& c : cursors_) move_to(c, from);
        std::erase_if(cursors_, [](const Cursor& c) { return c.docid == kPast; });
        std::sort(cursors_.begin(), cursors_.end(), [](const Cursor& a, const Cursor& b) { return a.docid < b.docid; });
        double reach = 0;
        size_t pivot = 0;
        while (pivot < cursors_.size() && (reach += cursors_[pivot].bound) < min_weight) ++pivot;
        if (pivot == cursors_.size()) {
            cursors_.clear();
            current_ = 0;
            return;
        }
        const Xapian::docid candidate = cursors_[pivot].docid;
        if (cursors_.front().docid == candidate) {
            const bool matched = std::any_of(cursors_.begin(), cursors_.end(),
                                             [&](const Cursor& c) { return c.docid == candidate && c.matches; });
            if (matched) {
                current_ = candidate;
                return;
            }
            from = candidate + 1;  // a boost alone matches nothing
        } else {
            from = candidate;
        }
    }
}

void AnyWords::next(double min_weight) { advance(started_ ? current_ + 1 : 1, min_weight); }

void AnyWords::skip_to(Xapian::docid did, double min_weight) {
    if (!started_ || did > current_) advance(did, min_weight);
}

double AnyWords::get_weight() const {
    double weight = 0, length = -1;
    for (const auto& c : cursors_) {
        if (c.docid != current_) continue;
        if (length < 0) length = c.at.get_doclength();
        weight += weight_in(c.term_weight, c.at.get_wdf(), length, length_factor_);
    }
    return weight;
}

Xapian::Query any_words(const Xapian::Query& words, const std::vector<std::string>& reach,
                        const std::vector<ListedTerm>& scaled, const std::vector<ListedTerm>& boosts) {
    const auto op = words.get_type();
    if ((op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT) && words.get_num_subqueries() > 0) {
        // Filters and exclusions weigh nothing: they stay around the list (telling_words.h).
        std::vector<Xapian::Query> subs;
        for (size_t i = 0; i < words.get_num_subqueries(); ++i) subs.push_back(words.get_subquery(i));
        subs[0] = any_words(subs[0], reach, scaled, boosts);
        return subs[0].empty() ? subs[0] : Xapian::Query(op, subs.begin(), subs.end());
    }
    std::vector<Xapian::Query> parts;
    or_parts(words, parts);
    // A term listed twice weighs twice, as two leaves of an OR do; boosts add to it.
    std::map<std::string, ListedTerm> listed;
    std::vector<std::string> order;
    auto add = [&](const ListedTerm& t) {
        auto [it, added] = listed.try_emplace(t.term, ListedTerm{t.term, 0, false});
        if (added) order.push_back(t.term);
        it->second.factor += t.factor;
        it->second.matches = it->second.matches || t.matches;
    };
    for (const auto& part : parts) {
        if (part.get_type() == Xapian::Query::LEAF_TERM) add({*part.get_terms_begin(), 1, true});
        else if (const auto factor = scale_of(part, scaled)) add({*part.get_terms_begin(), *factor, true});
        else if (!reaching(part, reach)) return Xapian::Query();
    }
    for (const auto& term : reach) add({term, 0, true});
    for (const auto& b : boosts) add(b);
    std::vector<ListedTerm> terms;
    for (const auto& term : order) terms.push_back(listed[term]);
    return Xapian::Query((new AnyWords(std::move(terms)))->release());
}

}  // namespace imr::detail
