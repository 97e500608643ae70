// Reading a coroutine's signature: `[specifiers] coroutine [specifiers]
// TYPE NAME(PARAMETERS)` followed by its body or a `;`.
#pragma once

#include <cstddef>

#include "syntax.hpp"

namespace corofy {

// From the `coroutine` token at `keyword`. Throws RewriteError for what
// corofy does not rewrite: templates, deduced or reference return types,
// qualified names, function, array or variadic parameters.
[[nodiscard]] CoroutineDefinition parse_definition(const SourceFile& file, std::size_t keyword);

}  // namespace corofy
