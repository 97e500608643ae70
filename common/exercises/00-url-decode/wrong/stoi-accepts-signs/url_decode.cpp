// WRONG: parses the two characters after '%' with std::stoi, which also accepts a sign. Caught by: a '%' followed by a sign or a space is an error
#include "url_decode.hpp"

#include <stdexcept>
#include <string>

namespace exercise {

std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    // The mistake: std::stoi also accepts a sign ("+1", "-1") and leading
    // white space, so "%+1" passes the "two characters used" check.
    std::size_t used = 0;
    int value = 0;
    try {
      value = std::stoi(std::string(text.substr(i + 1, 2)), &used, 16);
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
    if (used != 2) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

}  // namespace exercise
