#include "query_understanding.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "imr/analyzers.h"
#include "imr/ascii.h"
#include "imr/error.h"
#include "imr/schema.h"
#include "imr/stopwords.h"
#include "query_syntax.h"

namespace imr::detail {

namespace {

namespace sc = imr::schema;
using Kind = QueryToken::Kind;

// IMR's own outcome words filter where they stand. Claims language ("denied", "non-certified",
// "approved") stays plain words: boosting the outcome it suggests gained nothing on the judged
// queries (mean nDCG@10 0.802 with, 0.801 without) and, upheld being 89% of decisions, made
// such a query about three times slower at 1M decisions.
constexpr std::string_view kOutcomeWords[] = {"upheld", "overturned"};

Error query_error(std::string_view query, const std::string& what) {
    return Error(ErrorKind::bad_query, "query '" + std::string(query) + "': " + what);
}

bool is_case_number(std::string_view w) {
    if (w.size() != 12 || (w[0] != 'C' && w[0] != 'c') || (w[1] != 'M' && w[1] != 'm') || w[4] != '-') return false;
    for (size_t i : {2, 3, 5, 6, 7, 8, 9, 10, 11})
        if (!std::isdigit(static_cast<unsigned char>(w[i]))) return false;
    return true;
}

// Fields a user can type, for the unknown-field message.
std::string field_names() {
    std::string out;
    for (const auto& f : sc::fields()) {
        if (f.kind == sc::Kind::internal) continue;
        out += (out.empty() ? "" : ", ") + std::string(f.name);
    }
    return out;
}

const sc::Field* user_field(const std::string& name) {
    for (const auto& f : sc::fields())
        if (f.name == name && f.kind != sc::Kind::internal) return &f;
    return nullptr;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Words of a spelling or of query words, as concepts are matched: lower case, split at
// spaces, hyphens and slashes.
std::vector<std::string> concept_words(std::string_view text) {
    std::vector<std::string> out;
    std::string w;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        } else if (!w.empty()) {
            out.push_back(std::move(w));
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

struct Spelling {
    std::vector<std::string> words;
    std::string concept_name;
};

// Every spelling of every concept, longest first, so that the longest match wins.
const std::vector<Spelling>& spellings() {
    static const std::vector<Spelling> all = [] {
        std::vector<Spelling> out;
        for (const auto& c : concept_spellings())
            for (const auto& s : c.spellings) out.push_back({concept_words(s), c.name});
        std::stable_sort(out.begin(), out.end(),
                         [](const Spelling& a, const Spelling& b) { return a.words.size() > b.words.size(); });
        return out;
    }();
    return all;
}

// The concept `typed` names: its name ("epidural-steroid-injection", "_" for "-" too) or any
// spelling ("ESI", "epidural injection"); "" when none.
std::string concept_named(std::string_view typed) {
    const std::vector<std::string> words = concept_words(typed);
    for (const auto& c : concept_spellings())
        if (concept_words(c.name) == words) return c.name;
    for (const auto& s : spellings())
        if (s.words == words) return s.concept_name;
    return "";
}

std::string concept_names() {
    std::string out;
    for (const auto& c : concept_spellings()) out += (out.empty() ? "" : ", ") + c.name;
    return out;
}

// "TENS", "ESIs": an abbreviation in capitals, which means its concept and is never stemmed
// into a common word ("tens" is the stem of "ten").
std::string capitals_concept(std::string_view word) {
    std::string_view letters = word;
    if (letters.size() > 2 && letters.back() == 's') letters.remove_suffix(1);
    if (letters.size() < 2) return "";
    for (char c : letters)
        if (!std::isupper(static_cast<unsigned char>(c))) return "";
    const std::vector<std::string> one{ascii_lower(word)}, singular{ascii_lower(letters)};
    for (const auto& s : spellings())
        if (s.words.size() == 1 && (s.words == one || s.words == singular)) return s.concept_name;
    return "";
}

bool all_stopwords(std::string_view text) {
    for (const auto& w : concept_words(text))
        if (!stopwords()(w)) return false;
    return true;
}

class Reader {
public:
    Reader(std::string_view query, bool literal) : query_(query), literal_(literal), tokens_(tokens_of(query)) {}

    Understood run() {
        check_not_empty();
        negated_ = negations();
        only_negated_ = only_negated();
        out_.every_word = literal_ || std::any_of(tokens_.begin(), tokens_.end(), [](const QueryToken& t) { return t.kind == Kind::op; });
        out_.phrase_typed = std::any_of(tokens_.begin(), tokens_.end(), [](const QueryToken& t) {
            return t.kind == Kind::phrase || t.kind == Kind::field;
        });
        std::string free_words;
        for (size_t i = 0; i < tokens_.size(); ++i) {
            const QueryToken& t = tokens_[i];
            const size_t taken = !literal_ && t.is_word() && !t.sign ? concept_run(i) : 0;
            if (taken > 0) {
                for (size_t k = i; k < i + taken; ++k)
                    if (!negated_[k]) free_words.append(" ").append(tokens_[k].value);
                i += taken - 1;
                continue;
            }
            piece(t);
            if (t.is_word() && !negated_[i] && !t.wildcard) {
                free_words.append(" ").append(t.value);
                if (!literal_) identifier_boost(t);
            }
        }
        if (!literal_) add_boosts(free_words);
        return std::move(out_);
    }

private:
    void check_not_empty() {
        if (query_.size() > kMaxQueryBytes) {
            throw Error(ErrorKind::bad_query, "query of " + std::to_string(query_.size()) + " bytes is over the limit of " +
                                                  std::to_string(kMaxQueryBytes) +
                                                  "; for decisions like a long text, paste its telling sentences");
        }
        bool content = false, meaningful = false;
        std::string common;
        for (const auto& t : tokens_) {
            const sc::Field* f = t.kind == Kind::field ? user_field(t.field) : nullptr;
            const bool free_text = t.kind == Kind::word || t.kind == Kind::phrase || (f && f->kind == sc::Kind::text);
            if (t.kind == Kind::field && !free_text) meaningful = content = true;
            if (!free_text || concept_words(t.value).empty()) continue;
            content = true;
            if (!all_stopwords(t.value)) meaningful = true;
            else common += (common.empty() ? "" : ", ") + t.value;
        }
        if (!content) {
            throw Error(ErrorKind::bad_query, "empty query: type words, \"a phrase\" or a filter (outcome:overturned); "
                                              "'imrsearch stats' counts the whole index");
        }
        if (!meaningful) {
            throw query_error(query_, "only common words (" + common +
                                          "), which the index leaves out; add a word that tells decisions apart");
        }
    }

    // Which tokens stand negated: after '-', or NOT (a word, or a parenthesised group).
    std::vector<bool> negations() const {
        std::vector<bool> out(tokens_.size(), false);
        std::vector<bool> groups{false};
        bool pending = false;
        for (size_t i = 0; i < tokens_.size(); ++i) {
            const QueryToken& t = tokens_[i];
            if (t.is_op("NOT")) {
                pending = true;
            } else if (t.kind == Kind::open) {
                groups.push_back(groups.back() || pending || t.sign == '-');
                pending = false;
            } else if (t.kind == Kind::close) {
                if (groups.size() > 1) groups.pop_back();
            } else if (t.kind != Kind::op) {
                out[i] = groups.back() || pending || t.sign == '-';
                pending = false;
            }
        }
        return out;
    }

    // A query of nothing but '-' exclusions: Xapian's parser drops a lone '-' ("-knee" finds
    // knee), so each is read as NOT.
    bool only_negated() const {
        bool any = false;
        for (const auto& t : tokens_) {
            if (t.kind == Kind::op || t.kind == Kind::open || t.kind == Kind::close) return false;
            if (t.sign != '-') return false;
            any = true;
        }
        return any;
    }

    std::string sign_of(const QueryToken& t) const {
        if (!t.sign) return "";
        return only_negated_ ? "NOT " : std::string(1, t.sign);
    }

    void emit(const std::string& parsed, const std::string& shown) {
        auto add = [](std::string& to, const std::string& s) {
            if (!to.empty() && !to.ends_with('(') && s != ")") to.push_back(' ');
            to += s;
        };
        add(out_.parser_text, parsed);
        add(out_.shown, shown);
    }

    // Emits `t` as typed, its sign as the query needs it.
    void as_typed(const QueryToken& t) {
        const std::string rest = t.sign ? t.text.substr(1) : t.text;
        emit(sign_of(t) + rest, sign_of(t) + rest);
    }

    // Emits a construct where `t` stands.
    void construct(const QueryToken& t, Construct c, const std::string& shown) {
        const std::string placeholder = std::string(kConstructField) + ":" + std::to_string(out_.constructs.size());
        out_.constructs.push_back(std::move(c));
        emit(sign_of(t) + placeholder, sign_of(t) + shown);
    }

    void piece(const QueryToken& t) {
        switch (t.kind) {
            case Kind::op:
            case Kind::open:
            case Kind::close: return as_typed(t);
            case Kind::phrase: return phrase(t);
            case Kind::field: return field(t);
            case Kind::word: return word(t);
        }
    }

    // A phrase in the decision's text: its item and rationale (the text's positional copy) or
    // a citation (whose positions are its own field's: the unprefixed copy of a citation has
    // none). With +, as typed (the parser takes no sign on a bracket): in item or rationale.
    void phrase(const QueryToken& t) {
        if (literal_ || t.sign == '+') return as_typed(t);
        std::string rest = t.sign ? t.text.substr(1) : t.text;
        if (rest.size() < 2 || rest.back() != '"') rest += '"';  // unclosed: to the query's end
        if (t.sign == '-') return emit(sign_of(t) + rest + " " + sign_of(t) + "citation:" + rest, sign_of(t) + rest);
        emit("(" + rest + " OR citation:" + rest + ")", rest);
    }

    void word(const QueryToken& t) {
        if (t.wildcard) return wildcard(t, "", t.value);
        const std::string_view bare = bare_word(t.value);
        const std::string lower = ascii_lower(bare);
        if (!literal_) {
            if (std::find(std::begin(kOutcomeWords), std::end(kOutcomeWords), lower) != std::end(kOutcomeWords)) {
                out_.filters.push_back({"outcome", lower, true, false});
                const std::string as_filter = "outcome:" + lower;
                return emit(sign_of(t) + as_filter, sign_of(t) + as_filter);
            }
            if (is_case_number(bare)) {
                const std::string number = ascii_upper(bare);
                out_.filters.push_back({"case", number, true, false});
                return emit(sign_of(t) + "case:" + number, sign_of(t) + "case:" + number);
            }
            if (std::string c = capitals_concept(bare); !c.empty()) {
                return construct(t, {Construct::Kind::domain_concept, "", c, 1}, "concept:" + c);
            }
        }
        as_typed(t);
    }

    // "epidural steroid injection": plain words spelling a concept, taken as that concept,
    // weighted as the words it took. Returns how many tokens from `i` it took (0: none).
    size_t concept_run(size_t i) {
        std::vector<std::string> words;
        std::vector<size_t> token_end;  // words.size() after each token
        for (size_t k = i; k < tokens_.size() && k < i + 8; ++k) {
            const QueryToken& t = tokens_[k];
            if (!t.is_word() || t.sign || t.wildcard) break;
            for (auto& w : concept_words(t.value)) words.push_back(std::move(w));
            token_end.push_back(words.size());
        }
        for (const auto& s : spellings()) {
            if (s.words.size() < 2 || s.words.size() > words.size()) continue;
            if (!std::equal(s.words.begin(), s.words.end(), words.begin())) continue;
            const auto end = std::find(token_end.begin(), token_end.end(), s.words.size());
            if (end == token_end.end()) continue;  // ends inside a token
            const size_t taken = static_cast<size_t>(end - token_end.begin()) + 1;
            construct(tokens_[i], {Construct::Kind::domain_concept, "", s.concept_name, static_cast<double>(s.words.size())},
                      "concept:" + s.concept_name);
            return taken;
        }
        return 0;
    }

    void wildcard(const QueryToken& t, const std::string& field, const std::string& value) {
        const std::string_view prefix = bare_word(std::string_view(value).substr(0, value.size() - 1));
        const std::string typed = field.empty() ? value : field + ":" + value;
        if (value.find('*') + 1 != value.size()) {
            throw query_error(query_, "'" + typed + "': only a * at the end of a word makes a wildcard");
        }
        if (utf8_length(prefix) < kMinWildcardPrefix) {
            throw query_error(query_, "'" + typed + "': a wildcard needs at least " + std::to_string(kMinWildcardPrefix) +
                                          " letters before the *");
        }
        construct(t, {Construct::Kind::wildcard, field, ascii_lower(prefix), 1}, typed);
    }

    void field(const QueryToken& t) {
        const sc::Field* f = user_field(t.field);
        if (!f) {
            // "Note:" followed by a space is a word, as the parser reads it.
            if (t.value.empty()) return as_typed(t);
            throw query_error(query_, "unknown field '" + t.field + "' in '" + t.text + "'; the fields are " + field_names());
        }
        if (t.value.empty() || (t.quoted && t.value.find_first_not_of(" \t") == std::string::npos)) {
            throw query_error(query_, "'" + t.text + "' has no value: put it right after the colon (" +
                                          std::string(f->name) + ":" + example_value(*f) + ")");
        }
        const std::string typed = t.field + ":" + (t.quoted ? "\"" + t.value + "\"" : t.value);
        if (f->kind == sc::Kind::domain_concept) {
            const std::string c = concept_named(t.value);
            if (c.empty()) throw query_error(query_, "no concept '" + t.value + "'; the concepts are " + concept_names());
            return construct(t, {Construct::Kind::domain_concept, "", c, 1}, "concept:" + c);
        }
        if (f->kind == sc::Kind::text && t.wildcard) return wildcard(t, t.field, t.value);
        if (f->kind == sc::Kind::text && t.quoted && f->positions == sc::Positions::holder && concept_words(t.value).size() > 1) {
            return construct(t, {Construct::Kind::phrase_in_summary, t.field, t.value, 1}, typed);
        }
        if (f->kind != sc::Kind::filter && f->kind != sc::Kind::text && t.wildcard) {
            throw query_error(query_, "'" + t.text + "': a range field takes numbers or dates, not a wildcard");
        }
        emit(sign_of(t) + typed, sign_of(t) + typed);
    }

    static std::string example_value(const sc::Field& f) {
        if (f.name == "outcome") return "overturned";
        if (f.kind == sc::Kind::date_range) return "2017-01";
        if (f.kind == sc::Kind::number_range) return "7..12";
        if (f.kind == sc::Kind::text) return "\"functional improvement\"";
        return "...";
    }

    void identifier_boost(const QueryToken& t) {
        const std::string_view bare = bare_word(t.value);
        // The parser reads "L4-5" as the phrase "l4 5"; the whole token adds weight too.
        if (!bare.empty() && !is_case_number(bare) && is_identifier(bare))
            out_.filters.push_back({"identifier", normalise_identifier(bare), true, true});
    }

    // Facet values the free words name become boosts.
    void add_boosts(const std::string& free_words) {
        QueryFacets q = recognise_query(free_words);
        auto add = [&](const char* field, const std::vector<std::string>& values) {
            for (const auto& v : values) out_.filters.push_back({field, v, true, true});
        };
        add("treatment", q.treatments);
        add("class", q.drug_classes);
        add("region", q.regions);
        add("guideline", q.guidelines);
        add("chapter", q.chapters);
        add("specialty", q.specialties);
    }

    std::string_view query_;
    bool literal_;
    std::vector<QueryToken> tokens_;
    std::vector<bool> negated_;
    bool only_negated_ = false;
    Understood out_;
};

}  // namespace

Understood understand(std::string_view query, bool literal) { return Reader(query, literal).run(); }

}  // namespace imr::detail
