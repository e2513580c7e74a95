// What a Hub holds (private to the team library): the connection and the
// helpers hub.cpp and hub_log.cpp share.
#pragma once
#include <string>
#include <vector>

#include "team/hub.hpp"
#include "team/pg.hpp"

namespace gb::team {

struct Hub::Conn {
  pg::Conn pg;
  bool listening = false;
  std::vector<Presence> presence{};  // heard, not yet taken (hub_log.cpp)
};

namespace detail {

// A timestamptz column as ISO 8601 UTC with milliseconds, the form SQLite's
// strftime('%Y-%m-%dT%H:%M:%fZ') writes: "2024-05-01T10:00:00.000Z"
// (NULL stays NULL). The session's time zone is UTC (pg::Conn::open).
std::string iso(const std::string& column);

// A bytea parameter, or NULL for no bytes.
pg::Param bytes_or_null(const std::string& b);

}  // namespace detail

}  // namespace gb::team
