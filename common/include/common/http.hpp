// The HTTP every chapter speaks to the delay server: one request text and a
// response splitter. Deliberately tiny; HTTP is not what this tutorial teaches.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace common {

// "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".
// `Connection: close` makes the server close the stream after the response,
// so a reader knows the response is complete when read() returns 0 (EOF).
[[nodiscard]] std::string get_request(std::string_view path, std::string_view host);

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header with this name, compared case-insensitively.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

class HttpParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Splits a complete response (status line, headers, body) as read up to EOF.
// The body is what follows the blank line, cut to Content-Length when that
// header is present. Throws HttpParseError when the text is not a response or
// is shorter than its Content-Length.
[[nodiscard]] HttpResponse split_response(std::string_view raw);

// True when `raw` holds a whole response: its headers and, when it has a
// Content-Length, that many bytes of body. Without Content-Length only the
// end of the stream ends the body: pass at_eof = true once read() returned 0.
// Lets a reader stop at the last byte instead of waiting for the EOF.
// Malformed text is never "complete" before EOF; split_response says why.
[[nodiscard]] bool response_complete(std::string_view raw, bool at_eof = false);

}  // namespace common
