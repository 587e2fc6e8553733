// The header block of newer letters. pdftotext and poppler give its labels and
// values in separate runs (all labels, then all values), sometimes with a label
// wrapped over two lines ("Application" / "Received:"), so values are paired
// with pending labels by order rather than by line.
#include <deque>

#include "parser_parts.h"

namespace imr::detail {

namespace {

struct Label {
    std::string_view name;
    std::string Letter::*field;
    bool is_date;
};

const Label kLabels[] = {
    {"Case Number", &Letter::case_number, false},
    {"Date Assigned", &Letter::date_assigned, true},
    {"Decision Date", &Letter::decision_date, true},
    {"Date of Injury", &Letter::date_of_injury, true},
    {"UR Denial Date", &Letter::ur_denial_date, true},
    {"Application Received", &Letter::application_received, true},
    {"Priority", &Letter::priority, false},
};

const Label* label_named(std::string_view name) {
    for (const auto& l : kLabels) {
        if (name.size() == l.name.size() && starts_with_ci(name, l.name)) return &l;
    }
    return nullptr;
}

void assign(const Label& label, std::string_view value, Letter& letter) {
    value = trim(value);
    letter.*label.field = label.is_date ? iso_date(value) : std::string(value);
}

// Lines with wrapped labels rejoined: "Application" + "Received:" -> "Application Received:".
std::vector<std::string> unwrap_labels(LineIt first, LineIt last) {
    std::vector<std::string> out;
    for (auto it = first; it != last; ++it) {
        auto next = it + 1;
        if (next != last && it->text.find(':') == std::string::npos) {
            std::string joined = it->text + " " + next->text;
            size_t colon = joined.find(':');
            if (colon != std::string::npos && label_named(trim(std::string_view(joined).substr(0, colon)))) {
                out.push_back(joined);
                ++it;
                continue;
            }
        }
        out.push_back(it->text);
    }
    return out;
}

}  // namespace

void read_header(LineIt first, LineIt last, Letter& letter) {
    std::deque<const Label*> pending;
    for (const std::string& line : unwrap_labels(first, last)) {
        std::string_view text = line;
        size_t colon = text.find(':');
        const Label* label =
            colon == std::string_view::npos ? nullptr : label_named(trim(text.substr(0, colon)));
        if (label) {
            std::string_view value = trim(text.substr(colon + 1));
            if (value.empty()) pending.push_back(label);
            else assign(*label, value, letter);
        } else if (!pending.empty()) {
            assign(*pending.front(), text, letter);
            pending.pop_front();
        }
    }
}

}  // namespace imr::detail
