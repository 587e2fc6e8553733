#include "number_range.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace imr::detail {

namespace {

std::optional<long> whole_number(const std::string& s) {
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stol(s);
}

}  // namespace

Xapian::Query NumberFilter::operator()(const std::string& from, const std::string& to, const std::string& typed) {
    const std::optional<long> low = from.empty() ? std::optional<long>(0) : whole_number(from);
    const std::optional<long> high = whole_number(to);
    const bool open_end = to.empty();
    if (from.empty() && open_end) {
        log_.fail("'" + typed + "': a range needs a number on at least one side (" + name_ + ":7..12)");
    } else if (!low || (!open_end && !high)) {
        log_.fail("'" + typed + "': " + name_ + " takes whole numbers: " + name_ + ":12, " + name_ + ":7..12, " + name_ +
                  ":..30");
    } else if (!open_end && *low > high.value_or(0)) {
        log_.fail("'" + typed + "': the range ends before it begins; write the smaller number first");
    } else {
        log_.ranges.push_back({name_, from, to});
        const std::string lo = Xapian::sortable_serialise(static_cast<double>(*low));
        if (open_end) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_, lo);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_, lo,
                             Xapian::sortable_serialise(static_cast<double>(high.value_or(0))));
    }
    // Matches nothing: the error is reported once the parse is done.
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_, std::string(1, '\xff'));
}

}  // namespace imr::detail
