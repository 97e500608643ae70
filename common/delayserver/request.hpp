// The delay server's request handling without any I/O: finding the end of a
// request head, parsing it, URL decoding and formatting replies. Kept apart
// from the socket code so every rule is unit tested.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace delayserver {

struct Limits {
  std::size_t max_target = 8 * 1024;      // longer request target: 414
  std::size_t max_head = 16 * 1024;       // longer header block: 431
  std::uint64_t max_delay_ms = 60'000;    // longer delay: 400
};

// A reply that ends the connection: status and a one-line reason.
struct Rejection {
  int status = 400;
  std::string reason;
};

// What the bytes received so far amount to.
struct Incomplete {};                      // keep reading
struct HeadComplete { std::size_t length; };  // head is buffer[0, length), "\r\n\r\n" included
using HeadScan = std::variant<Incomplete, HeadComplete, Rejection>;

// Looks for the end of the head in what has arrived, enforcing the size
// limits before the whole head is there (so a client cannot make us buffer
// without bound): a request line longer than the target limit allows is a
// 414, a head longer than max_head a 431.
[[nodiscard]] HeadScan scan_head(std::string_view received, const Limits& limits);

// A valid `GET /{delay_ms}/{message}`.
struct DelayRequest {
  std::uint64_t delay_ms = 0;
  std::string message;     // URL-decoded
  bool keep_alive = true;  // HTTP/1.1 without `Connection: close`
};

// Parses a complete head (as found by scan_head).
[[nodiscard]] std::variant<DelayRequest, Rejection> parse_head(std::string_view head,
                                                               const Limits& limits);

// Decodes %XX escapes; other bytes (UTF-8 included) are kept as they are.
// nullopt for a '%' not followed by two hex digits.
[[nodiscard]] std::optional<std::string> url_decode(std::string_view text);

// The standard reason phrase for the statuses this server sends.
[[nodiscard]] std::string_view status_text(int status);

// A complete HTTP/1.1 response with a text/plain body.
[[nodiscard]] std::string format_response(int status, std::string_view body, bool close);

}  // namespace delayserver
