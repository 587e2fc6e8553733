// Saved questions and the decisions new to the index since each last ran: for a cron job that
// runs `imrsearch alert run` after each `index` of the state's new letters.
//
//   imr::Alerts alerts("index/");
//   alerts.add("acupuncture-overturned", "acupuncture overturned");
//   for (const auto& news : alerts.run())
//       for (const auto& d : news.decisions) std::cout << news.alert.name << ": " << d.id << "\n";
//
// New means entered the index after the alert last ran (or was added), by when each decision
// was written (schema slot indexed_at), not by its decision date. A letter indexed unchanged is
// not written again, so it is never new twice; a changed letter, or one indexed again after a
// remove, is. The alerts live in a file beside the index (imrsearch-alerts.json in its folder,
// or <stub>.alerts.json for a stub file), written whole and renamed into place; compacting the
// index (xapian-compact) leaves it behind. Run alerts after indexing, not during it: a
// decision written by one shard before another shard's later commit could be passed over.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "imr/record.h"

namespace imr {

struct Alert {
    std::string name;
    std::string query;
    double seen_up_to = 0;  // microseconds since 1970: decisions written until then are not new
};

struct AlertNews {
    Alert alert;
    std::vector<DecisionRecord> decisions;  // new ones, newest decision first, at most kMaxAlertDecisions
    size_t total = 0;                       // how many are new
};

inline constexpr size_t kMaxAlertDecisions = 1000;

class Alerts {
public:
    // The alerts of the index at `db`; throws imr::Error (index) when there is no index there.
    explicit Alerts(const std::filesystem::path& db);

    // Saves `query` under `name` (letters, digits, '-', '_', '.'); only decisions indexed from now
    // on are news to it. Throws imr::Error (bad_usage) for a name taken or malformed, (bad_query)
    // for a query the searcher rejects.
    void add(const std::string& name, const std::string& query);

    // Throws imr::Error (not_found) when there is no such alert.
    void remove(const std::string& name);

    std::vector<Alert> list() const;

    // Every alert's new decisions; then each remembers that it has seen up to the newest
    // decision in the index.
    std::vector<AlertNews> run();

private:
    std::filesystem::path db_, file_;
    std::vector<Alert> alerts_;
    void save() const;
};

}  // namespace imr
