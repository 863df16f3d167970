// One row of a row-by-row input, however it was read (a CSV line, an
// element of a request): the record, where it came from, and why it was
// rejected. The readers fill it; the stages that stream rows take it.

#ifndef MHPBR_INPUT_ROW_H_
#define MHPBR_INPUT_ROW_H_

#include <cstdint>
#include <string>

namespace mhpbr {

// One row of a row-by-row input: the record, its line, and why it was
// rejected (empty when good).
template <typename T>
struct InputRow {
  T value;
  int64_t line = 0;
  std::string id;
  std::string error;
};

}  // namespace mhpbr

#endif  // MHPBR_INPUT_ROW_H_
