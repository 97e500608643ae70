// String helpers the HTTP code needs on both sides of the wire.
#pragma once

#include <algorithm>
#include <cctype>
#include <concepts>
#include <string>
#include <string_view>

namespace common {

// ASCII case-insensitive equality, as HTTP compares header names and tokens.
[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
[[nodiscard]] inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The parts (text and integers) appended into one string:
// cat("/", 250, "/r", 3) == "/250/r3", with one allocation's worth of
// appends instead of a temporary string per `+`.
template <typename... Parts>
  requires((std::integral<Parts> || std::convertible_to<const Parts&, std::string_view>) && ...)
[[nodiscard]] std::string cat(const Parts&... parts) {
  std::string out;
  const auto append = [&out](const auto& part) {
    if constexpr (std::integral<std::remove_cvref_t<decltype(part)>>) {
      out.append(std::to_string(part));
    } else {
      out.append(std::string_view(part));
    }
  };
  (append(parts), ...);
  return out;
}

}  // namespace common
