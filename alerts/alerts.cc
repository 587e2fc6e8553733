#include "imr/alerts.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "imr/error.h"
#include "imr/searcher.h"

namespace imr {

namespace fs = std::filesystem;

namespace {

fs::path alerts_file(const fs::path& db) {
    std::error_code ec;
    if (fs::is_directory(db, ec)) return db / "imrsearch-alerts.json";
    return fs::path(db.string() + ".alerts.json");
}

bool good_name(const std::string& name) {
    return !name.empty() && name.size() <= 64 &&
           std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

}  // namespace

Alerts::Alerts(const fs::path& db) : db_(db), file_(alerts_file(db)) {
    Searcher check(db);  // the index must be there, readable, of this schema
    std::error_code ec;
    if (!fs::exists(file_, ec)) return;
    std::ifstream in(file_);
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        for (const auto& a : j.at("alerts")) alerts_.push_back({a.at("name"), a.at("query"), a.at("seen_up_to")});
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::index, file_.string() + ": not an alerts file (" + e.what() + ")");
    }
}

void Alerts::save() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : alerts_) list.push_back({{"name", a.name}, {"query", a.query}, {"seen_up_to", a.seen_up_to}});
    const fs::path tmp = file_.string() + ".tmp";
    {
        std::ofstream out(tmp);
        out << nlohmann::json{{"alerts", list}}.dump(2) << '\n';
        if (!out) throw Error(ErrorKind::index, tmp.string() + ": cannot write the alerts");
    }
    std::error_code ec;
    fs::rename(tmp, file_, ec);
    if (ec) throw Error(ErrorKind::index, file_.string() + ": cannot save the alerts: " + ec.message());
}

void Alerts::add(const std::string& name, const std::string& query) {
    if (!good_name(name)) {
        throw Error(ErrorKind::bad_usage, "alert name '" + name + "': use up to 64 letters, digits, '-', '_' or '.'");
    }
    for (const auto& a : alerts_)
        if (a.name == name) throw Error(ErrorKind::bad_usage, "an alert named '" + name + "' exists; remove it first");
    Searcher searcher(db_);
    SearchOptions none;
    none.limit = 0;
    none.facets = false;
    (void)searcher.search(query, none);  // a query the searcher rejects is said now, not at each run
    alerts_.push_back({name, query, searcher.newest_entry()});
    save();
}

void Alerts::remove(const std::string& name) {
    const auto before = alerts_.size();
    std::erase_if(alerts_, [&](const Alert& a) { return a.name == name; });
    if (alerts_.size() == before) throw Error(ErrorKind::not_found, name + ": no such alert in " + file_.string());
    save();
}

std::vector<Alert> Alerts::list() const { return alerts_; }

std::vector<AlertNews> Alerts::run() {
    Searcher searcher(db_);
    const double newest = searcher.newest_entry();
    std::vector<AlertNews> out;
    for (auto& a : alerts_) {
        SearchOptions news;
        news.entered_after = a.seen_up_to;
        news.sort = Sort::newest;
        news.limit = kMaxAlertDecisions;  // counted exactly by the facet pass, the first thousand listed
        const SearchResults r = searcher.search(a.query, news);
        AlertNews n{a, {}, r.total};
        for (const auto& h : r.hits) n.decisions.push_back(h.record);
        out.push_back(std::move(n));
    }
    for (auto& a : alerts_) a.seen_up_to = std::max(a.seen_up_to, newest);
    save();
    return out;
}

}  // namespace imr
