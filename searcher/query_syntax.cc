#include "query_syntax.h"

#include <cctype>

namespace imr::detail {

namespace {

using Kind = QueryToken::Kind;

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_operator(std::string_view t) {
    for (std::string_view op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
        if (t == op) return true;
        if (t.starts_with(op) && t.size() > op.size() + 1 && t[op.size()] == '/') {
            bool digits = true;
            for (char c : t.substr(op.size() + 1)) digits = digits && std::isdigit(static_cast<unsigned char>(c));
            if (digits) return true;
        }
    }
    return false;
}

class Lexer {
public:
    explicit Lexer(std::string_view q) : q_(q) {}

    std::vector<QueryToken> run() {
        while (true) {
            while (i_ < q_.size() && space(q_[i_])) ++i_;
            if (i_ >= q_.size()) break;
            if (q_[i_] == '(') {
                push(Kind::open, i_, i_ + 1);
                ++i_;
                continue;
            }
            if (q_[i_] == ')') {
                push(Kind::close, i_, i_ + 1);
                ++i_;
                continue;
            }
            token();
        }
        return std::move(tokens_);
    }

private:
    QueryToken& push(Kind kind, size_t begin, size_t end) {
        QueryToken t;
        t.kind = kind;
        t.text = std::string(q_.substr(begin, end - begin));
        tokens_.push_back(std::move(t));
        return tokens_.back();
    }

    // From a quote at i_ to the closing one (or the end); returns what is between.
    std::string quoted() {
        const size_t open = i_++;
        while (i_ < q_.size() && q_[i_] != '"') ++i_;
        std::string inside(q_.substr(open + 1, i_ - open - 1));
        if (i_ < q_.size()) ++i_;
        return inside;
    }

    // A run of characters up to white space, a quote, or the closing parentheses ending it.
    std::string_view run_to_end() {
        const size_t begin = i_;
        while (i_ < q_.size() && !space(q_[i_]) && q_[i_] != '"') ++i_;
        while (i_ > begin + 1 && q_[i_ - 1] == ')') --i_;
        return q_.substr(begin, i_ - begin);
    }

    void token() {
        const size_t begin = i_;
        char sign = 0;
        if ((q_[i_] == '+' || q_[i_] == '-') && i_ + 1 < q_.size() && !space(q_[i_ + 1])) sign = q_[i_++];
        if (q_[i_] == '"') {
            std::string inside = quoted();
            QueryToken& t = push(Kind::phrase, begin, i_);
            t.sign = sign;
            t.value = std::move(inside);
            t.quoted = true;
            return;
        }
        size_t name_end = i_;
        if (name_start(q_[i_])) {
            while (name_end < q_.size() && name_char(q_[name_end])) ++name_end;
        }
        if (name_end > i_ && name_end < q_.size() && q_[name_end] == ':') {
            std::string name(q_.substr(i_, name_end - i_));
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            i_ = name_end + 1;
            std::string value;
            bool in_quotes = false;
            if (i_ < q_.size() && q_[i_] == '"') {
                value = quoted();
                in_quotes = true;
            } else if (i_ < q_.size() && !space(q_[i_])) {
                value = std::string(run_to_end());
            }
            QueryToken& t = push(Kind::field, begin, i_);
            t.sign = sign;
            t.field = std::move(name);
            t.value = std::move(value);
            t.quoted = in_quotes;
            t.wildcard = !in_quotes && t.value.find('*') != std::string::npos;
            return;
        }
        std::string_view word = run_to_end();
        if (!sign && is_operator(word)) {
            push(Kind::op, begin, i_);
            return;
        }
        QueryToken& t = push(Kind::word, begin, i_);
        t.sign = sign;
        t.value = std::string(word);
        t.wildcard = word.find('*') != std::string_view::npos;
    }

    std::string_view q_;
    size_t i_ = 0;
    std::vector<QueryToken> tokens_;
};

}  // namespace

bool QueryToken::is_op(std::string_view name) const {
    return kind == Kind::op && (text == name || (text.starts_with(name) && text.size() > name.size() && text[name.size()] == '/'));
}

std::vector<QueryToken> tokens_of(std::string_view query) { return Lexer(query).run(); }

std::string_view bare_word(std::string_view word) {
    auto punct = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) && c != '#' && c != '*'; };
    while (!word.empty() && punct(word.back())) word.remove_suffix(1);
    while (!word.empty() && punct(word.front())) word.remove_prefix(1);
    return word;
}

}  // namespace imr::detail
