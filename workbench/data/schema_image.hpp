// The governance schema as the migrations make it, made once at build time
// (workbench/data/schema_image_gen.cpp runs schemas/*.sql on an in-memory
// database and writes a source holding the result).
//
// Making a new database used to run every migration on it, and the schema
// check ran them all again in memory to learn what a database should hold:
// two thirds of importing a 2 MB CSV into a new file. Now a new database is
// a copy of the image's pages (plus its audit entries, written when it is
// made), and the schema check reads the image's list of objects.
//
// Both are used only when the SQLite library running is the one that made
// the image (schema_image_usable()): another version may word an altered
// table's stored SQL differently, and the schema check must compare a
// database with what this library's migrations make. Otherwise the program
// runs the migrations as before.
#pragma once
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "data/db.hpp"

namespace gb::data {

struct SchemaImage {
  struct Piece {
    std::size_t offset;  // in the database's bytes; what lies between pieces is zeros
    std::string_view bytes;
  };
  struct Object {
    std::string_view type, name, table, sql;  // as sqlite_schema has them ('' for no SQL)
  };
  std::size_t size = 0;  // bytes of the database (whole pages)
  int schema_version = 0;
  int sqlite_version = 0;  // sqlite3_libversion_number() of the library that made it
  std::span<const Piece> pieces;
  std::span<const Object> objects;
};

// Defined by the generated source.
const SchemaImage& schema_image();

// The image holds the latest migration and was made by the SQLite library
// this program runs with.
bool schema_image_usable();

// The image's database bytes, whole.
std::string schema_image_bytes();

// Copies the image into db, which must have no tables yet (a new file, or
// a new in-memory database), in one write transaction of SQLite's backup:
// afterwards db is at the latest schema version with the application id
// set, and what `add` wrote into the image's in-memory copy first (the
// migrations' audit entries), so that the new file has both or neither.
// Throws gb::Error when SQLite refuses.
void copy_schema_image(Db& db, const std::function<void(Db& image)>& add = {});

}  // namespace gb::data
