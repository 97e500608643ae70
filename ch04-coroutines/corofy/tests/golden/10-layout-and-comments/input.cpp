// Your layout survives: comments above and beside statements, statements
// over several lines, a wait whose expression spans lines, blank lines, a
// nested block without waits, and comments after the last statement.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden10 {

coroutine std::vector<std::string> layout(std::string who) {
    // An indented body (four spaces) is re-indented to fit its state.
    std::vector<std::string> lines;  // lives across the wait

    {
        std::string scratch = "scoped " + who;  // a block without waits
        lines.push_back(scratch);
    }
    std::string answer =
        async::countdown(1,
                         std::string("multi-line")).wait;
    lines.push_back(
        answer);

    // After the last statement: a comment that ends the body.
    return lines;
    // And one after the return.
}

}  // namespace golden10
