# Turns a data file into a C++ source defining a char array and its size.
# Run as: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P EmbedFile.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Break the initialiser into lines so compilers and editors cope.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// GENERATED from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.
#include <cstddef>
namespace mhpbr {
namespace internal {
extern const char ${SYMBOL}[];
extern const size_t ${SYMBOL}Size;
const char ${SYMBOL}[] = {
${bytes}'\\0'};
const size_t ${SYMBOL}Size = ${size};
}  // namespace internal
}  // namespace mhpbr
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
