// libpq, loaded when team mode first needs it. Linked at start, libpq brings
// about 25 libraries (OpenSSL, Kerberos, LDAP, GnuTLS...) whose loading cost
// every command about as much as the drawing libraries did (core/module.hpp),
// though only team mode and the hub's pack registry talk to PostgreSQL.
//
// So govbench does not link libpq: each libpq function that pg.cpp and
// sync.cpp call is defined here, with libpq's own name and type (from
// libpq-fe.h, so a mismatch does not compile), and forwards to libpq, which
// the first call loads (core/lazy_library.hpp). A missing libpq is
// reported as a gb::Error from that first call: team mode fails with the
// reason, nothing else does.
#include <libpq-fe.h>

#include "core/lazy_library.hpp"

namespace {

// The soname of libpq 10 and later (libpq5 in Debian 12); the major version
// changes only when libpq's ABI does.
constexpr gb::LazyLibrary kLibpq{"libpq.so.5", "team mode (the PostgreSQL hub)", "libpq5"};

}  // namespace

// Defines libpq's function NAME as a call of the loaded library's.
#define GB_LIBPQ(ret, name, params, args) GB_LAZY_FUNCTION(kLibpq, ret, name, params, args)

extern "C" {

GB_LIBPQ(PGconn*, PQconnectdbParams, (const char* const* keywords, const char* const* values, int expand_dbname),
         (keywords, values, expand_dbname))
GB_LIBPQ(void, PQfinish, (PGconn * conn), (conn))
GB_LIBPQ(ConnStatusType, PQstatus, (const PGconn* conn), (conn))
GB_LIBPQ(PGTransactionStatusType, PQtransactionStatus, (const PGconn* conn), (conn))
GB_LIBPQ(char*, PQerrorMessage, (const PGconn* conn), (conn))
GB_LIBPQ(char*, PQuser, (const PGconn* conn), (conn))
GB_LIBPQ(char*, PQdb, (const PGconn* conn), (conn))
GB_LIBPQ(char*, PQhost, (const PGconn* conn), (conn))
GB_LIBPQ(char*, PQport, (const PGconn* conn), (conn))
GB_LIBPQ(int, PQsocket, (const PGconn* conn), (conn))
GB_LIBPQ(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn * conn, PQnoticeProcessor proc, void* arg), (conn, proc, arg))
GB_LIBPQ(int, PQconsumeInput, (PGconn * conn), (conn))
GB_LIBPQ(PGnotify*, PQnotifies, (PGconn * conn), (conn))
GB_LIBPQ(PGresult*, PQexec, (PGconn * conn, const char* query), (conn, query))
GB_LIBPQ(PGresult*, PQexecParams,
         (PGconn * conn, const char* command, int nParams, const Oid* paramTypes, const char* const* paramValues,
          const int* paramLengths, const int* paramFormats, int resultFormat),
         (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
GB_LIBPQ(ExecStatusType, PQresultStatus, (const PGresult* res), (res))
GB_LIBPQ(char*, PQresultErrorField, (const PGresult* res, int fieldcode), (res, fieldcode))
GB_LIBPQ(int, PQntuples, (const PGresult* res), (res))
GB_LIBPQ(int, PQnfields, (const PGresult* res), (res))
GB_LIBPQ(int, PQfformat, (const PGresult* res, int field_num), (res, field_num))
GB_LIBPQ(char*, PQgetvalue, (const PGresult* res, int tup_num, int field_num), (res, tup_num, field_num))
GB_LIBPQ(int, PQgetlength, (const PGresult* res, int tup_num, int field_num), (res, tup_num, field_num))
GB_LIBPQ(int, PQgetisnull, (const PGresult* res, int tup_num, int field_num), (res, tup_num, field_num))
GB_LIBPQ(void, PQclear, (PGresult * res), (res))
GB_LIBPQ(char*, PQescapeIdentifier, (PGconn * conn, const char* str, size_t len), (conn, str, len))
GB_LIBPQ(unsigned char*, PQunescapeBytea, (const unsigned char* strtext, size_t* retbuflen), (strtext, retbuflen))
GB_LIBPQ(PQconninfoOption*, PQconninfoParse, (const char* conninfo, char** errmsg), (conninfo, errmsg))
GB_LIBPQ(void, PQconninfoFree, (PQconninfoOption * connOptions), (connOptions))
GB_LIBPQ(void, PQfreemem, (void* ptr), (ptr))

}  // extern "C"
