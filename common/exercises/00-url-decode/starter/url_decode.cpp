#include "url_decode.hpp"

namespace exercise {

std::optional<std::string> url_decode(std::string_view text) {
  // TODO: walk `text`; copy ordinary bytes, turn "%XX" (two hex digits, either
  // case) into the byte 0xXX, and return std::nullopt for a '%' that is not
  // followed by two hex digits.
  return std::string(text);
}

}  // namespace exercise
