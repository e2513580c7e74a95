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

namespace {

// Writes the image's bytes into `out` (image.size of them).
void unpack_image(unsigned char* out) {
  const SchemaImage& image = schema_image();
  std::memset(out, 0, image.size);
  for (const auto& p : image.pieces) {
    if (p.offset > image.size || p.bytes.size() > image.size - p.offset)
      throw Error("the compiled-in schema image is damaged (rebuild govbench)");
    std::memcpy(out + p.offset, p.bytes.data(), p.bytes.size());
  }
}

}  // namespace

std::string schema_image_bytes() {
  std::string out(schema_image().size, '\0');
  unpack_image(reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

namespace {

struct FinishBackup {
  void operator()(sqlite3_backup* b) const { sqlite3_backup_finish(b); }
};

}  // namespace

void copy_schema_image(Db& db, const std::function<void(Db& image)>& add) {
  const auto size = static_cast<sqlite3_int64>(schema_image().size);
  Db image = Db::open_memory();
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (!buf) throw Error("out of memory making the governance schema");
  try {
    unpack_image(buf);
  } catch (...) {
    sqlite3_free(buf);
    throw;
  }
  if (sqlite3_deserialize(image.handle(), "main", buf, size, size,
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    throw Error("the compiled-in schema image is damaged (rebuild govbench)");
  if (add) add(image);

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
