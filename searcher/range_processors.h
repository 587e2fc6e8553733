// Internal: a range filter (date_range.h, number_range.h) as Xapian's parser reads it: as a
// range "name:A..B" (a RangeProcessor) and as a single value "name:A" (a FieldProcessor), the
// whole of A. `Filter` is called with (from, to, as typed).
#pragma once

#include <string>

#include <xapian.h>

namespace imr::detail {

template <typename Filter>
class RangeOf : public Xapian::RangeProcessor {
public:
    RangeOf(Xapian::valueno slot, const std::string& name, Filter filter)
        : Xapian::RangeProcessor(slot, name + ":"), filter_(std::move(filter)), name_(name) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        return filter_(begin, end, name_ + ":" + begin + ".." + end);
    }

private:
    Filter filter_;
    std::string name_;
};

template <typename Filter>
class ValueOf : public Xapian::FieldProcessor {
public:
    ValueOf(const std::string& name, Filter filter) : filter_(std::move(filter)), name_(name) {}
    Xapian::Query operator()(const std::string& value) override { return filter_(value, value, name_ + ":" + value); }

private:
    Filter filter_;
    std::string name_;
};

}  // namespace imr::detail
