// Drawing SPC charts (spc.h) as inline SVG, no script and no images: the
// line of values with the mean, the process limits and the target, the
// special-cause points coloured as the Making Data Count guidance colours
// them (improvement blue, concern orange, neutral purple, common cause
// grey), and the variation and assurance icons as lettered circles.
//
//   std::string page = mhpbr::SpcSvgPage(*charts, "Monthly measures");

#ifndef MHPBR_SPC_SVG_H_
#define MHPBR_SPC_SVG_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mhpbr/spc.h"

namespace mhpbr {

// One chart, 760 x 240 px, for embedding in an HTML page.
std::string SvgSpcChart(const SpcChart& chart);

// One self-contained SVG document with every chart one under the other
// (so 40 series stay readable: each keeps its full size), and a key.
std::string SpcSvgPage(absl::Span<const SpcChart> charts,
                       absl::string_view title);

// The same page in pieces, for a caller that writes each chart as it is
// drawn instead of holding them all: the head for `charts` charts, then
// SpcSvgPageChart(i, chart) for each i from 0, then the tail.
std::string SpcSvgPageHead(size_t charts, absl::string_view title);
std::string SpcSvgPageChart(size_t index, const SpcChart& chart);
std::string SpcSvgPageTail();

}  // namespace mhpbr

#endif  // MHPBR_SPC_SVG_H_
