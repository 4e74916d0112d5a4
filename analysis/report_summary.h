// The first screen of a report: what was compared (scenario, variants, seeds, code version, command,
// date) and the answer (who wins what, the trade-off each policy makes), before any table. Generated
// from the comparison's numbers (verdict_text.h), in HTML and in Markdown.
#pragma once

#include <string>

#include "analysis/report.h"

namespace drydock {

std::string report_summary_html(const ReportInput& in);
std::string report_summary_markdown(const ReportInput& in);

}  // namespace drydock
