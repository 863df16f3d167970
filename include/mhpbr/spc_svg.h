// Drawing SPC charts (spc.h) as inline SVG, no script and no images: the
// line of values with the mean, the process limits and the target, the
// special-cause points coloured as the Making Data Count guidance colours
// them (improvement blue, concern orange, neutral purple, common cause
// grey), and the variation and assurance icons as lettered circles.
//
//   std::string page = mhpbr::SpcSvgPage(*charts, "Monthly measures");

#ifndef MHPBR_SPC_SVG_H_
#define MHPBR_SPC_SVG_H_

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

}  // namespace mhpbr

#endif  // MHPBR_SPC_SVG_H_
