// Whether this build runs under AddressSanitizer. GCC defines
// __SANITIZE_ADDRESS__; clang (before 15) says so only through
// __has_feature, so code that asks one of them alone misses the other.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define GB_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GB_ADDRESS_SANITIZER 1
#endif
#endif

namespace gb {
#if defined(GB_ADDRESS_SANITIZER)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
}  // namespace gb
