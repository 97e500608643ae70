#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exercise {

// Decode the %XX escapes of a URL path segment. See README.md.
std::optional<std::string> url_decode(std::string_view text);

}  // namespace exercise
