// CSV export of a resolved view tree: one CSV per table element, in
// document order, each named by its title or the section it sits in.
#pragma once
#include <string>
#include <vector>

#include "core/tree.hpp"

namespace gb::exporter {

struct CsvTable {
  std::string name;
  std::string csv;  // RFC 4180, CRLF line ends, header row of column labels
};

std::vector<CsvTable> csv_tables(const Tree& view);

}  // namespace gb::exporter
