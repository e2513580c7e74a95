#include "data/schema_image.hpp"

#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "data/migrations.hpp"

namespace gb::data {

bool schema_image_usable() {
  const SchemaImage& image = schema_image();
  return image.sqlite_version == sqlite3_libversion_number() && image.schema_version == latest_schema_version() &&
         image.size >= 512 && !image.objects.empty();
}

std::string schema_image_bytes() {
  const SchemaImage& image = schema_image();
  std::string out(image.size, '\0');
  for (const auto& p : image.pieces) {
    if (p.offset > out.size() || p.bytes.size() > out.size() - p.offset)
      throw Error("the compiled-in schema image is damaged (rebuild govbench)");
    std::memcpy(out.data() + p.offset, p.bytes.data(), p.bytes.size());
  }
  return out;
}

namespace {

struct FinishBackup {
  void operator()(sqlite3_backup* b) const { sqlite3_backup_finish(b); }
};

}  // namespace

void copy_schema_image(Db& db) {
  const std::string bytes = schema_image_bytes();
  Db image = Db::open_memory();
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (!buf) throw Error("out of memory making the governance schema");
  std::memcpy(buf, bytes.data(), bytes.size());
  if (sqlite3_deserialize(image.handle(), "main", buf, static_cast<sqlite3_int64>(bytes.size()),
                          static_cast<sqlite3_int64>(bytes.size()),
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    throw Error("the compiled-in schema image is damaged (rebuild govbench)");

  const std::string where = db.path() == ":memory:" ? std::string("an in-memory database") : db.path().string();
  std::unique_ptr<sqlite3_backup, FinishBackup> backup(
      sqlite3_backup_init(db.handle(), "main", image.handle(), "main"));
  if (!backup) throw Error("cannot make the governance schema in " + where + ": " + sqlite3_errmsg(db.handle()));
  const int step = sqlite3_backup_step(backup.get(), -1);
  const int finish = sqlite3_backup_finish(backup.release());
  if (step != SQLITE_DONE || finish != SQLITE_OK)
    throw Error("cannot make the governance schema in " + where + ": " +
                sqlite3_errstr(step == SQLITE_DONE ? finish : step));
}

}  // namespace gb::data
