#include "engine/settings.hpp"

#include "engine/scoring.hpp"

namespace gb::engine {

std::optional<std::string> setting(data::Db& db, const std::string& key) {
  return data::get_setting(db, key);
}

std::string active_scoring_rule(data::Db& db) {
  return data::get_setting(db, data::kSettingScoringRule).value_or(kDefaultRule);
}

void change_setting(data::Db& db, const std::string& key, const std::string& value) {
  data::set_setting(db, key, value);
}

}  // namespace gb::engine
